/// The characters panels draw with: Unicode box drawing and braille, or plain ASCII.
public struct Glyphs: Sendable, Equatable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var teeRight: Character   // ├
    public var teeLeft: Character    // ┤
    public var teeDown: Character    // ┬
    public var teeUp: Character      // ┴
    public var cross: Character
    public var arrowRight: Character
    public var arrowLeft: Character
    public var arrowUp: Character
    public var arrowDown: Character
    public var plotPoint: Character
    public var marker: Character
    public var playing: String
    /// ‖, not ⏸: common terminal fonts (DejaVu Sans Mono) have no ⏸.
    public var paused: String
    public var usesBraille: Bool
    /// Shades from light to dark for heat maps.
    public var shades: [Character]

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeRight: "├", teeLeft: "┤", teeDown: "┬", teeUp: "┴", cross: "┼",
        arrowRight: "▶", arrowLeft: "◀", arrowUp: "▲", arrowDown: "▼",
        plotPoint: "•", marker: "◆", playing: "▶", paused: "‖", usesBraille: true,
        shades: [" ", "░", "▒", "▓", "█"])

    /// The same glyphs in ASCII, each through the one table of ASCII forms (`AsciiFold`).
    public static let ascii: Glyphs = {
        let u = Glyphs.unicode
        func f(_ c: Character) -> Character { AsciiFold.fold(c) }
        return Glyphs(
            horizontal: f(u.horizontal), vertical: f(u.vertical), topLeft: f(u.topLeft), topRight: f(u.topRight),
            bottomLeft: f(u.bottomLeft), bottomRight: f(u.bottomRight), teeRight: f(u.teeRight), teeLeft: f(u.teeLeft),
            teeDown: f(u.teeDown), teeUp: f(u.teeUp), cross: f(u.cross), arrowRight: f(u.arrowRight), arrowLeft: f(u.arrowLeft),
            arrowUp: f(u.arrowUp), arrowDown: f(u.arrowDown), plotPoint: f(u.plotPoint), marker: f(u.marker),
            playing: AsciiFold.text(u.playing), paused: AsciiFold.text(u.paused), usesBraille: false, shades: u.shades.map(f))
    }()

    /// Text as this glyph set writes it: unchanged, or folded to ASCII (measure after this).
    public func text(_ s: some StringProtocol) -> String {
        usesBraille ? String(s) : AsciiFold.text(s)
    }
}
