/// A CSV data file read one row at a time, from a file in chunks or from bytes in memory: only the
/// row at hand is held, so what a file costs is the numbers taken from it, and a mistake is found
/// where it is, with its line and column (characters, from 1; CRLF and quoted line breaks counted
/// as a spreadsheet's user sees them).
///
/// The dialect: a header row of names, then rows of fields separated by commas; a field may be in
/// double quotes (`""` inside is a quote; it may hold commas and line breaks); spaces around a field
/// are not part of it; blank lines are skipped; one UTF-8 byte-order mark at the start is dropped.
struct CSVReader {
    /// A mistake in the CSV itself, at a line and column of the CSV file.
    struct Problem: Error {
        var line: Int
        var column: Int
        var message: String
    }

    /// Where a field starts (for messages) and where its text lies in `text`.
    struct Field {
        var line: Int
        var column: Int
        var range: Range<Int>
        /// The field was longer than is kept; `range` holds its start.
        var cut: Bool
    }

    /// Bigger files are refused before reading: a class's dataset is a few hundred rows, and a
    /// mistyped path to a 1 GB log should not freeze the screen.
    static let maximumBytes = 32 << 20
    /// A field's text is kept up to this many bytes: a number is shorter, a name of a column too.
    static let keptBytes = 256

    /// The fields of the row just read (at most `fieldLimit` kept; `fieldCount` counts them all).
    private(set) var fields: [Field] = []
    /// How many fields the row just read has.
    private(set) var fieldCount = 0
    /// The line the row just read starts on.
    private(set) var rowLine = 1
    /// The bytes of the kept fields of the row just read.
    private(set) var text: [UInt8] = []
    /// Fields past this many are counted but not kept (set to the header's width after the header).
    var fieldLimit = Int.max

    private var source: FileBytes.Opened?
    private var chunk: [UInt8]
    private var spare: [UInt8] = []
    private var index = 0
    private var end: Int
    private var atEnd = false
    private var line = 1
    private var column = 1
    private var pendingContinuations = 0
    /// The byte before was a carriage return: a line feed now ends the same line (CRLF), not another.
    private var afterCR = false

    /// Opens `path` for reading; throws a problem at 1:1 for a file that cannot be read.
    init(path: String) throws(Problem) {
        do {
            let opened = try FileBytes.Opened(path, limit: Self.maximumBytes, kind: "CSV data file")
            source = opened
        } catch {
            throw Problem(line: 1, column: 1, message: error.message + (error.message.contains("limit") ? " (a few hundred rows is what a lesson needs)" : ""))
        }
        chunk = [UInt8](repeating: 0, count: 1 << 16)
        spare = chunk
        end = 0
        try skipByteOrderMark()
    }

    /// Reads `bytes` (a data set carried in memory).
    init(bytes: [UInt8]) throws(Problem) {
        chunk = bytes
        end = bytes.count
        atEnd = true
        try skipByteOrderMark()
    }

    /// Closes the file (reading stops); reading the rest of a refused file is not needed.
    mutating func close() {
        source?.close()
        source = nil
    }

    /// The text of field `i` of the row just read (lossy where a cut fell inside a character).
    func string(_ i: Int) -> String {
        String(decoding: text[fields[i].range], as: UTF8.self)
    }

    // MARK: bytes

    private mutating func skipByteOrderMark() throws(Problem) {
        if try peek() == 0xEF, try peek(1) == 0xBB, try peek(2) == 0xBF { index += 3 }
    }

    /// Makes at least `count` bytes available from `index` if the file has them; false at its end.
    private mutating func fill(_ count: Int) throws(Problem) -> Bool {
        if index + count <= end { return true }
        if atEnd { return false }
        // Keep what is left (a few bytes of lookahead at most) and read the next chunk after it.
        let left = end - index
        for k in 0..<left { chunk[k] = chunk[index + k] }
        index = 0
        end = left
        while end < count {
            guard var file = source else {
                atEnd = true
                return false
            }
            let n: Int
            do {
                n = try file.read(into: &spare)
            } catch {
                throw Problem(line: line, column: column, message: error.message)
            }
            source = file
            if n == 0 {
                atEnd = true
                close()
                return false
            }
            if chunk.count < end + n { chunk += [UInt8](repeating: 0, count: end + n - chunk.count) }
            for k in 0..<n { chunk[end + k] = spare[k] }
            end += n
        }
        return true
    }

    private mutating func peek(_ ahead: Int = 0) throws(Problem) -> UInt8? {
        if index + ahead < end { return chunk[index + ahead] }
        return try fill(ahead + 1) ? chunk[index + ahead] : nil
    }

