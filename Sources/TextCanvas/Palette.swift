/// How many colours a terminal shows, as its own description says.
public enum ColourDepth: Sendable, Hashable {
    case eight
    case palette256
    /// 24-bit colour: colour numbers are 0xRRGGBB (terminfo's `RGB` flag with 2^24 colours, as
    /// xterm-direct, tmux-direct, kitty-direct and the other `-direct` descriptions have).
    case direct

    /// The depth a terminal description offers. Direct colour only when the description says so
    /// itself: ncurses sends what the description spells, so a 256-colour description cannot
    /// carry 24-bit colour whatever COLORTERM claims, and a terminal without it is never sent it.
    public static func of(colours: Int, rgb: Bool) -> ColourDepth {
        if rgb && colours >= 1 << 24 { return .direct }
        return colours >= 256 ? .palette256 : .eight
    }
}

/// How one style role looks: a foreground for 256-colour and for 8-colour terminals, and attributes.
public struct Look: Equatable, Sendable {
    public var fg256: Int16 = -1   // -1: the terminal's default foreground
    public var fg8: Int16 = -1
    /// A background of its own (the decision boundary's lower half cells); -1: the theme's.
    public var bg256: Int16 = -1
    public var bg8: Int16 = -1
    /// 24-bit colours of its own (0xRRGGBB, the decision boundary's shades); -1: fg256's and bg256's.
    public var fgRGB: Int32 = -1
    public var bgRGB: Int32 = -1
    public var bold = false
    public var dim = false
    public var reverse = false

    public init(fg256: Int16 = -1, fg8: Int16 = -1, bg256: Int16 = -1, bg8: Int16 = -1, fgRGB: Int32 = -1, bgRGB: Int32 = -1,
                bold: Bool = false, dim: Bool = false, reverse: Bool = false) {
        self.fg256 = fg256
        self.fg8 = fg8
        self.bg256 = bg256
        self.bg8 = bg8
        self.fgRGB = fgRGB
        self.bgRGB = bgRGB
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
    }
}

/// The colours of a theme; `mono` (and NO_COLOR) draws with bold, dim and reverse alone.
public struct Palette: Sendable {
    public let theme: Theme
    public let usesColour: Bool
    public let depth: ColourDepth

    public init(theme: Theme, usesColour: Bool, depth: ColourDepth = .palette256) {
        self.theme = theme
        self.usesColour = usesColour
        self.depth = depth
    }

    /// The foreground and background numbers a role is drawn with at this depth: 0xRRGGBB in
    /// direct colour (the palette's entries converted), palette indexes otherwise; -1 is the
    /// terminal's default. (In direct colour 0…7 mean the ANSI colours: only black is among them, and is black.)
    public func colours(_ style: Style) -> (fg: Int32, bg: Int32) {
        let look = look(style)
        let bg256 = look.bg256 >= 0 ? look.bg256 : background256
        switch depth {
        case .eight: return (Int32(look.fg8), Int32(look.bg8 >= 0 ? look.bg8 : background8))
        case .palette256: return (Int32(look.fg256), Int32(bg256))
        case .direct:
            return (look.fgRGB >= 0 ? look.fgRGB : XtermColour.rgb(look.fg256), look.bgRGB >= 0 ? look.bgRGB : XtermColour.rgb(bg256))
        }
    }

    /// Colour pairs for one per role (pair n + 1 is role n; pair 0 is the terminal's own).
    public static var pairsForEveryRole: Int { Style.allCases.count + 1 }
    /// Pairs enough when the boundary's nine shades share the pairs of its five coarse levels
    /// (8-colour xterm and the Linux console have 64).
    public static var pairsWithCoarseField: Int { Int(Style.field00.rawValue) + 25 + 1 }

    /// The pair role `style` is drawn with on a terminal with `pairs` colour pairs. Where pairs
    /// are shared, the first role of a pair sets its colours (the points: on white).
    public static func pair(_ style: Style, pairs: Int) -> Int16 {
        guard pairs < pairsForEveryRole else { return Int16(style.rawValue) + 1 }
        if let levels = style.fieldLevels {
            return Int16(Style.field00.rawValue) + 1 + Int16(Style.coarseFieldLevel(levels.top) * 5 + Style.coarseFieldLevel(levels.bottom))
        }
        if let point = style.pointOnField { return Int16((point.positive ? Style.pointPositive : Style.pointNegative).rawValue) + 1 }
        return Int16(style.rawValue) + 1
    }

    /// Background of every pair: the terminal's own for dark, white for light, so that the light
    /// theme stays dark-on-white on a projector even from a dark terminal.
    public var background256: Int16 { theme == .light ? 231 : -1 }
    public var background8: Int16 { theme == .light ? 7 : -1 }

    public func look(_ style: Style) -> Look {
        guard usesColour else { return Palette.mono(style) }
        if let levels = style.fieldLevels { return Palette.field(levels.top, levels.bottom) }
        if let point = style.pointOnField, depth != .eight { return Palette.point(positive: point.positive, on: point.level) }
        if let point = style.pointOnField { return look(point.positive ? .pointPositive : .pointNegative) }
        var look = theme == .light ? Palette.light(style) : Palette.dark(style)
        // The faint attribute dims a colour by as much as half, as each terminal likes: where the
        // palette has colours, the colour is the dimness (and its contrast is measured); eight
        // colours are the terminal's own, and faint is all they have.
        if depth != .eight { look.dim = false }
        return look
    }

