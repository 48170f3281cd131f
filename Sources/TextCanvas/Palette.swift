/// How one style role looks: a foreground for 256-colour and for 8-colour terminals, and attributes.
public struct Look: Equatable, Sendable {
    public var fg256: Int16 = -1   // -1: the terminal's default foreground
    public var fg8: Int16 = -1
    /// A background of its own (the decision boundary's lower half cells); -1: the theme's.
    public var bg256: Int16 = -1
    public var bg8: Int16 = -1
    public var bold = false
    public var dim = false
    public var reverse = false

    public init(fg256: Int16 = -1, fg8: Int16 = -1, bg256: Int16 = -1, bg8: Int16 = -1, bold: Bool = false, dim: Bool = false, reverse: Bool = false) {
        self.fg256 = fg256
        self.fg8 = fg8
        self.bg256 = bg256
        self.bg8 = bg8
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
    }
}

/// The colours of a theme; `mono` (and NO_COLOR) draws with bold, dim and reverse alone.
public struct Palette: Sendable {
    public let theme: Theme
    public let usesColour: Bool

    public init(theme: Theme, usesColour: Bool) {
        self.theme = theme
        self.usesColour = usesColour
    }

    /// Background of every pair: the terminal's own for dark, white for light, so that the light
    /// theme stays dark-on-white on a projector even from a dark terminal.
    public var background256: Int16 { theme == .light ? 231 : -1 }
    public var background8: Int16 { theme == .light ? 7 : -1 }

    public func look(_ style: Style) -> Look {
        guard usesColour else { return Palette.mono(style) }
        if let levels = style.fieldLevels { return Palette.field(levels.top, levels.bottom, light: theme == .light) }
        return theme == .light ? Palette.light(style) : Palette.dark(style)
    }

    /// Decision-boundary colours as TensorFlow Playground draws them: orange for class 0, blue for
    /// class 1, pale in between. `▀` takes the top half's colour as foreground, the bottom's as background.
    static let field256: [Int16] = [208, 223, 255, 153, 33]
    static let fieldLight256: [Int16] = [208, 223, 231, 153, 33]
    static let field8: [Int16] = [3, 3, 7, 6, 4]

    static func field(_ top: Int, _ bottom: Int, light: Bool) -> Look {
        let ramp = light ? fieldLight256 : field256
        return Look(fg256: ramp[top], fg8: field8[top], bg256: ramp[bottom], bg8: field8[bottom])
    }

    // Colour numbers: 0 black, 1 red, 2 green, 3 yellow, 4 blue, 5 magenta, 6 cyan, 7 white;
    // 16...231 the xterm 6x6x6 cube, 232...255 greys.

    /// Bright colours on the terminal's (dark) background.
    static func dark(_ style: Style) -> Look {
        switch style {
        case .normal: Look()
        case .dim: Look(fg256: 244, fg8: -1, dim: true)
        case .strong: Look(fg256: 255, fg8: 7, bold: true)
        case .active: Look(fg256: 226, fg8: 3, bold: true, reverse: true)
        case .value: Look(fg256: 51, fg8: 6)
        case .gradient: Look(fg256: 213, fg8: 5, bold: true)
        case .update: Look(fg256: 214, fg8: 3, bold: true)
        case .border: Look(fg256: 67, fg8: 4)
        case .edge: Look(fg256: 110, fg8: 6)
        case .accent: Look(fg256: 220, fg8: 3, bold: true)
        case .caption: Look(fg256: 230, fg8: 7, bold: true)
        case .good: Look(fg256: 83, fg8: 2, bold: true)
        case .bad: Look(fg256: 203, fg8: 1, bold: true)
        case .plot: Look(fg256: 117, fg8: 6)
        case .heatPositive: Look(fg256: 209, fg8: 1)
        case .heatNegative: Look(fg256: 75, fg8: 4)
        case .inverse: Look(reverse: true)
        case .weightPositiveFaint: Look(fg256: 95, fg8: 1, dim: true)
        case .weightPositiveStrong: Look(fg256: 203, fg8: 1, bold: true)
        case .weightNegativeFaint: Look(fg256: 60, fg8: 4, dim: true)
        case .weightNegativeStrong: Look(fg256: 39, fg8: 4, bold: true)
        case .pointPositive: Look(fg256: 21, fg8: 4, bg256: 231, bg8: 7, bold: true)
        case .pointNegative: Look(fg256: 166, fg8: 1, bg256: 231, bg8: 7, bold: true)
        default: Look()  // decision-boundary cells: `field`
        }
    }

    /// Dark colours on white; no yellow, no pale cyan: a projector washes them out.
    static func light(_ style: Style) -> Look {
        switch style {
        case .normal: Look(fg256: 16, fg8: 0)
        case .dim: Look(fg256: 245, fg8: 0, dim: true)
        case .strong: Look(fg256: 16, fg8: 0, bold: true)
        case .active: Look(fg256: 25, fg8: 4, bold: true, reverse: true)
        case .value: Look(fg256: 19, fg8: 4)
        case .gradient: Look(fg256: 127, fg8: 5, bold: true)
        case .update: Look(fg256: 130, fg8: 1, bold: true)
        case .border: Look(fg256: 60, fg8: 4)
        case .edge: Look(fg256: 67, fg8: 4)
        case .accent: Look(fg256: 26, fg8: 4, bold: true)
        case .caption: Look(fg256: 22, fg8: 2, bold: true)
        case .good: Look(fg256: 28, fg8: 2, bold: true)
        case .bad: Look(fg256: 160, fg8: 1, bold: true)
        case .plot: Look(fg256: 24, fg8: 4, bold: true)
        case .heatPositive: Look(fg256: 124, fg8: 1)
        case .heatNegative: Look(fg256: 18, fg8: 4)
        case .inverse: Look(fg256: 16, fg8: 0, reverse: true)
        case .weightPositiveFaint: Look(fg256: 217, fg8: 1)
        case .weightPositiveStrong: Look(fg256: 160, fg8: 1, bold: true)
        case .weightNegativeFaint: Look(fg256: 153, fg8: 4)
        case .weightNegativeStrong: Look(fg256: 19, fg8: 4, bold: true)
        case .pointPositive: Look(fg256: 21, fg8: 4, bg256: 231, bg8: 7, bold: true)
        case .pointNegative: Look(fg256: 166, fg8: 1, bg256: 231, bg8: 7, bold: true)
        default: Look()  // decision-boundary cells: `field`
        }
    }

    /// Attributes only, for monochrome terminals, NO_COLOR and the mono theme.
    static func mono(_ style: Style) -> Look {
        switch style {
        case .normal, .value, .edge, .plot, .heatPositive: Look()
        case .dim, .border, .heatNegative, .weightPositiveFaint, .weightNegativeFaint: Look(dim: true)
        case .strong, .gradient, .update, .accent, .caption, .good, .weightPositiveStrong, .weightNegativeStrong: Look(bold: true)
        case .active, .bad: Look(bold: true, reverse: true)
        case .inverse: Look(reverse: true)
        case .pointPositive, .pointNegative: Look(bold: true)
        default: Look()  // decision-boundary cells: drawn as shapes without colour
        }
    }
}
