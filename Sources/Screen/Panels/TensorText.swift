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

    /// `[0.0169 0.0434 0.1200 …]`: as many entries as `width` columns hold, every one in the
    /// tensor's one form (`form(of:)`), the ellipsis only when some are left out. Nil when not
    /// even one entry fits: a narrow box shows fewer entries, never other digits.
    public static func entries(_ values: [Double], width: Int) -> String? {
        var formatted = Formatted(values)
        return entries(&formatted, width: width)
    }

    private static func entries(_ formatted: inout Formatted, width: Int) -> String? {
        let (text, count) = fitted(&formatted, width: width)
        return count > 0 ? text : nil
    }

    /// The one form a tensor's entries are written in wherever they show in short (graph box,
    /// params table, sentences, watch): the grid's rule (`GridFormat`: one count of decimals, or
    /// scientific for all) in at most six columns, so a box at 160×45 still holds an entry. It
    /// depends on the values alone: a box shows fewer entries, never other digits (`-0.731 0.695`
    /// in the box and the table, not `-0.73 0.695` beside `-0.731 0.6949`). The inspector's grid
    /// is the tensor in full: up to four significant digits, the lit entry whole in its title.
    /// A tensor scientific in one digit (`1e+00 -7e+00`, digits' z1 spanning 0.001 to 13) takes
    /// two more columns for a second (`1.3e+00 -7.0e+00`).
    static func form(of values: [Double]) -> GridFormat? {
        let form = GridFormat(values, maxWidth: entryWidth)
        guard let form, form.form == .scientific, form.decimals == 0 else { return form }
        return GridFormat(values, maxWidth: entryWidth + 2) ?? form
    }

    /// The widest entry of a short tensor text.
    static let entryWidth = 6

    /// `value` over at most `rows` rows where one row cannot show every entry: `[0.12 -0.4 0.5` in
    /// `firstWidth` columns, then ` 0.7 0.1 …]` in `width` (a box's later rows have no label before
    /// them), entries as wide as on one row. A number, or a tensor that more rows would not show
    /// more of, is the one row `value` writes.
    public static func valueRows(_ values: [Double], _ shape: Shape, firstWidth: Int, width: Int, rows: Int) -> [String] {
        countedRows(values, shape, firstWidth: firstWidth, width: width, rows: rows).rows
    }

    /// `valueRows` and how many entries it shows (a number counts as one).
    public static func countedRows(_ values: [Double], _ shape: Shape, firstWidth: Int, width: Int, rows: Int) -> (rows: [String], count: Int) {
        var formatted = Formatted(values)
        return countedRows(&formatted, shape, firstWidth: firstWidth, width: width, rows: rows)
    }

    /// `countedRows` on entries formatted once for every try (a box tries each count of rows
    /// for each of its tensors, and a frame of deep193 lays out dozens of boxes).
    static func countedRows(_ formatted: inout Formatted, _ shape: Shape, firstWidth: Int, width: Int, rows: Int) -> (rows: [String], count: Int) {
        let values = formatted.values
        guard shape.count > 1 else { return ([value(values, shape, width: firstWidth)], 1) }
        let inOne = fitted(&formatted, width: firstWidth)
        let one = inOne.count > 0 ? inOne.text : "\(shape.rows)×\(shape.cols)"
        guard rows > 1 else { return ([one], inOne.count) }
        let best = packed(&formatted, firstWidth: firstWidth, width: width, rows: rows)
        return best.count > inOne.count ? best : ([one], inOne.count)
    }

    private static func fitted(_ formatted: inout Formatted, width: Int) -> (text: String, count: Int) {
        var text = "[", length = 1
        let count = formatted.values.count
        for i in 0..<count {
            let item = formatted.entry(i)
            let gap = i == 0 ? 0 : 1
            // This entry and the closing bracket, or ` …]` too when more entries follow.
            let needed = length + gap + item.count + (i == count - 1 ? 1 : 3)
            guard needed <= width else { return (text + (i == 0 ? "…]" : " …]"), i) }
            text += (gap == 0 ? "" : " ") + item
            length += gap + item.count
        }
        return (text + "]", count)
    }

    /// The most entries that `rows` rows show, the first row `firstWidth` columns and later ones
    /// `width` (each starting with a space), the last ending in `]` or ` …]`.
    private static func packed(_ formatted: inout Formatted, firstWidth: Int, width: Int, rows: Int) -> (rows: [String], count: Int) {
        // Every entry takes its own columns and one more (the `[` or the space before it), so no
        // layout holds more entries than fill all the rows' columns that way: only those are tried.
        let capacity = max(0, firstWidth) + max(0, rows - 1) * max(0, width)
        var items: [String] = [], used = 0
        for i in 0..<formatted.values.count {
            let item = formatted.entry(i)
            guard used + item.count + 1 <= capacity else { break }
            items.append(item)
            used += item.count + 1
        }
        let total = formatted.values.count
        func laid(_ n: Int) -> [String]? {
            let end = n == total ? "]" : " …]", endLength = n == total ? 1 : 3
            var done: [String] = [], row = "[", length = 1
            for (i, item) in items.prefix(n).enumerated() {
                let tail = i == n - 1 ? endLength : 0
                var room = done.isEmpty ? firstWidth : width
                let bare = length == 1 && row == "["
                // A row breaks before an entry that does not fit; after a lone `[` too, when the
                // label leaves the first row too little room (`grad [` then ` -0.75 -0.8 …]`).
                if (!bare || width > firstWidth) && length + (bare ? 0 : 1) + item.count + tail > room {
                    done.append(row)
                    row = ""
                    length = 0
                    room = width
                }
                let gap = length == 1 && row == "[" ? 0 : 1
                row += (gap == 0 ? "" : " ") + item
                length += gap + item.count
                if length + tail > room { return nil }
            }
            done.append(row + end)
            return done.count <= rows ? done : nil
        }
        for n in stride(from: items.count, through: 1, by: -1) {
            if let rows = laid(n) { return (rows, n) }
        }
        return ([], 0)
    }

    /// A tensor's entries in its one form (`form(of:)`), each formatted at most once.
    struct Formatted {
        let values: [Double]
        private let text: (Double) -> String
        /// The entries formatted so far, from the first.
        private var done: [String] = []

        init(_ values: [Double]) {
            self.values = values
            // No form in six columns (`-2e-05` beside `1e+30`, say): each entry its own shortest in seven.
            text = TensorText.form(of: values)?.text ?? { NumberFormat.compact($0, maxWidth: TensorText.entryWidth + 1) }
        }

        mutating func entry(_ i: Int) -> String {
            while done.count <= i { done.append(text(values[done.count])) }
            return done[i]
        }
    }
}
