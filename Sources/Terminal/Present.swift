import CNcursesw
import TextCanvas

extension TerminalScreen {
    /// Draws the rows that changed since the last canvas presented, then refreshes once.
    public func present(_ canvas: Canvas) {
        guard isOpen else { return }
        let (columns, rows) = size
        let full = presented == nil
        // A fresh start (first frame, resize, resume) may leave cells the canvas does not cover.
        if full { bp_erase() }
        for y in canvas.changedRows(since: presented) where y < rows {
            for run in canvas.runs(row: y) {
                for piece in pieces(of: run, columns: columns) {
                    draw(piece.text, x: piece.x, y: y, style: run.style, isLastRow: y == rows - 1, columns: columns)
                }
            }
        }
        presented = canvas
        bp_refresh()
    }

    /// Splits a run where the terminal's idea of a character's width differs from ours, so that
    /// one odd character cannot shift the rest of the row; clips at the right edge (ncurses
    /// would wrap onto the next row) and shows control characters as spaces.
    func pieces(of run: (x: Int, text: String, style: Style), columns: Int) -> [(x: Int, text: String)] {
        var result: [(x: Int, text: String)] = []
        var start = run.x
        var text = ""
        var column = run.x
        for character in run.text {
            let width = max(1, displayWidth(of: character))
            guard column + width <= columns else { break }
            let printable = displayWidth(of: character) == 0 ? " " : character
            let scalar = printable.unicodeScalars.first?.value ?? 32
            let agrees = scalar < 0x80 || Int(bp_wcwidth(scalar)) == width
            if agrees {
                if text.isEmpty { start = column }
                text.append(printable)
            } else {
                if !text.isEmpty { result.append((start, text)) }
                result.append((column, String(printable)))
                text = ""
            }
            column += width
        }
        if !text.isEmpty { result.append((start, text)) }
        return result
    }

    /// Writes one piece; the bottom-right cell is inserted rather than added, because adding
    /// there would move the cursor past the end of the screen.
    private func draw(_ text: String, x: Int, y: Int, style: Style, isLastRow: Bool, columns: Int) {
        let look = palette.look(style)
        let pair: Int16 = palette.usesColour ? Palette.pair(style, pairs: pairs) : 0
        bp_set_style(pair, look.bold ? 1 : 0, look.dim ? 1 : 0, look.reverse ? 1 : 0)
        if isLastRow, x + displayWidth(of: text) == columns, let last = text.last {
            let head = String(text.dropLast())
            if !head.isEmpty { _ = bp_write(Int32(y), Int32(x), head) }
            _ = bp_insert(Int32(y), Int32(columns - displayWidth(of: last)), String(last))
        } else {
            _ = bp_write(Int32(y), Int32(x), text)
        }
    }
}
