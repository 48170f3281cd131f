/// One character cell of the screen: what is drawn there and in which role.
public struct Cell: Equatable, Sendable {
    /// The grapheme shown; a wide grapheme's right half holds `Cell.continuation`.
    public var character: Character
    public var style: Style

    public init(_ character: Character, _ style: Style = .normal) {
        self.character = character
        self.style = style
    }

    public static let blank = Cell(" ")
    /// Marks the second column of a double-width character; never printed by itself.
    public static let continuation = Cell("\u{0}")

    public var isContinuation: Bool { character == "\u{0}" }
}

/// Columns a character takes in a terminal: 0, 1 or 2 (East Asian wide and emoji take 2).
public func displayWidth(of character: Character) -> Int {
    guard let scalar = character.unicodeScalars.first else { return 0 }
    let v = scalar.value
    if v == 0 { return 0 }
    if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
    // Most cells are ASCII, box drawing, blocks or braille: no marks and none wide, so the
    // Unicode tables (a noticeable part of a frame) are only asked about the rest.
    if v < 0x300 || (0x2500...0x259F).contains(v) || (0x2800...0x28FF).contains(v) { return 1 }
    if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark { return 0 }
    if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
        || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
        || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
        || (0x20000...0x3FFFD).contains(v) || (0x23E9...0x23EC).contains(v) || (0x23F0...0x23F3).contains(v)
        || v == 0x231A || v == 0x231B || (0x25FD...0x25FE).contains(v) || (0x2614...0x2615).contains(v) {
        return 2
    }
    return 1
}

/// Columns a string takes in a terminal.
///
/// Inlinable so other modules get it specialized for String: called through the iterator's
/// witness for every byte, it was a seventh of deep193's first frame (box sizes in each layout).
@inlinable
public func displayWidth(of text: some StringProtocol) -> Int {
    // ASCII text (most of it) by its bytes: one column each but the controls, as the
    // per-character rule says, without walking grapheme clusters.
    var columns = 0
    for byte in text.utf8 {
        if byte >= 0x80 { return text.reduce(0) { $0 + displayWidth(of: $1) } }
        if byte >= 0x20 && byte != 0x7F { columns += 1 }
    }
    return columns
}
