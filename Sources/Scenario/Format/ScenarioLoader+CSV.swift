import Foundation

/// `[data] file = "points.csv"`: samples read from a CSV beside the scenario, columns by name.
public struct DataFile: Equatable, Sendable {
    /// One data column of the scenario and the CSV columns that make it.
    public struct Column: Equatable, Sendable {
        public var name: String
        public var csvColumns: [String]
        /// A list (or a range) makes each sample a column vector, even a list of one.
        public var isVector: Bool
    }

    /// The path as written in the scenario.
    public var written: String
    /// The path the loader read: relative paths are taken from the scenario file's folder.
    public var path: String
    public var columns: [Column]
}

extension ScenarioLoader {
    /// The data columns of a `[data]` section read from the CSV its `fileKey` names (`file`, or
    /// `test_file` for the held-out samples), and where they came from. `extra`: CSV columns the
    /// features read, each taken as a column of one number per sample, with where its name is written.
    func csvColumns(_ t: TOMLTable, fileKey: String = "file", extra: [(name: String, at: SourcePosition)] = []) throws(Diagnostic) -> ([DataColumn], DataFile) {
        let fileAt = locate.key(fileKey, in: "data", value: true)
        guard let written = t[fileKey]?.string, !written.isEmpty else {
            throw fail(fileAt, "\(fileKey) must be the CSV's path in quotes, e.g. \(fileKey) = \"points.csv\"")
        }
        // A shipped scenario's data is the copy built into the binary; a file's is confined to its folder.
        let shipped = builtin ? Builtins.bytes(ofFile: written) : nil
        if builtin, shipped == nil { throw fail(fileAt, "no shipped data file is named \(written)") }
        let (path, resolved) = builtin ? (written, written) : try dataPath(written, at: fileAt)

        var specs: [DataFile.Column] = []
        for key in t.keys where !Self.dataSettings.contains(key) {
            guard let value = t[key] else { continue }
            guard ExpressionParser.isIdentifier(key) else { throw fail(locate.key(key, in: "data"), "'\(key)' cannot be used as a name in expressions; use letters, digits and _") }
            let at = locate.key(key, in: "data", value: true)
            let example = "e.g. \(key) = [\"x1\", \"x2\"], \(key) = \"label\" or \(key) = \"p0..p63\""
            var names: [String] = []
            var isVector = true
            if let single = value.string {
                names = try expandRange(single, at: locate.text(of: value))
                isVector = names.count > 1 || single.contains("..")
            } else if let list = value.array, !list.isEmpty {
                for element in list {
                    guard let name = element.string else { throw fail(at, "with file = …, [data] \(key) names CSV columns in quotes (\(example)), found a \(typeName(element))") }
                    names += try expandRange(name, at: locate.text(of: element))
                }
            } else {
                throw fail(at, "with file = …, [data] \(key) names the CSV columns that make it: \(example)")
            }
            if names.count > Self.maximumElements { throw fail(at, "[data] \(key) names more than \(Self.maximumElements) columns") }
            specs.append(DataFile.Column(name: key, csvColumns: names, isVector: isVector))
        }
        // Where each spec's CSV names are written: a key's value, or (for a feature's column) the feature.
        var writtenAt: [String: SourcePosition] = [:]
        for (name, at) in extra where !specs.contains(where: { $0.name == name }) {
            specs.append(DataFile.Column(name: name, csvColumns: [name], isVector: false))
            writtenAt[name] = at
        }
        if specs.isEmpty { throw fail(locate.section("data"), "[data] reads \(written) but names no columns; add e.g. x = [\"x1\", \"x2\"] and y = \"label\"") }

        var reader: CSVReader
        do {
            if let shipped { reader = try CSVReader(bytes: shipped) } else { reader = try CSVReader(path: resolved) }
        } catch {
            throw Diagnostic(file: path, line: error.line, column: error.column, message: "\(error.message) \(askedBy(fileAt))")
        }
        defer { reader.close() }
        do {
            let columns = try readColumns(&reader, specs: specs, path: path, written: written, fileAt: fileAt, writtenAt: writtenAt)
            return (columns, DataFile(written: written, path: path, columns: specs))
        } catch let problem as CSVReader.Problem {
            throw Diagnostic(file: path, line: problem.line, column: problem.column, message: "\(problem.message) \(askedBy(fileAt))")
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw Diagnostic(file: path, line: 1, column: 1, message: "\(error) \(askedBy(fileAt))")
        }
    }

