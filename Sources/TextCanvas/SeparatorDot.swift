/// The dot between the parts of a title or a line (`graph · f: whole graph`, `Forward · x
/// arrives`) is written in the program's text as U+2E31 WORD SEPARATOR MIDDLE DOT (`⸱`), so that
/// `--ascii` can tell it from a product's `·` (`∂loss/∂z · xᵀ`, and a teacher's own notes): the
/// screen draws it as `·`, the ASCII fold as `|` (`Forward | x arrives`, `dloss/dz * x`).
public enum SeparatorDot {
    /// The character the program's text writes between parts.
    public static let marked: Character = "\u{2E31}"
    /// What the screen shows for it.
    public static let shown: Character = "·"

    /// `text` with every marked separator as the screen shows it (for text that leaves without a canvas).
    public static func shown(in text: String) -> String {
        text.contains(marked) ? String(text.map { $0 == marked ? shown : $0 }) : text
    }
}
