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
    /// Decision-boundary cells drawn as `▀`: the top half's level, then the bottom half's, from 0
    /// (surely class 0) through 2 (undecided, ŷ ≈ 0.5) to 4 (surely class 1).
    case field00, field01, field02, field03, field04, field10, field11, field12, field13, field14, field20, field21, field22, field23, field24, field30, field31, field32, field33, field34, field40, field41, field42, field43, field44
    /// Data points on the decision boundary, by their label.
    case pointPositive, pointNegative

    /// Levels of a decision-boundary half cell.
    public static let fieldLevels = 5

    /// The role of a `▀` cell whose top half is at level `top` and bottom half at `bottom`.
    public static func field(top: Int, bottom: Int) -> Style {
        let clamp = { (l: Int) in min(max(0, l), fieldLevels - 1) }
        return Style(rawValue: Style.field00.rawValue + UInt8(clamp(top) * fieldLevels + clamp(bottom))) ?? .normal
    }

    /// (top, bottom) levels of a decision-boundary role, nil for every other role.
    public var fieldLevels: (top: Int, bottom: Int)? {
        guard rawValue >= Style.field00.rawValue, rawValue <= Style.field44.rawValue else { return nil }
        let k = Int(rawValue - Style.field00.rawValue)
        return (k / Style.fieldLevels, k % Style.fieldLevels)
    }
}

/// Colour scheme the terminal applies to style roles.
public enum Theme: String, Sendable, CaseIterable {
    case dark, light, mono
}