    /// Takes the next byte, moving the line and column past it and checking it is text.
    private mutating func take() throws(Problem) -> UInt8? {
        if index >= end, !(try fill(1)) {
            if pendingContinuations > 0 { throw notUTF8() }
            return nil
        }
        let b = chunk[index]
        index += 1
        let wasCR = afterCR
        afterCR = b == 0x0D
        if b < 0x80 {
            if pendingContinuations > 0 { throw notUTF8() }
            if b == 0 {
                throw Problem(line: line, column: column, message: "this is a binary file, not a CSV table (a NUL byte is here)")
            }
            // A line ends at LF, CRLF or a lone CR (old Macs), inside quotes as outside.
            if b == 0x0A && wasCR {
                // CRLF: the CR began the next line already.
            } else if b == 0x0A || b == 0x0D {
                line += 1
                column = 1
            } else {
                column += 1
            }
        } else if b & 0xC0 == 0x80 {
            if pendingContinuations == 0 { throw notUTF8() }
            pendingContinuations -= 1
        } else {
            if pendingContinuations > 0 { throw notUTF8() }
            switch b {
            case 0xC2...0xDF: pendingContinuations = 1
            case 0xE0...0xEF: pendingContinuations = 2
            case 0xF0...0xF4: pendingContinuations = 3
            default: throw notUTF8()
            }
            column += 1
        }
        return b
    }

    private func notUTF8() -> Problem {
        Problem(line: line, column: max(1, column - 1), message: "the file is not valid UTF-8 text (save it as UTF-8 CSV)")
    }

    // MARK: rows

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), space = UInt8(ascii: " "),
                       tab = UInt8(ascii: "\t"), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    /// Reads the next row that is not blank; false at the end of the file.
    mutating func nextRow() throws(Problem) -> Bool {
        while true {
            fields.removeAll(keepingCapacity: true)
            text.removeAll(keepingCapacity: true)
            fieldCount = 0
            // Skip the spaces that start a line, and blank lines (take counts their line breaks).
            while let b = try peek(), b == Self.space || b == Self.tab || b == Self.cr || b == Self.lf {
                _ = try take()
            }
            if try peek() == nil { return false }
            rowLine = line
            try readRow()
            return true
        }
    }

    /// Reads the fields of one line (a quoted field may run over several).
    private mutating func readRow() throws(Problem) {
        while true {
            while let b = try peek(), b == Self.space || b == Self.tab { _ = try take() }
            let fieldLine = line, fieldColumn = column
            let start = text.count
            var kept = 0
            var cut = false
            func keep(_ b: UInt8) {
                if kept < Self.keptBytes {
                    text.append(b)
                    kept += 1
                } else {
                    cut = true
                }
            }
            let storing = fieldCount < fieldLimit
            if try peek() == Self.quote {
                _ = try take()
                while true {
                    guard let b = try take() else {
                        throw Problem(line: fieldLine, column: fieldColumn,
                                      message: "the quote that opens this field is never closed: the field runs to the end of the file (end it with another \")")
                    }
                    if b == Self.quote {
                        if try peek() == Self.quote {
                            _ = try take()
                            if storing { keep(b) }
                            continue
                        }
                        break
                    }
                    if storing { keep(b) }
                }
                while let b = try peek(), b == Self.space || b == Self.tab { _ = try take() }
                if let b = try peek(), b != Self.comma, b != Self.lf, b != Self.cr {
                    throw Problem(line: line, column: column,
                                  message: "after the quote that closes a field comes a comma or the end of the line, not \(b < 0x80 ? describeCharacter(Character(Unicode.Scalar(b))) : "a non-ASCII character")")
                }
            } else {
                var trailingSpaces = 0
                // The common case, printable ASCII in the chunk at hand, without the checks `take` makes.
                while index < end, pendingContinuations == 0 {
                    let b = chunk[index]
                    guard b > Self.space, b < 0x7F, b != Self.comma else { break }
                    index += 1
                    column += 1
                    afterCR = false  // as take would: a line feed after this byte ends a line of its own
                    if storing { keep(b) }
                    trailingSpaces = 0
                }
                while let b = try peek(), b != Self.comma, b != Self.lf, b != Self.cr {
                    _ = try take()
                    if storing { keep(b) }
                    trailingSpaces = b == Self.space || b == Self.tab ? trailingSpaces + 1 : 0
                }
                if storing, !cut { text.removeLast(min(trailingSpaces, text.count - start)) }
            }
            // The first field past the limit keeps its place (a row too long is named there), not its text.
            if fieldCount <= fieldLimit { fields.append(Field(line: fieldLine, column: fieldColumn, range: start..<text.count, cut: cut)) }
            fieldCount += 1
            if try peek() == Self.comma {
                _ = try take()
                continue
            }
            endOfRow = (line, column)
            if try take() == Self.cr, try peek() == Self.lf { _ = try take() }
            return
        }
    }

    /// Where field `index` of the row just read starts; past its last field, just after its end.
    func position(ofField index: Int) -> (line: Int, column: Int) {
        if index < fields.count { return (fields[index].line, fields[index].column) }
        return (endOfRow.line, endOfRow.column)
    }

    /// The line and column just after the row just read (before its line break).
    private(set) var endOfRow = (line: 1, column: 1)
}
