/// A mistake in a scenario file, said in a teacher's terms, with where it is.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = max(1, line)
        self.column = max(1, column)
        self.message = message
    }

    /// `file:line:column: error: message`, the form editors and compilers use. Control characters
    /// (from a file name or quoted from the file) are shown escaped, never sent to the terminal.
    public var description: String { escapingControlCharacters("\(file):\(line):\(column): error: \(message)") }
}

/// Suggests the closest (by edit distance, a swap counting as one typo) of `candidates` to a misspelt `name`, if one is close enough.
public func closestMatch(to name: String, in candidates: [String]) -> String? {
    var best: (String, Int)?
    for candidate in candidates {
        let distance = editDistance(name.lowercased(), candidate.lowercased())
        let limit = max(1, min(3, candidate.count / 3))
        if distance <= limit, best == nil || distance < best?.1 ?? .max { best = (candidate, distance) }
    }
    return best?.0
}

/// " (did you mean 'x'?)" or nothing.
func didYouMean(_ name: String, _ candidates: [String]) -> String {
    closestMatch(to: name, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
}

func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = Array(0...b.count)
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], beforePrevious[j - 2] + 1)  // a swap of neighbours is one typo
            }
        }
        beforePrevious = previous
        previous = current
    }
    return previous[b.count]
}

/// `text` with every control character (C0, DEL, C1) written as `\u{1B}`: what a terminal or an
/// exported file may safely receive from scenario text.
public func escapingControlCharacters(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControlCharacter) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
        if isControlCharacter(scalar) {
            out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// Characters that must not reach a terminal or an exported file as they are: C0 controls, DEL and
/// C1 controls (they start or make escape codes), and the invisible ones that reorder or hide text.
public func isControlCharacter(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || isInvisibleFormatCharacter(scalar)
}

/// Bidirectional controls (a line shown in another order than it is read: "Trojan Source"), line
/// and paragraph separators, and characters that take no room (zero-width spaces and joiners of
/// words, invisible operators, byte-order marks, tags that smuggle hidden ASCII). Joiners that
/// scripts and emoji need (U+200C, U+200D) and variation selectors are ordinary text.
public func isInvisibleFormatCharacter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00AD, 0x061C, 0x180E, 0x200B, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2060...0x2064,
         0x2066...0x206F, 0xFEFF, 0xFFF9...0xFFFB, 0xE0001, 0xE0020...0xE007F:
        true
    // Blank or unseen all the same: the grapheme joiner, Hangul fillers, Khmer's invisible vowels,
    // Mongolian selectors, and the format controls of Arabic, Syriac, Kaithi, Egyptian, shorthand
    // and music. (Variation selectors stay: they pick an emoji's or a glyph's form, and ZWJ and ZWNJ
    // join emoji and letters of Persian or Indic scripts; none of them hides or reorders text.)
    case 0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x17B4, 0x17B5, 0x180B...0x180D, 0x180F, 0x0600...0x0605, 0x06DD,
         0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD, 0x13430...0x1343F, 0x1BCA0...0x1BCA3, 0x1D173...0x1D17A:
        true
    default:
        false
    }
}

/// What an invisible character does, for a message that names it.
private func invisibleName(_ value: UInt32) -> String? {
    switch value {
    case 0x202A: "left-to-right embedding"
    case 0x202B: "right-to-left embedding"
    case 0x202C: "pop directional formatting"
    case 0x202D: "left-to-right override"
    case 0x202E: "right-to-left override"
    case 0x2066: "left-to-right isolate"
    case 0x2067: "right-to-left isolate"
    case 0x2068: "first strong isolate"
    case 0x2069: "pop directional isolate"
    case 0x200E: "left-to-right mark"
    case 0x200F: "right-to-left mark"
    case 0x061C: "Arabic letter mark"
    case 0x2028: "line separator"
    case 0x2029: "paragraph separator"
    case 0x200B: "zero-width space"
    case 0xFEFF: "byte-order mark"
    case 0x00AD: "soft hyphen"
    default: nil
    }
}

/// A character for a message: `'x'`, or words for what cannot be shown (`a line break`,
/// `control character U+001B`, `invisible character U+202E (right-to-left override)`).
/// The same with its article: "an invisible character U+202E", "a tab".
func describeCharacterWithArticle(_ c: Character) -> String {
    let words = describeCharacter(c)
    return (words.first.map { "aeiou".contains($0) } == true ? "an " : "a ") + words
}

func describeCharacter(_ c: Character) -> String {
    if c == "\n" || c == "\r\n" || c == "\r" { return "line break" }
    if c == "\t" { return "tab" }
    if let scalar = c.unicodeScalars.first, isControlCharacter(scalar) {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        if isInvisibleFormatCharacter(scalar) { return "invisible character \(code)" + (invisibleName(scalar.value).map { " (\($0))" } ?? "") }
        return "control character " + code
    }
    return "character '\(c)'"
}
