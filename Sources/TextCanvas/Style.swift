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
}

/// Colour scheme the terminal applies to style roles.
public enum Theme: String, Sendable, CaseIterable {
    case dark, light, mono
}
