import CSV
import Foundation

/// A CSV data file as read for `[data] file = …`: the header's names and the rows of numbers'
/// text, each row with the line it starts on, so every later complaint can point into the file.
struct CSVTable {
    struct Row {
        var line: Int
        var fields: [String]
    }

    /// A mistake in the CSV itself, at a line and column of the CSV file.
    struct Problem: Error {
        var line: Int
        var column: Int
        var message: String
    }

    /// Bigger files are refused before reading: a class's dataset is a few hundred rows, and a
    /// mistyped path to a 1 GB log should not freeze the screen.
    static let maximumBytes = 32 << 20

    var header: [String]
    var rows: [Row]
    /// The file's text split at line feeds, to find a field's column when a number is wrong.
    let lines: [Substring]

    /// Reads and splits `path`; throws `Problem` for a file that is not a table with a header.
    init(path: String) throws(Problem) {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path, limit: Self.maximumBytes, kind: "CSV data file")
        } catch {
            throw Problem(line: 1, column: 1, message: error.message + (error.message.contains("limit") ? " (a few hundred rows is what a lesson needs)" : ""))
        }
        try self.init(bytes: bytes)
    }

    init(bytes: [UInt8]) throws(Problem) {
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }  // a spreadsheet's byte-order mark
        if let nul = bytes.firstIndex(of: 0) {
            let p = SourceLines.position(ofByte: nul - bytes.startIndex, in: Array(bytes))
            throw Problem(line: p.line, column: p.column, message: "this is a binary file, not a CSV table (a NUL byte is here)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let all = Array(bytes)
            let p = SourceLines.position(ofByte: SourceLines.firstInvalidUTF8(all), in: all)
            throw Problem(line: p.line, column: p.column, message: "the file is not valid UTF-8 text (save it as UTF-8 CSV)")
        }
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.allSatisfy(\.isWhitespace) {
            throw Problem(line: 1, column: 1, message: "the file is empty; it needs a header row naming the columns (e.g. x1,x2,label), then one row per sample")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: true)
        } catch {
            throw Problem(line: 1, column: 1, message: "the file cannot be read as CSV")
        }
        var line = 1
        var header: [String]?
        var rows: [Row] = []
        while let fields = reader.next() {
            let start = line
            line += 1 + fields.reduce(0) { $0 + $1.count(where: { $0 == "\n" }) }
            if fields == [""] { continue }  // a blank line
            if header == nil { header = fields } else { rows.append(Row(line: start, fields: fields)) }
        }
        guard let header else {
            throw Problem(line: 1, column: 1, message: "the file is empty; it needs a header row naming the columns, then one row per sample")
        }
        if rows.isEmpty {
            throw Problem(line: max(1, line - 1), column: 1, message: "the file has a header row but no samples below it")
        }
        self.header = header
        self.rows = rows
    }

    /// Where field `index` of `row` starts (1-based), walking the row's text and minding quotes;
    /// past the row's last field, the column just after its end.
    func column(ofField index: Int, in row: Row) -> (line: Int, column: Int) {
        var line = row.line, column = 1, field = 0, quoted = false
        var i = row.line - 1
        while i < lines.count {
            for c in lines[i].unicodeScalars where c != "\r" {
                if field == index { return (line, column) }
                if c == "\"" { quoted.toggle() } else if c == ",", !quoted { field += 1 }
                column += 1
            }
            if !quoted { return (line, column) }
            i += 1
            line += 1
            column = 1
        }
        return (line, column)
    }
}
