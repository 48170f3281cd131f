import Scenario
import TextCanvas

/// A tensor whole, as a grid: a title row (`∂loss/∂h 3×8 · [1,4] largest`), then one row per
/// matrix row, columns aligned, every entry when it fits. Entries are shortened by precision to
/// a common width, never cut (`9.09e-13`); what does not fit scrolls, and the title says which
/// rows and columns show. The entry being discussed is lit and kept in view.
public struct TensorGrid: Panel {
    public var glyphs: Glyphs = .unicode
    public var title: String
    public var values: [Double]
    public var rows: Int
    public var cols: Int
    /// The entry the inspector's lines are about (row-major index), drawn in the active style.
    public var highlight: Int?
    /// Why that entry is lit, after its index in the title (`largest`).
    public var highlightNote = ""
    /// The style of the other entries (values or gradients).
    public var style: Style = .value
    /// Rows and columns scrolled from where the grid shows by itself (the lit entry in view).
    public var scroll = GridScroll()

    public init(title: String, values: [Double], rows: Int, cols: Int, highlight: Int? = nil) {
        self.title = title
        self.values = values
        self.rows = rows
        self.cols = cols
        self.highlight = highlight
    }

    /// Rows it needs to show every entry: the title and one per matrix row.
    public var fullHeight: Int { 1 + rows }

    /// Widest entry (columns): four significant digits in at most eight columns.
    static let widestEntry = 8
    /// What shows in a rectangle: the entry width, and the window of rows and columns.
    public struct Window: Equatable, Sendable {
        public var entryWidth: Int
        public var top: Int
        public var left: Int
        public var shownRows: Int
        public var shownCols: Int
    }

    /// One form for every entry of the grid in `width` columns (`GridFormat`), else each entry in its own.
    func texts(width: Int) -> (Double) -> String {
        if let format = GridFormat(values, maxWidth: width) { return format.text }
        return { NumberFormat.compact($0, maxWidth: width, significantDigits: 4) }
    }

    /// The window for `width`×`height` cells: every column when entries of at least five
    /// columns allow it, else as many as fit; the lit entry in view, then moved by `scroll`.
    public func window(width: Int, height: Int) -> Window {
        let natural = max(3, GridFormat(values, maxWidth: Self.widestEntry)?.width ?? Self.widestEntry)
        var entryWidth = natural, shownCols = cols
        if cols * (natural + 1) - 1 > width {
            let even = (width + 1) / max(1, cols) - 1
            // Fewer digits, one form for all, where every entry still reads as itself (`-2e-05` needs six).
            if even >= 5, GridFormat(values, maxWidth: even) != nil {
                entryWidth = even
            } else {
                // Scrolling anyway: six columns, honest for every value.
                entryWidth = GridFormat(values, maxWidth: 6) == nil ? natural : min(natural, 6)
                shownCols = max(1, min(cols, (width + 1) / (entryWidth + 1)))
            }
        }
        let shownRows = max(0, min(rows, height - 1))
        let (hr, hc) = highlight.map { ($0 / max(1, cols), $0 % max(1, cols)) } ?? (0, 0)
        let autoTop = max(0, hr - shownRows + 1), autoLeft = max(0, hc - shownCols + 1)
        let top = min(max(0, autoTop + scroll.rows), max(0, rows - shownRows))
        let left = min(max(0, autoLeft + scroll.cols), max(0, cols - shownCols))
        return Window(entryWidth: entryWidth, top: top, left: left, shownRows: shownRows, shownCols: shownCols)
    }

    /// The title, which rows and columns show when part is hidden, then the lit entry; parts
    /// that do not fit are left out whole.
    func heading(_ w: Window, width: Int) -> String {
        func span(_ first: Int, _ count: Int, _ all: Int, _ word: String) -> String {
            count == 1 ? "⸱ \(word) \(first) of \(all)" : "⸱ \(word)s \(first)–\(first + count - 1) of \(all)"
        }
        var parts = [title]
        if w.shownRows < rows { parts.append(span(w.top, w.shownRows, rows, "row")) }
        if w.shownCols < cols { parts.append(span(w.left, w.shownCols, cols, "col")) }
        if let highlight, cols > 0, highlight < values.count {
            // The lit entry in all its digits: the grid's columns may have rounded it.
            parts.append("⸱ [\(highlight / cols),\(highlight % cols)] = \(NumberFormat.short(values[highlight]))")
        }
        if highlight != nil && !highlightNote.isEmpty { parts.append(highlightNote) }
        var head = ""
        for part in parts {
            let next = head.isEmpty ? part : head + " " + part
            if displayWidth(of: next) > width && !head.isEmpty { break }
            head = next
        }
        return head
    }

    public func render(into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty, rows > 0, cols > 0, values.count >= rows * cols else { return }
        let w = window(width: rect.width, height: rect.height)
        canvas.fill(rect)
        canvas.write(heading(w, width: rect.width), x: rect.x, y: rect.y, style: .dim, clip: rect)
        let text = texts(width: w.entryWidth)
        for r in 0..<w.shownRows {
            var x = rect.x
            for c in 0..<w.shownCols {
                let i = (w.top + r) * cols + w.left + c
                let v = values[i]
                let cell = text(v)
                let look: Style = i == highlight ? .active : !v.isFinite ? .bad : v == 0 ? .dim : style
                canvas.write(cell, x: x + w.entryWidth - displayWidth(of: cell), y: rect.y + 1 + r, style: look, clip: rect)
                x += w.entryWidth + 1
            }
        }
    }
}

/// How far the inspector's grids are scrolled from where they show by itself: ↑ ↓ rows, { } columns.
public struct GridScroll: Equatable, Sendable {
    public var rows = 0
    public var cols = 0

    public init(rows: Int = 0, cols: Int = 0) {
        self.rows = rows
        self.cols = cols
    }
}
