import TextCanvas

/// A small terminal for tests: it reads what the ANSI encoder writes (cursor moves, clears, SGR,
/// UTF-8 text) into a grid, so a test can compare what a client would see with the canvas sent.
public struct AnsiScreen: Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    /// Each cell's text and the SGR parameters it was written with.
    public private(set) var cells: [(text: String, sgr: String)]
    public private(set) var cursor = (x: 0, y: 0)
    private var sgr = "0"
    private var pending: [UInt8] = []

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        cells = Array(repeating: (" ", "0"), count: max(0, width * height))
    }

    /// A new size, as a terminal window resized: the grid starts blank.
    public mutating func resize(width: Int, height: Int) {
        self = AnsiScreen(width: width, height: height)
    }

    /// Reads bytes as a terminal would; an escape cut between two calls is completed by the next.
    public mutating func feed(_ bytes: some Sequence<UInt8>) {
        pending.append(contentsOf: bytes)
        var i = 0
        let b = pending
        while i < b.count {
            if b[i] == 0x1B {
                guard i + 1 < b.count else { break }
                if b[i + 1] != UInt8(ascii: "[") { i += 2; continue }
                var j = i + 2
                while j < b.count && !(0x40...0x7E).contains(b[j]) { j += 1 }
                guard j < b.count else { break }
                let params = String(decoding: b[(i + 2)..<j], as: UTF8.self)
                control(params, final: b[j])
                i = j + 1
                continue
            }
            // One UTF-8 character.
            let lead = b[i]
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            guard i + length <= b.count else { break }
            let text = String(decoding: b[i..<(i + length)], as: UTF8.self)
            i += length
            if lead == 0x0D { cursor.x = 0; continue }
            if lead == 0x0A { cursor.y = min(height - 1, cursor.y + 1); continue }
            put(text)
        }
        pending = Array(b[i...])
    }

    private mutating func put(_ text: String) {
        guard let character = text.first else { return }
        let w = max(1, displayWidth(of: character))
        if cursor.x >= width { cursor.x = 0; cursor.y = min(height - 1, cursor.y + 1) }
        if cursor.y < height && cursor.x < width {
            cells[cursor.y * width + cursor.x] = (text, sgr)
            if w == 2 && cursor.x + 1 < width { cells[cursor.y * width + cursor.x + 1] = ("", sgr) }
        }
        cursor.x += w
    }

    private mutating func control(_ params: String, final: UInt8) {
        let numbers = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        switch final {
        case UInt8(ascii: "H"):
            cursor = (max(0, (numbers.count > 1 ? numbers[1] : 1) - 1), max(0, (numbers.first ?? 1) - 1))
        case UInt8(ascii: "J"):
            if numbers.first == 2 { cells = Array(repeating: (" ", "0"), count: width * height) }
        case UInt8(ascii: "m"):
            sgr = params.isEmpty ? "0" : params
        default:
            break  // ?25l, ?25h, ?1049h and the like change nothing on the grid
        }
    }

    /// Row y as text (a wide character once).
    public func line(_ y: Int) -> String {
        (0..<width).map { cells[y * width + $0].text }.joined()
    }

    public var lines: [String] { (0..<height).map(line) }

    /// The screen as `Canvas.text` writes it: rows joined by newlines, trailing spaces trimmed.
    public var text: String {
        lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }
}
