import Foundation

/// Finds where keys and strings sit in TOML text, since the TOML library reports positions only
/// for syntax errors; good enough to point a teacher at the right line and column.
struct SourceLocator {
    let lines: [Substring]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Header lines: (line index, name, isArrayTable).
    private var headers: [(Int, String, Bool)] {
        lines.enumerated().compactMap { index, raw in
            let line = raw.trimmingCharacters(in: " \t\r")
            if line.hasPrefix("[[") , let end = line.range(of: "]]") {
                return (index, line[line.index(line.startIndex, offsetBy: 2)..<end.lowerBound].trimmingCharacters(in: " \t"), true)
            }
            if line.hasPrefix("["), let end = line.firstIndex(of: "]") {
                return (index, line[line.index(after: line.startIndex)..<end].trimmingCharacters(in: " \t"), false)
            }
            return nil
        }
    }

    /// Line range of a section (`nil` = the top level), or of the n-th `[[name]]`.
    func range(of section: String?, occurrence: Int = 0) -> Range<Int>? {
        let hs = headers
        guard let section else { return 0..<(hs.first?.0 ?? lines.count) }
        var seen = 0
        for (i, h) in hs.enumerated() where h.1 == section {
            if seen == occurrence {
                let end = i + 1 < hs.count ? hs[i + 1].0 : lines.count
                return h.0..<end
            }
            seen += 1
        }
        return nil
    }

    /// Position of a section header.
    func section(_ name: String, occurrence: Int = 0) -> SourcePosition {
        guard let r = range(of: name, occurrence: occurrence) else { return SourcePosition(line: 1, column: 1) }
        return SourcePosition(line: r.lowerBound + 1, column: 1)
    }

    /// Position of `key = …` in a section; with `value`, the position of the value after `=`.
    func key(_ key: String, in section: String?, occurrence: Int = 0, value: Bool = false) -> SourcePosition {
        guard let r = range(of: section, occurrence: occurrence) else { return SourcePosition(line: 1, column: 1) }
        let dotted = section.map { "\($0).\(key)" }
        for i in r {
            let raw = lines[i]
            let trimmed = raw.drop(while: { $0 == " " || $0 == "\t" })
            for candidate in [key, "\"\(key)\""] + (dotted.map { [$0] } ?? []) where trimmed.hasPrefix(candidate) {
                let after = trimmed.dropFirst(candidate.count).drop(while: { $0 == " " || $0 == "\t" })
                if after.first == "=" {
                    let keyColumn = raw.count - trimmed.count + 1
                    if !value { return SourcePosition(line: i + 1, column: keyColumn) }
                    let valueText = after.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
                    return SourcePosition(line: i + 1, column: raw.count - valueText.count + 1)
                }
            }
        }
        return SourcePosition(line: r.lowerBound + 1, column: 1)
    }

    /// Where the text of a string value starts (just inside its quote), searching from `from`.
    func string(_ content: String, from: SourcePosition) -> SourcePosition {
        for i in max(0, from.line - 1)..<lines.count {
            for quote in ["\"", "'"] {
                if let range = lines[i].range(of: quote + content + quote) {
                    return SourcePosition(line: i + 1, column: lines[i].distance(from: lines[i].startIndex, to: range.lowerBound) + 2)
                }
            }
        }
        return from
    }
}
