/// Plain-ASCII stand-ins for the characters the screen writes, so a screen drawn for `--ascii` (or
/// a terminal without UTF-8) is ASCII from edge to edge, text included. One table: each character
/// has a `cell` form (one cell for one cell: a folded canvas, box drawing, the glyph set) and a
/// `text` form that may be longer where a few letters read better than one (ŷ is y_hat, not y,
/// which is another name; × is *, not x, the input, except in a shape such as 2x4; ✓ is ok; ᵀ is .T
/// as PyTorch writes it).
public enum AsciiFold {
    /// A character's two ASCII forms.
    public struct Form: Sendable, Equatable {
        public var cell: Character
        public var text: String

        init(_ cell: Character, _ text: String? = nil) {
            self.cell = cell
            self.text = text ?? String(cell)
        }
    }

    static let table: [Character: Form] = [
        // Mathematics.
        "∂": Form("d"), "·": Form("*"), "×": Form("x", "*"), "÷": Form("/"), "−": Form("-"), "±": Form("~", "+-"),
        "√": Form("V", "sqrt"), "∞": Form("8", "inf"), "≈": Form("~"), "≠": Form("#", "!="), "≤": Form("<", "<="),
        "≥": Form(">", ">="), "⊙": Form("*"), "Σ": Form("S", "sum"), "′": Form("'"),
        "²": Form("2", "^2"), "³": Form("3", "^3"), "¹": Form("1"), "⁰": Form("0"), "⁴": Form("4"), "⁵": Form("5"),
        "⁶": Form("6"), "⁷": Form("7"), "⁸": Form("8"), "⁹": Form("9"), "ᵀ": Form("T", ".T"),
        "ₛ": Form("s", "_s"), "ₖ": Form("k", "_k"), "ᵢ": Form("i", "_i"), "ⱼ": Form("j", "_j"), "¾": Form("~", "3/4"), "µ": Form("u"),
        // Names: ŷ and the optimizer's corrected moments (a letter with a combining hat is one character).
        "ŷ": Form("y", "y_hat"), "m̂": Form("m", "m_hat"), "v̂": Form("v", "v_hat"),
        "σ": Form("s", "sigmoid"), "η": Form("n", "eta"), "θ": Form("t", "theta"), "β": Form("b", "beta"),
        "δ": Form("d", "delta"),
        // Punctuation and marks; the program's separator dot (`SeparatorDot`) reads as a bar (a dash
        // would read as a minus beside `1 - z8` or `= -0.42`).
        "⸱": Form("|"),
        "–": Form("-"), "—": Form("-", "--"), "…": Form("~", "..."), "‖": Form("|", "||"), "⏸": Form("|", "||"),
        "•": Form("*"), "●": Form("o"), "○": Form("O"), "◆": Form("#"), "✎": Form(">"), "✓": Form("v", "ok"), "✗": Form("x", "NO"),
        "⚠": Form("!"), "▏": Form("_"),
        // Arrows and keys.
        "→": Form(">", "->"), "←": Form("<", "<-"), "↑": Form("^", "Up"), "↓": Form("v", "Down"),
        "⇧": Form("^", "Shift+"), "▶": Form(">"), "◀": Form("<"), "▲": Form("^"), "▼": Form("v"),
        // Lines, shades and blocks.
        "─": Form("-"), "│": Form("|"), "┊": Form(":"), "┌": Form("+"), "┐": Form("+"), "└": Form("+"), "┘": Form("+"),
        "├": Form("+"), "┤": Form("+"), "┬": Form("+"), "┴": Form("+"), "┼": Form("+"),
        "░": Form("."), "▒": Form(":"), "▓": Form("+"), "█": Form("#"), "▀": Form("\""), "▄": Form("_"),
        // Letters in names people type.
        "é": Form("e"), "è": Form("e"), "ö": Form("o"), "ü": Form("u"), "ä": Form("a"),
    ]

    /// The ASCII forms of `c`, or nil when the screen has none for it (a test holds every glyph
    /// of every shipped view to having one). Box drawing and braille outside the table fold by
    /// their blocks: corners and tees to `+`, dots to `*`.
    public static func form(_ c: Character) -> Form? {
        form(c, after: nil, before: nil)
    }

    /// The ASCII forms of `c` where it stands between `previous` and `next` (nil: a line's end).
    /// Only × looks at its neighbours: between two digits it is a shape (`2×4`, `10×10`: `x`,
    /// as one says "two by four"), anywhere else a product (`0.01 × (-2.0)`, `W·x×2`: `*`, as
    /// Python writes it); the table's cell form alone could not tell the two apart.
    public static func form(_ c: Character, after previous: Character?, before next: Character?) -> Form? {
        if c.isASCII { return Form(c) }
        if c == "×" { return isDigit(previous) && isDigit(next) ? Form("x") : Form("*") }
        if let form = table[c] { return form }
        if let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1 {
            switch scalar.value {
            case 0x2500...0x257F: return Form("+")
            case 0x2800...0x28FF: return Form("*")
            default: break
            }
        }
        return nil
    }

    /// A string in ASCII, in the longer `text` forms (its width may change: fold text before
    /// measuring it); a character without a form becomes `?`.
    public static func text(_ s: some StringProtocol) -> String {
        var out = ""
        withNeighbours(s) { c, previous, next in
            if c.isASCII { out.append(c) } else { out += form(c, after: previous, before: next)?.text ?? "?" }
        }
        return out
    }

    /// A string in ASCII one character for one character, in the `cell` forms (its width stays
    /// that of the cells it fills: names in a chain-rule sentence); `?` for a character without one.
    public static func cells(_ s: some StringProtocol) -> String {
        var out = ""
        withNeighbours(s) { c, previous, next in out.append(fold(c, after: previous, before: next)) }
        return out
    }

    /// Calls `body` with each character of `s` between its neighbours (× folds by them).
    private static func withNeighbours(_ s: some StringProtocol, _ body: (Character, Character?, Character?) -> Void) {
        var previous: Character?
        var rest = s.makeIterator()
        var current = rest.next()
        while let c = current {
            let next = rest.next()
            body(c, previous, next)
            previous = c
            current = next
        }
    }

    /// One character in one cell; `?` when it has no form. Without its neighbours × is a product (`*`).
    public static func fold(_ c: Character) -> Character {
        form(c)?.cell ?? "?"
    }

    /// One character in one cell between its neighbours in the row (see `form(_:after:before:)`).
    public static func fold(_ c: Character, after previous: Character?, before next: Character?) -> Character {
        form(c, after: previous, before: next)?.cell ?? "?"
    }

    private static func isDigit(_ c: Character?) -> Bool {
        guard let c, c.isASCII else { return false }
        return c.isNumber
    }
}

extension Canvas {
    /// The same screen with every cell in ASCII (wide characters become two cells of `?`).
    public func asciiFolded() -> Canvas {
        var copy = self
        for y in 0..<height {
            for x in 0..<width {
                let cell = self[x, y]
                if cell.isContinuation {
                    copy[x, y] = Cell("?", cell.style)
                } else if !cell.character.isASCII {
                    // The cells either side, as drawn (a shape's digits are ASCII already).
                    let folded = AsciiFold.fold(cell.character, after: x > 0 ? self[x - 1, y].character : nil,
                                                before: x + 1 < width ? self[x + 1, y].character : nil)
                    copy[x, y] = Cell(folded, cell.style)
                }
            }
        }
        return copy
    }
}
