import Foundation
@testable import Scenario

/// What the fuzzers check of one input, shared by `Fuzz/run.sh` (which traps on a failure) and
/// `FuzzCrasherTests` (which records it): a crasher saved once is checked the same way forever.
enum FuzzChecks {
    /// The scenario loader answers with a scenario or a Diagnostic inside the file.
    static func loader(_ bytes: [UInt8]) -> String? {
        do {
            _ = try ScenarioLoader.load(bytes: bytes, file: "fuzz.toml")
        } catch {
            return inside(error.line, error.column, lines: lineCount(bytes), error.message)
        }
        return nil
    }

    /// The CSV reader gives rows whose fields lie in the file, or a problem there; a scenario that
    /// reads the bytes as its data loads or says why at a real position, and its numbers are finite.
    static func csv(_ bytes: [UInt8]) -> String? {
        readRows(bytes) ?? loadAsData(bytes)
    }

    /// Lines of the input: line feeds, and carriage returns alone, end one.
    static func lineCount(_ bytes: [UInt8]) -> Int {
        var lines = 1
        for (i, b) in bytes.enumerated() where b == 0x0A || (b == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) { lines += 1 }
        return lines
    }

    static func inside(_ line: Int, _ column: Int, lines: Int, _ message: String) -> String? {
        if line < 1 || line > lines || column < 1 { return "a message at \(line):\(column) of a file of \(lines) lines: \(message)" }
        if message.isEmpty { return "an empty message at \(line):\(column)" }
        return nil
    }

    static func readRows(_ bytes: [UInt8]) -> String? {
        let lines = lineCount(bytes)
        do {
            var reader = try CSVReader(bytes: bytes)
            var lastLine = 0
            while try reader.nextRow() {
                if reader.rowLine < 1 || reader.rowLine > lines { return "a row starts on line \(reader.rowLine) of \(lines)" }
                if reader.rowLine <= lastLine { return "row on line \(reader.rowLine) after one on line \(lastLine)" }
                if reader.fieldCount < 1 || reader.fields.count > reader.fieldCount { return "\(reader.fields.count) fields kept of \(reader.fieldCount)" }
                for (i, field) in reader.fields.enumerated() {
                    if field.line < reader.rowLine || field.line > lines || field.column < 1 { return "field \(i) at \(field.line):\(field.column)" }
                    if field.range.count > CSVReader.keptBytes { return "field \(i) keeps \(field.range.count) bytes" }
                    _ = reader.string(i)
                }
                let end = reader.position(ofField: reader.fieldCount)
                if end.line < reader.rowLine || end.line > lines { return "the row's end on line \(end.line)" }
                lastLine = reader.rowLine
                if reader.fieldLimit == .max { reader.fieldLimit = reader.fieldCount }
            }
        } catch {
            return inside(error.line, error.column, lines: lines, error.message)
        }
        return nil
    }

    /// A folder of this process with a scenario that reads `d.csv` beside it.
    static let folder: String = {
        let dir = NSTemporaryDirectory() + "backprop-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let scenario = "[data]\nfile = \"d.csv\"\nx = [\"a\", \"b\"]\ny = \"c\"\n[params]\nw = [[0.5, -0.5]]\n[model]\nforward = \"w @ x\"\nloss = \"(y_pred - y)^2\"\n"
        _ = FileManager.default.createFile(atPath: dir + "/s.toml", contents: Data(scenario.utf8))
        return dir
    }()

    /// One load at a time: the tests run in parallel, and they share the folder's d.csv (one test's
    /// file was read by another's load, a message about a cell its file does not have).
    static let folderLock = NSLock()

    static func loadAsData(_ bytes: [UInt8]) -> String? {
        folderLock.lock()
        defer { folderLock.unlock() }
        let csv = folder + "/d.csv"
        guard FileManager.default.createFile(atPath: csv, contents: Data(bytes)) else { return nil }
        do {
            let s = try ScenarioLoader.load(path: folder + "/s.toml")
            if !s.data.allSatisfy({ $0.values.allSatisfy(\.isFinite) }) { return "data that is not finite" }
        } catch {
            return inside(error.line, error.column, lines: error.file == csv ? lineCount(bytes) : 10, error.message)
        }
        return nil
    }
}
