/// A canvas as ANSI escape sequences: how a recording (asciicast) draws the same frames the
/// terminal shows, with the same palette, without a terminal.
public struct AnsiText: Sendable {
    public let palette: Palette

    public init(theme: Theme) {
        palette = Palette(theme: theme, usesColour: theme != .mono)
    }

    /// SGR parameters for a style: reset, attributes, 256-colour foreground, theme background.
    public func sgr(_ style: Style) -> String {
        let look = palette.look(style)
        var codes = ["0"]
        if look.bold { codes.append("1") }
        if look.dim { codes.append("2") }
        if look.reverse { codes.append("7") }
        if palette.usesColour && look.fg256 >= 0 { codes.append("38;5;\(look.fg256)") }
        let background = look.bg256 >= 0 ? look.bg256 : palette.background256
        if palette.usesColour && background >= 0 { codes.append("48;5;\(background)") }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
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
