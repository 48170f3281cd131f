/// Turns where the TOML reader found keys, values and sections into lines and columns, so every
/// message points at the exact place; positions are worked out only for what is asked.
struct SourceLocator {
    let bytes: [UInt8]
    let root: TOMLTable
    private let lines: SourceLines
    private var lineStarts: [Int] { lines.lineStarts }

    init(bytes: [UInt8], root: TOMLTable) {
        self.bytes = bytes
        self.root = root
        lines = SourceLines(bytes)
    }

    /// Line and column (in characters, from 1) of a byte offset.
    func position(ofByte offset: Int) -> SourcePosition { lines.position(ofByte: offset) }

    /// The table of a section (`nil` = the top level), or of the n-th `[[name]]`.
    func table(_ section: String?, occurrence: Int = 0) -> TOMLTable? {
        guard let section else { return root }
        guard let value = root[section] else { return nil }
        if let table = value.table { return occurrence == 0 ? table : nil }
        return value.table(at: occurrence)
    }

    /// Position of a section header (or of the key that made the section).
    func section(_ name: String, occurrence: Int = 0) -> SourcePosition {
        if let table = table(name, occurrence: occurrence) { return position(ofByte: table.offset) }
        if let offset = root.offset(ofKey: name) { return position(ofByte: offset) }
        return SourcePosition(line: 1, column: 1)
    }

    /// Position of `key = …` in a section; with `value`, the position of the value after `=`.
    func key(_ key: String, in section: String?, occurrence: Int = 0, value: Bool = false) -> SourcePosition {
        guard let table = table(section, occurrence: occurrence) else { return SourcePosition(line: 1, column: 1) }
        if value, let v = table[key] { return position(ofByte: v.offset) }
        if let offset = table.offset(ofKey: key) { return position(ofByte: offset) }
        return section.map { self.section($0, occurrence: occurrence) } ?? SourcePosition(line: 1, column: 1)
    }

    /// Where the text of string value `value` starts: just inside its quote when it is written
    /// plainly (its text between one pair of quotes); else the value's first character (escapes
    /// or a multi-line form make the text differ from what is written). Read at the value's own
    /// offset: searching the file for the text made a list of 20 000 entries on one line quadratic.
    func text(of value: TOMLValue) -> SourcePosition {
        let start = value.offset
        guard let content = value.string, start < bytes.count,
              bytes[start] == UInt8(ascii: "\"") || bytes[start] == UInt8(ascii: "'") else { return position(ofByte: start) }
        let needle = Array(content.utf8), close = start + 1 + needle.count
        if close < bytes.count, bytes[close] == bytes[start], bytes[(start + 1)..<close].elementsEqual(needle) {
            return position(ofByte: start + 1)
        }
        return position(ofByte: start)
    }

    /// Where the text of a string value starts (just inside its quote), searching from `from`
    /// over the next lines (a string written with escapes is not found: `from` it is, then).
    func string(_ content: String, from: SourcePosition) -> SourcePosition {
        let first = max(0, min(from.line - 1, lineStarts.count - 1))
        let start = lineStarts[first]
        let end = first + 64 < lineStarts.count ? lineStarts[first + 64] : bytes.count
        let needle = Array(content.utf8)
        for quote in [UInt8(ascii: "\""), UInt8(ascii: "'")] {
            let pattern = [quote] + needle + [quote]
            var i = start
            while i < end, i + pattern.count <= bytes.count {
                if bytes[i] == quote, bytes[i..<(i + pattern.count)].elementsEqual(pattern) { return position(ofByte: i + 1) }
                i += 1
            }
        }
        return from
    }
}
