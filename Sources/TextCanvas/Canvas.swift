/// A grid of cells that panels render into; the terminal presents it, tests read it as text.
public struct Canvas: Equatable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]
    /// Write text folded to ASCII (`--ascii`): ŷ as y_hat, × as *, so no stand-in is mistaken for a name.
    public var foldsText = false

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { bounds.contains(x: x, y: y) ? cells[y * width + x] : .blank }
        set { if bounds.contains(x: x, y: y) { cells[y * width + x] = newValue } }
    }

    /// Sets one cell if it lies inside `clip` (and the canvas).
    public mutating func put(_ character: Character, x: Int, y: Int, style: Style = .normal, clip: Rect? = nil) {
        let area = clip.map { $0.intersection(bounds) } ?? bounds
        guard area.contains(x: x, y: y) else { return }
        self[x, y] = Cell(character, style)
    }

    /// Changes the style of the cells of `rect` and keeps their characters.
    public mutating func restyle(_ rect: Rect, _ style: Style) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { cells[y * width + x].style = style }
        }
    }

    /// Fills `rect` with one character.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .normal) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { cells[y * width + x] = Cell(character, style) }
        }
    }

    /// Writes `text` from (x, y) to the right, clipped to `clip`; returns the column after the text.
    @discardableResult
    public mutating func write(_ text: some StringProtocol, x: Int, y: Int, style: Style = .normal, clip: Rect? = nil) -> Int {
        if foldsText && !text.allSatisfy(\.isASCII) {
            return writeCells(AsciiFold.text(text), x: x, y: y, style: style, clip: clip)
        }
        return writeCells(text, x: x, y: y, style: style, clip: clip)
    }

    /// `write` for a String: the generic one, called from other modules, walked every character
    /// through the protocol's witnesses (specialized here, as panels write Strings).
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .normal, clip: Rect? = nil) -> Int {
        if foldsText && !text.utf8.allSatisfy({ $0 < 0x80 }) {
            return writeCells(AsciiFold.text(text), x: x, y: y, style: style, clip: clip)
        }
        return writeCells(text, x: x, y: y, style: style, clip: clip)
    }

    private mutating func writeCells(_ text: some StringProtocol, x: Int, y: Int, style: Style, clip: Rect?) -> Int {
        let area = clip.map { $0.intersection(bounds) } ?? bounds
        var column = x
        guard y >= area.y, y < area.maxY else { return x + displayWidth(of: text) }
        for character in text {
            let w = displayWidth(of: character)
            if w == 0 { continue }
            if column >= area.x && column + w <= area.maxX {
                cells[y * width + column] = Cell(character == SeparatorDot.marked ? SeparatorDot.shown : character, style)
                if w == 2 { cells[y * width + column + 1] = .continuation }
            } else if column >= area.x && column < area.maxX {
                cells[y * width + column] = Cell(" ", style) // a wide character cut by the edge
            }
            column += w
        }
        return column
    }

    /// Copies `other` onto this canvas with its top-left corner at (x, y), clipped to `clip`.
    public mutating func blit(_ other: Canvas, x: Int, y: Int, clip: Rect? = nil) {
        let area = (clip ?? bounds).intersection(bounds)
        for oy in 0..<other.height {
            for ox in 0..<other.width where area.contains(x: x + ox, y: y + oy) {
                self[x + ox, y + oy] = other[ox, oy]
            }
        }
    }

    /// One row as plain text, wide characters once, trailing spaces kept.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var text = ""
        for x in 0..<width {
            let cell = cells[y * width + x]
            if !cell.isContinuation { text.append(cell.character) }
        }
        return text
    }

    /// Every row as plain text.
    public var lines: [String] { (0..<height).map(line) }

    /// The screen as text: rows joined by newlines, trailing spaces trimmed (what `frame` prints).
    ///
    /// Built once, row by row, up to each row's last visible cell, as UTF-8 bytes: trimming
    /// finished lines by reversing them was a fifth of a whole frame, and appending Characters to
    /// a String (each compared and measured as a grapheme) a tenth of a first frame.
    public var text: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(width * height + height)
        for y in 0..<height {
            if y > 0 { bytes.append(0x0A) }
            let row = y * width
            var end = width
            while end > 0, Self.isSpaceOrNothing(cells[row + end - 1].character.utf8) { end -= 1 }
            for x in 0..<end {
                let utf8 = cells[row + x].character.utf8
                // A wide character's second column (the continuation, U+0000) prints nothing.
                if utf8.count == 1, let byte = utf8.first {
                    if byte != 0 { bytes.append(byte) }
                } else {
                    bytes.append(contentsOf: utf8)
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A blank cell or a continuation: what a trimmed row does not end in.
    private static func isSpaceOrNothing(_ utf8: Character.UTF8View) -> Bool {
        utf8.count == 1 && (utf8.first == 0x20 || utf8.first == 0)
    }

    /// Runs of equal style on row y: (column, text, style); how a terminal draws with few calls.
    public func runs(row y: Int) -> [(x: Int, text: String, style: Style)] {
        guard y >= 0, y < height, width > 0 else { return [] }
        var result: [(x: Int, text: String, style: Style)] = []
        var start = 0
        var text = ""
        var style = cells[y * width].style
        for x in 0..<width {
            let cell = cells[y * width + x]
            if cell.isContinuation { continue }
            if cell.style != style {
                if !text.isEmpty { result.append((start, text, style)) }
                start = x
                text = ""
                style = cell.style
            }
            text.append(cell.character)
        }
        if !text.isEmpty { result.append((start, text, style)) }
        return result
    }

    /// Rows that differ from `previous` (all rows when sizes differ): what a terminal redraws.
    public func changedRows(since previous: Canvas?) -> [Int] {
        guard let previous, previous.width == width, previous.height == height else { return Array(0..<height) }
        return (0..<height).filter { y in
            cells[(y * width)..<((y + 1) * width)] != previous.cells[(y * width)..<((y + 1) * width)]
        }
    }
}
