/// A canvas as ANSI escape sequences: how a recording (asciicast) draws the same frames the
/// terminal shows, with the same palette, without a terminal.
public struct AnsiText: Sendable {
    public let palette: Palette

    /// Recordings use the 256-colour palette (asciinema players show it everywhere); `depth`
    /// `.direct` writes 24-bit colours, as the screen does on a direct-colour terminal.
    public init(theme: Theme, depth: ColourDepth = .palette256) {
        palette = Palette(theme: theme, usesColour: theme != .mono, depth: depth)
    }

    /// SGR parameters for a style: reset, attributes, foreground, background (the theme's unless the role has its own).
    public func sgr(_ style: Style) -> String {
        let look = palette.look(style)
        var codes = ["0"]
        if look.bold { codes.append("1") }
        if look.dim { codes.append("2") }
        if look.reverse { codes.append("7") }
        let (foreground, background) = palette.colours(style)
        if palette.usesColour && foreground >= 0 { codes.append(colour(foreground, background: false)) }
        if palette.usesColour && background >= 0 { codes.append(colour(background, background: true)) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    /// `38;2;r;g;b` in direct colour, `38;5;n` from the palette, `3n` with eight colours (48, 4n behind).
    func colour(_ c: Int32, background: Bool) -> String {
        switch palette.depth {
        case .direct: return "\(background ? 48 : 38);2;\(c >> 16 & 0xff);\(c >> 8 & 0xff);\(c & 0xff)"
        case .palette256: return "\(background ? 48 : 38);5;\(c)"
        case .eight: return "\((background ? 40 : 30) + c)"
        }
    }

    /// Escape sequences that turn `previous` (nil: a blank screen) into `canvas`: only changed rows.
    public func frame(_ canvas: Canvas, after previous: Canvas?) -> String {
        var out = previous == nil || previous?.width != canvas.width || previous?.height != canvas.height
            ? "\u{1B}[?25l\u{1B}[H\u{1B}[2J" : ""
        for y in canvas.changedRows(since: previous) {
            out += "\u{1B}[\(y + 1);1H"
            for run in canvas.runs(row: y) {
                out += sgr(run.style) + run.text
            }
        }
        return out + "\u{1B}[0m"
    }
}