    /// The backgrounds the dark theme is held to 4.5:1 against: it draws on the terminal's own,
    /// black or the dark greys terminals open with.
    public static let darkBackgrounds: [Int32] = [0x000000, 0x1c1c1c, 0x262626]

    /// Decision-boundary colours as TensorFlow Playground draws them: linear in ŷ from #f59322
    /// (orange, class 0) through #e8eaeb (pale, undecided) to #0877bd (blue, class 1). `▀` takes
    /// the top half's colour as foreground, the bottom's as background.
    static func fieldRGB(_ level: Int) -> Int32 {
        let t = Double(min(max(0, level), Style.fieldLevels - 1)) / Double(Style.fieldLevels - 1)
        let (from, to, u): (Int32, Int32, Double) = t < 0.5 ? (0xf59322, 0xe8eaeb, t / 0.5) : (0xe8eaeb, 0x0877bd, (t - 0.5) / 0.5)
        return [16, 8, 0].reduce(Int32(0)) { rgb, shift in
            let a = Double(from >> shift & 0xff), b = Double(to >> shift & 0xff)
            return rgb | Int32((a + (b - a) * u).rounded()) << shift
        }
    }

    /// The 256-colour palette's nearest to each shade (208 orange … 255 pale … 31 blue), except
    /// that level 3 takes peach 223 over khaki 187: as near to #ebd4b9, but khaki reads green.
    static let field256: [Int16] = (0..<Style.fieldLevels).map { $0 == 3 ? 223 : XtermColour.nearest(fieldRGB($0)) }
    /// Eight colours have five shades: yellow, yellow, white, cyan, blue by coarse level.
    static let field8: [Int16] = [3, 3, 7, 6, 4]

    /// A point: its class's ink on the boundary's colour where it lies, so the boundary shows
    /// behind the points even where they crowd; at least 3:1 against every shade (a graphic's
    /// contrast): class 1 navy, class 0 dark brown, or peach on the darkest blue, where brown
    /// would sink. The classes differ in shape too (`×` and `●`). Eight colours keep white behind points.
    static func point(positive: Bool, on level: Int) -> Look {
        let ink: Int16 = positive ? 17 : (level >= Style.fieldLevels - 1 ? 223 : 52)
        return Look(fg256: ink, fg8: positive ? 4 : 1, bg256: field256[level], bg8: field8[Style.coarseFieldLevel(level)],
                    fgRGB: XtermColour.rgb(ink), bgRGB: fieldRGB(level), bold: true)
    }

    static func field(_ top: Int, _ bottom: Int) -> Look {
        Look(fg256: field256[top], fg8: field8[Style.coarseFieldLevel(top)], bg256: field256[bottom], bg8: field8[Style.coarseFieldLevel(bottom)],
             fgRGB: fieldRGB(top), bgRGB: fieldRGB(bottom))
    }

    // Colour numbers: 0 black, 1 red, 2 green, 3 yellow, 4 blue, 5 magenta, 6 cyan, 7 white;
    // 16...231 the xterm 6x6x6 cube, 232...255 greys.

    /// Bright colours on the terminal's (dark) background.
    static func dark(_ style: Style) -> Look {
        switch style {
        case .normal: Look()
        case .dim: Look(fg256: 246, fg8: -1, dim: true)
        case .strong: Look(fg256: 255, fg8: 7, bold: true)
        case .active: Look(fg256: 226, fg8: 3, bold: true, reverse: true)
        case .value: Look(fg256: 51, fg8: 6)
        case .gradient: Look(fg256: 213, fg8: 5, bold: true)
        case .update: Look(fg256: 214, fg8: 3, bold: true)
        case .border: Look(fg256: 68, fg8: 4)
        case .edge: Look(fg256: 110, fg8: 6)
        case .accent: Look(fg256: 220, fg8: 3, bold: true)
        case .caption: Look(fg256: 230, fg8: 7, bold: true)
        case .good: Look(fg256: 83, fg8: 2, bold: true)
        case .bad: Look(fg256: 203, fg8: 1, bold: true)
        case .plot: Look(fg256: 117, fg8: 6)
        case .plotTest: Look(fg256: 214, fg8: 3, bold: true)
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
        case .dim: Look(fg256: 243, fg8: 0, dim: true)
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
        case .plotTest: Look(fg256: 130, fg8: 1, bold: true)
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
        case .strong, .gradient, .update, .accent, .caption, .good, .weightPositiveStrong, .weightNegativeStrong, .plotTest: Look(bold: true)
        case .active, .bad: Look(bold: true, reverse: true)
        case .inverse: Look(reverse: true)
        case .pointPositive, .pointNegative: Look(bold: true)
        default: Look()  // decision-boundary cells: drawn as shapes without colour
        }
    }
}