    /// The header, then the rows one at a time: each sample's numbers parsed as its row is read, and
    /// every bound (columns, fields per row, numbers in all) checked at the row that crosses it.
    private func readColumns(_ reader: inout CSVReader, specs: [DataFile.Column], path: String, written: String,
                             fileAt: SourcePosition, writtenAt: [String: SourcePosition]) throws -> [DataColumn] {
        typealias Problem = CSVReader.Problem
        reader.fieldLimit = Self.maximumColumns
        guard try reader.nextRow() else {
            throw Problem(line: 1, column: 1, message: "the file is empty; it needs a header row naming the columns (e.g. x1,x2,label), then one row per sample")
        }
        if reader.fieldCount > Self.maximumColumns {
            throw Problem(line: reader.rowLine, column: 1, message: "the header names \(reader.fieldCount) columns; a data file may have up to \(Self.maximumColumns)")
        }
        for (i, field) in reader.fields.enumerated() {
            if field.cut {
                throw Problem(line: field.line, column: field.column, message: "column \(i + 1)'s name is longer than \(CSVReader.keptBytes) bytes; a header names each column in a word")
            }
            let name = reader.string(i)
            if let bad = name.unicodeScalars.firstIndex(where: isInvisibleFormatCharacter) {
                let offset = name.unicodeScalars.distance(from: name.unicodeScalars.startIndex, to: bad)
                let scalar = name.unicodeScalars[bad]
                let twice = scalar == "\u{FEFF}" && i == 0 && offset == 0 ? " (a second byte-order mark: the file was saved with two; save it again as UTF-8)" : ""
                throw Problem(line: field.line, column: field.column + offset,
                              message: "column \(i + 1)'s name holds \(describeCharacterWithArticle(Character(scalar)))\(twice); a name is plain text")
            }
        }
        let header = reader.fields.indices.map { reader.string($0) }
        let headerLine = reader.rowLine
        reader.fieldLimit = header.count

        var columnsNamed: [String: [Int]] = [:]
        for (i, name) in header.enumerated() { columnsNamed[name, default: []].append(i) }
        var indices: [[Int]] = []
        for spec in specs {
            let at = writtenAt[spec.name] ?? locate.key(spec.name, in: "data", value: true)
            var columnIndices: [Int] = []
            for name in spec.csvColumns {
                // Found in the header's index (looking through the header for each of 10^5 names
                // was quadratic); the name's place in the file is worked out for a message only.
                let matches = columnsNamed[name] ?? []
                func nameAt() -> SourcePosition { writtenAt[spec.name] ?? locate.string(name, from: at) }
                guard let index = matches.first else {
                    throw fail(nameAt(), "\(written) has no column '\(name)'\(didYouMean(name, header)); its header has \(Self.headerSummary(header))")
                }
                if matches.count > 1 { throw fail(nameAt(), "\(written) has \(matches.count) columns named '\(name)'; rename one in the header") }
                columnIndices.append(index)
            }
            indices.append(columnIndices)
        }
        let perRow = indices.reduce(0) { $0 + $1.count }
        let asked = specs.indices.map { writtenAt[specs[$0].name] ?? locate.key(specs[$0].name, in: "data", value: true) }

        // The numbers go straight into one flat array per column: nothing is kept per row.
        var columns = specs.enumerated().map { s, spec in DataColumn(name: spec.name, vectorLength: spec.isVector ? indices[s].count : nil) }
        var rows = 0
        while try reader.nextRow() {
            rows += 1
            if reader.fieldCount != header.count {
                let at = reader.position(ofField: min(reader.fieldCount, header.count))
                let few = reader.fieldCount < header.count
                throw Diagnostic(file: path, line: at.line, column: at.column,
                                 message: "row \(rows) has \(reader.fieldCount) field\(reader.fieldCount == 1 ? "" : "s") but the header has \(header.count)\(few ? "" : " (a comma too many?)") \(askedBy(fileAt))")
            }
            if rows * perRow > dataLimit {
                throw Problem(line: reader.rowLine, column: 1, message: "the file's rows make more than \(dataLimit) numbers by this row (\(rows) rows of \(perRow)); backprop takes up to \(dataLimit) numbers from a data file (\(dataLimit / max(1, perRow)) rows of these columns). Keep fewer rows (a random part of them teaches as well), or name fewer columns")
            }
            for s in specs.indices {
                for index in indices[s] {
                    let field = reader.fields[index]
                    let cell = reader.text[field.range]
                    switch Self.number(cell) {
                    case .some(let value) where value.isFinite && !field.cut:
                        if let past = pastFloat32(value) {
                            throw Diagnostic(file: path, line: field.line, column: field.column,
                                             message: "\(header[index]) is '\(escapingControlCharacters(reader.string(index)))'\(past) \(askedBy(asked[s]))")
                        }
                        columns[s].append(value)
                    case let parsed:
                        let text = reader.string(index)
                        let shown = escapingControlCharacters(field.cut || text.count > 20 ? String(text.prefix(20)) + "…" : text)
                        let what = text.isEmpty ? "is empty"
                            : field.cut ? "is '\(shown)', longer than the \(CSVReader.keptBytes) characters a number may take"
                            : parsed.map { !$0.isFinite } == true ? "is '\(shown)', too large for a number (the largest is about 1.8e308)"
                            : "is '\(shown)', not a number"
                        throw Diagnostic(file: path, line: field.line, column: field.column,
                                         message: "\(header[index]) \(what) \(askedBy(asked[s]))")
                    }
                }
            }
        }
        if rows == 0 {
            throw Problem(line: headerLine, column: 1, message: "the file has a header row but no samples below it")
        }
        return columns
    }

