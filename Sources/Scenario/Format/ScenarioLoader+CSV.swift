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
        let folder = (file as NSString).deletingLastPathComponent
        let path = written.hasPrefix("/") || folder.isEmpty ? written : (folder as NSString).appendingPathComponent(written)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw fail(fileAt, "no such file: \(path) (a data file's path is taken from the scenario's folder)")
        }
        if isDirectory.boolValue { throw fail(fileAt, "\(path) is a folder, not a CSV file") }

        var specs: [DataFile.Column] = []
        for key in t.keys where !Self.dataSettings.contains(key) {
            guard let value = t[key] else { continue }
            guard ExpressionParser.isIdentifier(key) else { throw fail(locate.key(key, in: "data"), "'\(key)' cannot be used as a name in expressions; use letters, digits and _") }
            let at = locate.key(key, in: "data", value: true)
            let example = "e.g. \(key) = [\"x1\", \"x2\"], \(key) = \"label\" or \(key) = \"p0..p63\""
            var names: [String] = []
            var isVector = true
            if let single = value.string {
                names = try expandRange(single, at: locate.string(single, from: at))
                isVector = names.count > 1 || single.contains("..")
            } else if let list = value.array, !list.isEmpty {
                for element in list {
                    guard let name = element.string else { throw fail(at, "with file = …, [data] \(key) names CSV columns in quotes (\(example)), found a \(typeName(element))") }
                    names += try expandRange(name, at: locate.string(name, from: at))
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

        let table: CSVTable
        do {
            table = try CSVTable(path: path)
        } catch {
            throw Diagnostic(file: path, line: error.line, column: error.column, message: "\(error.message) \(askedBy(fileAt))")
        }
        let elements = specs.reduce(0) { $0 + $1.csvColumns.count } * table.rows.count
        if elements > Self.maximumElements {
            throw Diagnostic(file: path, line: 1, column: 1, message: "the file's \(table.rows.count) rows make \(elements) numbers; backprop takes up to \(Self.maximumElements) \(askedBy(fileAt))")
        }
        for (r, row) in table.rows.enumerated() where row.fields.count != table.header.count {
            let at = table.column(ofField: min(row.fields.count, table.header.count), in: row)
            let few = row.fields.count < table.header.count
            throw Diagnostic(file: path, line: at.line, column: at.column,
                             message: "row \(r + 1) has \(row.fields.count) fields but the header has \(table.header.count)\(few ? "" : " (a comma too many?)") \(askedBy(fileAt))")
        }

        var columns: [DataColumn] = []
        for spec in specs {
            let at = writtenAt[spec.name] ?? locate.key(spec.name, in: "data", value: true)
            var indices: [Int] = []
            for name in spec.csvColumns {
                let matches = table.header.indices.filter { table.header[$0] == name }
                let nameAt = writtenAt[spec.name] ?? locate.string(name, from: at)
                guard let index = matches.first else {
                    throw fail(nameAt, "\(written) has no column '\(name)'\(didYouMean(name, table.header)); its header has \(Self.headerSummary(table.header))")
                }
                if matches.count > 1 { throw fail(nameAt, "\(written) has \(matches.count) columns named '\(name)'; rename one in the header") }
                indices.append(index)
            }
            var samples: [Sample] = []
            samples.reserveCapacity(table.rows.count)
            for row in table.rows {
                var values: [Literal] = []
                for index in indices {
                    let text = row.fields[index]
                    guard let value = Self.number(text) else {
                        let p = table.column(ofField: index, in: row)
                        let what = text.isEmpty ? "is empty" : "is '\(text.count > 20 ? String(text.prefix(20)) + "…" : text)', not a number"
                        throw Diagnostic(file: path, line: p.line, column: p.column,
                                         message: "\(table.header[index]) \(what) \(askedBy(at))")
                    }
                    values.append(Literal(value))
                }
                samples.append(spec.isVector ? .vector(values) : .scalar(values[0]))
            }
            columns.append(DataColumn(name: spec.name, samples: samples, vectorLength: spec.isVector ? indices.count : nil))
        }
        return (columns, DataFile(written: written, path: path, columns: specs))
    }

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

    /// A decimal number as a CSV cell holds it (`0.5`, `-3`, `1e-4`); not nan, inf or hex.
    static func number(_ text: String) -> Double? {
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }),
              let value = Double(text), value.isFinite else { return nil }
        return value
    }

    static func headerSummary(_ header: [String]) -> String {
        let shown = header.prefix(8).map { "'\($0)'" }.joined(separator: ", ")
        return header.count > 8 ? "\(shown) and \(header.count - 8) more" : shown
    }
}
