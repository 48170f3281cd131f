/// Plain-ASCII stand-ins for the characters the screen writes, one cell for one cell, so a screen
/// drawn for `--ascii` (or a terminal without UTF-8) is ASCII from edge to edge, text included.
public enum AsciiFold {
    static let table: [Character: Character] = [
        "∂": "d", "·": "*", "×": "x", "−": "-", "–": "-", "—": "-", "ŷ": "y", "²": "2", "³": "3",
        "ᵀ": "T", "≈": "~", "≠": "#", "✓": "v", "✗": "x", "✎": ">", "…": "~", "→": ">", "←": "<",
        "▶": ">", "◀": "<", "▲": "^", "▼": "v", "◆": "#", "•": "*", "⏸": "|", "σ": "s", "θ": "t",
        "η": "n", "Σ": "S", "≤": "<", "≥": ">", "±": "~", "‖": "|", "┊": ":", "░": ".", "▒": ":",
        "▓": "+", "█": "#", "▏": "_", "⚠": "!", "√": "V", "∞": "8", "é": "e", "è": "e", "ö": "o",
        "ü": "u", "ä": "a", "ₛ": "s",
    ]

    /// Characters that read better as a few ASCII letters than as one: ŷ is y_hat (not y, which
    /// is another name), × is * (not x, the input), ✓ is ok, ² is ^2, ᵀ is .T as PyTorch writes it.
    static let words: [Character: String] = [
        "ŷ": "y_hat", "×": "*", "✓": "ok", "✗": "NO", "²": "^2", "³": "^3", "ᵀ": ".T", "≤": "<=", "≥": ">=",
        "→": "->", "←": "<-", "…": "...", "≈": "~", "≠": "!=", "√": "sqrt", "∞": "inf", "±": "+-", "σ": "sigmoid",
        "′": "'", "η": "eta", "θ": "theta", "Σ": "sum", "m̂": "m_hat", "v̂": "v_hat", "‖": "||",
        "⏸": "||", "—": "--", "÷": "/", "ₛ": "_s",
    ]

    /// A string in ASCII, with the readable stand-ins of `words` (its width may change: fold text
    /// before measuring it).
    public static func text(_ s: some StringProtocol) -> String {
        var out = ""
        for c in s {
            if c.isASCII { out.append(c) } else if let word = words[c] { out += word } else { out.append(fold(c)) }
        }
        return out
    }

    public static func fold(_ c: Character) -> Character {
        if c.isASCII { return c }
        if let mapped = table[c] { return mapped }
        if let scalar = c.unicodeScalars.first {
            switch scalar.value {
            case 0x2500...0x257F: return "+"   // box drawing: corners and tees; lines are drawn as - and |
            case 0x2800...0x28FF: return "*"   // braille dots
            default: break
            }
        }
        return "?"
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
