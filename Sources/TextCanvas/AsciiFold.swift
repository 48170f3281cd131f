/// Plain-ASCII stand-ins for the characters the screen writes, so a screen drawn for `--ascii` (or
/// a terminal without UTF-8) is ASCII from edge to edge, text included. One table: each character
/// has a `cell` form (one cell for one cell: a folded canvas, box drawing, the glyph set) and a
/// `text` form that may be longer where a few letters read better than one (ŷ is y_hat, not y,
/// which is another name; × is *, not x, the input; ✓ is ok; ᵀ is .T as PyTorch writes it).
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
        // Punctuation and marks.
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
        if c.isASCII { return Form(c) }
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
        for c in s {
            if c.isASCII { out.append(c) } else { out += form(c)?.text ?? "?" }
        }
        return out
    }

    /// One character in one cell; `?` when it has no form.
    public static func fold(_ c: Character) -> Character {
        form(c)?.cell ?? "?"
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
                    copy[x, y] = Cell(AsciiFold.fold(cell.character), cell.style)
                }
            }
        }
        return copy
    }
}
