/// A role a cell plays on screen; the terminal maps roles to colours per theme, tests ignore them.
public enum Style: UInt8, Sendable, CaseIterable {
    case normal
    case dim          // not reached yet
    case strong       // titles, labels that matter
    case active       // the node or edge being animated
    case value        // forward values
    case gradient     // gradients flowing back
    case update       // parameter updates
    case border       // panel frames
    case edge         // graph edges already used
    case accent       // keys in the footer, markers
    case caption      // teacher's notes
    case good         // right answers, check passed
    case bad          // wrong answers, nan/inf, errors
    case plot         // the loss line
    case heatPositive // heat-map cells above zero
    case heatNegative // heat-map cells below zero
    case inverse      // selection, the highlighted code line
    case weightPositiveFaint   // neuron view: a small positive weight (heatPositive is the middle one)
    case weightPositiveStrong  // a large positive weight
    case weightNegativeFaint
    case weightNegativeStrong
    /// Data points on the decision boundary, by their label.
    case pointPositive, pointNegative
    /// The held-out samples' loss on the loss plot, beside the training loss (`.plot`).
    case plotTest
    /// Decision-boundary cells drawn as `▀`: the top half's level, then the bottom half's, from 0
    /// (surely class 0) through 4 (undecided, ŷ ≈ 0.5) to 8 (surely class 1). Nine shades show
    /// in 24-bit colour; 256 colours show what the palette has near them, 8 colours and shapes five.
    case field00, field01, field02, field03, field04, field05, field06, field07, field08
    case field10, field11, field12, field13, field14, field15, field16, field17, field18
    case field20, field21, field22, field23, field24, field25, field26, field27, field28
    case field30, field31, field32, field33, field34, field35, field36, field37, field38
    case field40, field41, field42, field43, field44, field45, field46, field47, field48
    case field50, field51, field52, field53, field54, field55, field56, field57, field58
    case field60, field61, field62, field63, field64, field65, field66, field67, field68
    case field70, field71, field72, field73, field74, field75, field76, field77, field78
    case field80, field81, field82, field83, field84, field85, field86, field87, field88
    /// A data point drawn on the boundary's colour at its place (level 0…8), so that the
    /// boundary shows between and behind the points even where they crowd (80×24).
    case pointNegative0, pointNegative1, pointNegative2, pointNegative3, pointNegative4, pointNegative5, pointNegative6, pointNegative7, pointNegative8
    case pointPositive0, pointPositive1, pointPositive2, pointPositive3, pointPositive4, pointPositive5, pointPositive6, pointPositive7, pointPositive8

    /// Levels of a decision-boundary half cell.
    public static let fieldLevels = 9

    /// The five coarse levels (0 sure class 0, 2 undecided, 4 sure class 1) a fine level shows as
    /// where nine cannot be told apart: shapes without colour, the eight ANSI colours, few colour pairs.
    public static func coarseFieldLevel(_ level: Int) -> Int {
        [0, 0, 1, 1, 2, 3, 3, 4, 4][min(max(0, level), fieldLevels - 1)]
    }

    /// The role of a `▀` cell whose top half is at level `top` and bottom half at `bottom`.
    public static func field(top: Int, bottom: Int) -> Style {
        let clamp = { (l: Int) in min(max(0, l), fieldLevels - 1) }
        return Style(rawValue: Style.field00.rawValue + UInt8(clamp(top) * fieldLevels + clamp(bottom))) ?? .normal
    }

    /// The role of a data point of class 1 (`positive`) or 0 on the boundary's level `level`.
    public static func point(positive: Bool, on level: Int) -> Style {
        let base = positive ? Style.pointPositive0 : Style.pointNegative0
        return Style(rawValue: base.rawValue + UInt8(min(max(0, level), fieldLevels - 1))) ?? (positive ? .pointPositive : .pointNegative)
    }

    /// (class 1?, level) of a point-on-the-boundary role, nil for every other role.
    public var pointOnField: (positive: Bool, level: Int)? {
        guard rawValue >= Style.pointNegative0.rawValue, rawValue <= Style.pointPositive8.rawValue else { return nil }
        let k = Int(rawValue - Style.pointNegative0.rawValue)
        return (k >= Style.fieldLevels, k % Style.fieldLevels)
    }

    /// (top, bottom) levels of a decision-boundary role, nil for every other role.
    public var fieldLevels: (top: Int, bottom: Int)? {
        guard rawValue >= Style.field00.rawValue, rawValue <= Style.field88.rawValue else { return nil }
        let k = Int(rawValue - Style.field00.rawValue)
        return (k / Style.fieldLevels, k % Style.fieldLevels)
    }
}

/// Colour scheme the terminal applies to style roles.
public enum Theme: String, Sendable, CaseIterable {
    case dark, light, mono
}
