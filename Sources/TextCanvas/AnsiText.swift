/// A canvas as ANSI escape sequences: the one encoder behind every presenter that is not ncurses —
/// the asciicast recording and the screens served over SSH. From one frame to the next it writes
/// only the cells that changed (a cursor move, then the cells, a style change only where the style
/// changes), in the colours the terminal takes (24-bit, 256, 8 or none) and in UTF-8 or ASCII.
public struct AnsiText: Sendable {
    public let palette: Palette
    /// Write every character as ASCII (a terminal without UTF-8): what `--ascii` did not fold already is folded here.
    public let ascii: Bool
    /// The SGR sequence of each style role, by its raw value, made once.
    private let sgrBytes: [[UInt8]]

    /// Unchanged cells between two changes that are written over rather than jumped (a cursor move costs about as much).
    static let gapWorthRewriting = 6

    /// Recordings use the 256-colour palette (asciinema players show it everywhere); `depth`
    /// `.direct` writes 24-bit colours, as the screen does on a direct-colour terminal.
    public init(theme: Theme, depth: ColourDepth = .palette256, usesColour: Bool = true, ascii: Bool = false) {
        let palette = Palette(theme: theme, usesColour: usesColour && theme != .mono, depth: depth)
        self.palette = palette
        self.ascii = ascii
        var table = [[UInt8]](repeating: [], count: 256)
        for style in Style.allCases { table[Int(style.rawValue)] = Array(Self.sgr(style, palette: palette).utf8) }
        sgrBytes = table
    }

    /// SGR parameters for a style: reset, attributes, foreground, background (the theme's unless the role has its own).
    public func sgr(_ style: Style) -> String { String(decoding: sgrBytes[Int(style.rawValue)], as: UTF8.self) }

    static func sgr(_ style: Style, palette: Palette) -> String {
        let look = palette.look(style)
        var codes = ["0"]
        if look.bold { codes.append("1") }
        if look.dim { codes.append("2") }
        if look.reverse { codes.append("7") }
        let (foreground, background) = palette.colours(style)
        if palette.usesColour && foreground >= 0 { codes.append(colour(foreground, background: false, depth: palette.depth)) }
        if palette.usesColour && background >= 0 { codes.append(colour(background, background: true, depth: palette.depth)) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    /// `38;2;r;g;b` in direct colour, `38;5;n` from the palette, `3n` with eight colours (48, 4n behind).
    static func colour(_ c: Int32, background: Bool, depth: ColourDepth) -> String {
        switch depth {
        case .direct: return "\(background ? 48 : 38);2;\(c >> 16 & 0xff);\(c >> 8 & 0xff);\(c & 0xff)"
        case .palette256: return "\(background ? 48 : 38);5;\(c)"
        case .eight: return "\((background ? 40 : 30) + c)"
        }
    }

    /// Escape sequences that turn `previous` (nil: whatever the terminal shows) into `canvas`;
    /// empty when nothing changed. A first frame, or one of another size, clears and draws whole.
    public func frame(_ canvas: Canvas, after previous: Canvas?) -> String {
        var bytes: [UInt8] = []
        encode(canvas, after: previous, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// As `frame`, appended to `out` as bytes (what a server writes to a socket).
    public func encode(_ canvas: Canvas, after previous: Canvas?, into out: inout [UInt8]) {
        let whole = previous == nil || previous?.width != canvas.width || previous?.height != canvas.height
        let start = out.count
        if whole {
            // Cursor hidden, home, screen cleared: nothing the terminal showed before stays.
            out.append(contentsOf: Array("\u{1B}[?25l\u{1B}[0m\u{1B}[H\u{1B}[2J".utf8))
        }
        var current: Style?
        let width = canvas.width
        for y in 0..<canvas.height {
            var x = 0
            while x < width {
                guard let spanStart = whole ? x : firstChange(canvas, previous, y: y, from: x) else { break }
                var begin = spanStart
                // A change on the right half of a wide character redraws the character.
                if begin > 0 && canvas[begin, y].isContinuation && displayWidth(of: canvas[begin - 1, y].character) == 2 { begin -= 1 }
                var end = whole ? width : spanEnd(canvas, previous, y: y, from: spanStart)
                if end < width && canvas[end, y].isContinuation { end += 1 }
                moveCursor(x: begin, y: y, into: &out)
                writeCells(canvas, y: y, from: begin, to: end, style: &current, into: &out)
                x = end
            }
        }
        if out.count > start || whole { out.append(contentsOf: Self.reset) }
    }

    static let reset: [UInt8] = Array("\u{1B}[0m".utf8)

    /// The first column at or after `x` whose cell differs from the previous frame's.
    private func firstChange(_ canvas: Canvas, _ previous: Canvas?, y: Int, from x: Int) -> Int? {
        guard let previous else { return x }
        let row = y * canvas.width
        var column = x
        while column < canvas.width {
            if canvas.cells[row + column] != previous.cells[row + column] { return column }
            column += 1
        }
        return nil
    }

    /// One past the last column of the span of changes that starts at `x`: it runs on over
    /// unchanged cells while the next change is near enough that rewriting beats moving.
    private func spanEnd(_ canvas: Canvas, _ previous: Canvas?, y: Int, from x: Int) -> Int {
        guard let previous else { return canvas.width }
        let row = y * canvas.width
        var end = x + 1
        var column = x + 1
        while column < canvas.width && column - end <= Self.gapWorthRewriting {
            if canvas.cells[row + column] != previous.cells[row + column] { end = column + 1 }
            column += 1
        }
        return end
    }

    /// `ESC [ row ; col H`, one-based.
    private func moveCursor(x: Int, y: Int, into out: inout [UInt8]) {
        out.append(contentsOf: [0x1B, UInt8(ascii: "[")])
        appendDecimal(y + 1, into: &out)
        out.append(UInt8(ascii: ";"))
        appendDecimal(x + 1, into: &out)
        out.append(UInt8(ascii: "H"))
    }

    private func appendDecimal(_ n: Int, into out: inout [UInt8]) {
        if n >= 10 { appendDecimal(n / 10, into: &out) }
        out.append(UInt8(ascii: "0") + UInt8(n % 10))
    }

    private func writeCells(_ canvas: Canvas, y: Int, from begin: Int, to end: Int, style current: inout Style?, into out: inout [UInt8]) {
        let row = y * canvas.width
        var x = begin
        while x < end {
            let cell = canvas.cells[row + x]
            if current != cell.style {
                out.append(contentsOf: sgrBytes[Int(cell.style.rawValue)])
                current = cell.style
            }
            if cell.isContinuation {
                // The right half of a wide character is drawn by the character; alone (its
                // character overwritten) it is a blank.
                if !(x > 0 && displayWidth(of: canvas.cells[row + x - 1].character) == 2) { out.append(UInt8(ascii: " ")) }
            } else if cell.character.isASCII {
                for byte in cell.character.utf8 { out.append(byte < 0x20 || byte == 0x7F ? UInt8(ascii: " ") : byte) }
            } else if ascii {
                let folded = AsciiFold.fold(cell.character, after: x > 0 ? canvas.cells[row + x - 1].character : nil,
                                            before: x + 1 < canvas.width ? canvas.cells[row + x + 1].character : nil)
                out.append(contentsOf: displayWidth(of: cell.character) == 2 ? Array("\(folded) ".utf8) : Array(folded.utf8))
            } else {
                out.append(contentsOf: cell.character.utf8)
            }
            x += 1
        }
    }
}
