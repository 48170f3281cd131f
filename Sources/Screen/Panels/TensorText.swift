import Autograd
import Scenario

/// Short text for a tensor in a fixed width: a number, or the shape and as many entries as fit.
public enum TensorText {
    /// `2×3 [0.12 -0.4 …]` in at most `width` columns; a tensor of one entry is that number.
    public static func describe(_ values: [Double], _ shape: Shape, width: Int = 22) -> String {
        if shape.count == 1 { return NumberFormat.compact(values.first ?? .nan, maxWidth: max(5, width)) }
        let head = "\(shape.rows)×\(shape.cols)"
        return entries(values, width: width - head.count - 1).map { head + " " + $0 } ?? head
    }

    /// A number, or `[0.0169 0.0434 0.12 …]`, in at most `width` columns; a tensor none of whose
    /// entries fits is written as its shape (`3×2`).
    public static func value(_ values: [Double], _ shape: Shape, width: Int) -> String {
        if shape.count == 1 { return NumberFormat.compact(values.first ?? .nan, maxWidth: max(5, width)) }
        return entries(values, width: width) ?? "\(shape.rows)×\(shape.cols)"
    }

    /// `[0.0169 0.0434 0.12 …]`: as many entries as `width` columns hold, all shortened by
    /// precision to the same width (never cut; six columns, or five when that shows more), the
    /// ellipsis only when some are left out. Nil when not even one entry fits in three columns.
    public static func entries(_ values: [Double], width: Int) -> String? {
        let (text, count) = [6, 5].map { fitted(values, width: width, entryWidth: $0) }.max { $0.count < $1.count } ?? ("", 0)
        if count > 0 { return text }
        // A narrow box: one entry, shortened further (`[-1.0 …]`), still a number and not a cut one.
        for entryWidth in [4, 3] {
            let one = fitted(values, width: width, entryWidth: entryWidth)
            if one.count > 0 { return one.text }
        }
        return nil
    }

    private static func fitted(_ values: [Double], width: Int, entryWidth: Int) -> (text: String, count: Int) {
        var text = "["
        for (i, v) in values.enumerated() {
            var item = NumberFormat.compact(v, maxWidth: entryWidth), room = entryWidth
            // A minus sign may take one more column rather than let a small negative number read
            // as `-0.0` (`-0.002`, `-2e-05` have no five-column form in Python's style).
            if v < 0, Double(item) == 0 {
                room += 1
                item = NumberFormat.compact(v, maxWidth: room)
            }
            // Below five columns `compact` may give up; a non-zero number must not read as zero.
            let honest = item.count <= room && (v == 0 || Double(item) != 0)
            let gap = i == 0 ? "" : " "
            // This entry and the closing bracket, or ` …]` too when more entries follow.
            let needed = text.count + gap.count + item.count + (i == values.count - 1 ? 1 : 3)
            if !honest || needed > width { return (text + (i == 0 ? "…]" : " …]"), i) }
            text += gap + item
        }
        return (text + "]", values.count)
    }
}
