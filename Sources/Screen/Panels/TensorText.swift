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

    /// `value` over at most `rows` rows where one row cannot show every entry: `[0.12 -0.4 0.5` in
    /// `firstWidth` columns, then ` 0.7 0.1 …]` in `width` (a box's later rows have no label before
    /// them), entries as wide as on one row. A number, or a tensor that more rows would not show
    /// more of, is the one row `value` writes.
    public static func valueRows(_ values: [Double], _ shape: Shape, firstWidth: Int, width: Int, rows: Int) -> [String] {
        countedRows(values, shape, firstWidth: firstWidth, width: width, rows: rows).rows
    }

    /// `valueRows` and how many entries it shows (a number counts as one).
    public static func countedRows(_ values: [Double], _ shape: Shape, firstWidth: Int, width: Int, rows: Int) -> (rows: [String], count: Int) {
        let one = value(values, shape, width: firstWidth)
        guard shape.count > 1 else { return ([one], 1) }
        let shownInOne = entries(values, width: firstWidth) == nil ? 0
            : max(1, [6, 5].map { fitted(values, width: firstWidth, entryWidth: $0).count }.max() ?? 0)
        guard rows > 1 else { return ([one], shownInOne) }
        func packed(_ entryWidth: Int) -> (rows: [String], count: Int) {
            Self.packed(values, firstWidth: firstWidth, width: width, rows: rows, entryWidth: entryWidth)
        }
        let six = packed(6), five = packed(5)
        let best = five.count > six.count ? five : six
        return best.count > shownInOne ? best : ([one], shownInOne)
    }

    /// One entry in `entryWidth` columns, or nil when no honest form fits. A minus sign may take
    /// one more column rather than let a small negative number read as `-0.0` (`-0.002`, `-2e-05`
    /// have no five-column form in Python's style); below five columns `compact` may give up.
    private static func entry(_ v: Double, width entryWidth: Int) -> String? {
        var item = NumberFormat.compact(v, maxWidth: entryWidth), room = entryWidth
        if v < 0, Double(item) == 0 {
            room += 1
            item = NumberFormat.compact(v, maxWidth: room)
        }
        return item.count <= room && (v == 0 || Double(item) != 0) ? item : nil
    }

    private static func fitted(_ values: [Double], width: Int, entryWidth: Int) -> (text: String, count: Int) {
        var text = "["
        for (i, v) in values.enumerated() {
            let item = entry(v, width: entryWidth)
            let gap = i == 0 ? "" : " "
            // This entry and the closing bracket, or ` …]` too when more entries follow.
            let needed = text.count + gap.count + (item?.count ?? 0) + (i == values.count - 1 ? 1 : 3)
            guard let item, needed <= width else { return (text + (i == 0 ? "…]" : " …]"), i) }
            text += gap + item
        }
        return (text + "]", values.count)
    }

    /// The most entries (entries of `entryWidth`) that `rows` rows show, the first row `firstWidth`
    /// columns and later ones `width` (each starting with a space), the last ending in `]` or ` …]`.
    private static func packed(_ values: [Double], firstWidth: Int, width: Int, rows: Int, entryWidth: Int) -> (rows: [String], count: Int) {
        var items: [String] = []
        for v in values {
            guard let item = entry(v, width: entryWidth) else { break }
            items.append(item)
        }
        func laid(_ n: Int) -> [String]? {
            let end = n == values.count ? "]" : " …]"
            var done: [String] = [], row = "["
            for (i, item) in items.prefix(n).enumerated() {
                let tail = i == n - 1 ? end.count : 0
                var room = done.isEmpty ? firstWidth : width
                // A row breaks before an entry that does not fit; after a lone `[` too, when the
                // label leaves the first row too little room (`grad [` then ` -0.75 -0.8 …]`).
                if (row != "[" || width > firstWidth) && row.count + (row == "[" ? 0 : 1) + item.count + tail > room {
                    done.append(row)
                    row = ""
                    room = width
                }
                row += (row == "[" ? "" : " ") + item
                if row.count + tail > room { return nil }
            }
            done.append(row + end)
            return done.count <= rows ? done : nil
        }
        for n in stride(from: items.count, through: 1, by: -1) {
            if let rows = laid(n) { return (rows, n) }
        }
        return ([], 0)
    }
}