    /// Where a data file named in the scenario is, symbolic links followed: inside the scenario's
    /// folder, or (with `--allow-data-outside`) anywhere. A file outside is named, never opened, so
    /// no byte of it reaches a message or the screen. The path as messages name it, and the one to open.
    func dataPath(_ written: String, at: SourcePosition) throws(Diagnostic) -> (shown: String, resolved: String) {
        let folder = (file as NSString).deletingLastPathComponent
        let path = written.hasPrefix("/") || folder.isEmpty ? written : (folder as NSString).appendingPathComponent(written)
        guard let real = Self.realPath(path) else {
            let code = errno
            throw fail(at, "\(code == ENOENT ? "no such file" : FileBytes.reason(code)): \(path) (a data file's path is taken from the scenario's folder)")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory), isDirectory.boolValue {
            throw fail(at, "\(path) is a folder, not a CSV file")
        }
        if allowDataOutside { return (path, real) }
        let root = Self.realPath(folder.isEmpty ? "." : folder) ?? folder
        let inside = real.hasPrefix(root.hasSuffix("/") ? root : root + "/")
        guard inside else {
            let leads = real == path ? "" : " (it leads to \(real))"
            throw fail(at, "\(written) is outside the scenario's folder \(root)\(leads); a scenario reads data only from its own folder, so a file shared with a class cannot show yours. Copy the data beside the scenario, or run with --allow-data-outside if you trust it")
        }
        return (path, real)
    }

    /// `path` with every symbolic link, `.` and `..` resolved, or nil (errno says why).
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The most numbers a data file (and the features built from it) may give: 2^23, 64 MB as
    /// doubles, 10⁶ rows of 8 numbers (a param keeps its own bound, `maximumElements`).
    public static let maximumDataNumbers = 1 << 23

    /// Columns a CSV's header may name: a 256×256 picture's pixels and more, and a bound on what a
    /// row of the file can cost before a single number is read.
    static let maximumColumns = 100_000

    /// Names the scenario's line that made us read the CSV, for errors that point into the CSV.
    func askedBy(_ at: SourcePosition) -> String { "(asked for at \(file):\(at.line):\(at.column))" }

    /// `"p0..p63"` is p0, p1, …, p63; any other name is itself.
    func expandRange(_ text: String, at: SourcePosition) throws(Diagnostic) -> [String] {
        guard let dots = text.range(of: "..") else {
            if text.isEmpty { throw fail(at, "a CSV column name cannot be empty") }
            return [text]
        }
        let first = String(text[..<dots.lowerBound]), last = String(text[dots.upperBound...])
        func split(_ s: String) -> (String, Int)? {
            let digits = s.reversed().prefix(while: \.isASCII).prefix(while: \.isNumber).count
            guard digits > 0, digits <= 9, let n = Int(s.suffix(digits)) else { return nil }
            return (String(s.dropLast(digits)), n)
        }
        guard let (prefix, from) = split(first), let (prefix2, to) = split(last), prefix == prefix2, from <= to else {
            throw fail(at, "'\(text)' is not a range of columns; write it as first..last with one name and rising numbers, e.g. \"p0..p63\"")
        }
        if to - from >= Self.maximumElements { throw fail(at, "'\(text)' names more than \(Self.maximumElements) columns") }
        return (from...to).map { "\(prefix)\($0)" }
    }

    /// A decimal number as a CSV cell holds it (`0.5`, `-3`, `1e-4`); not nan, inf or hex. A number
    /// too large for a double comes back infinite (the caller says so).
    static func number(_ cell: ArraySlice<UInt8>) -> Double? {
        guard !cell.isEmpty, cell.count <= CSVReader.keptBytes, cell.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E || $0 == 0x45 || $0 == 0x65 }) else { return nil }
        return Double(String(decoding: cell, as: UTF8.self))
    }

    static func headerSummary(_ header: [String]) -> String {
        let shown = header.prefix(8).map { "'\($0)'" }.joined(separator: ", ")
        return header.count > 8 ? "\(shown) and \(header.count - 8) more" : shown
    }
}
