import Foundation
import Testing
@testable import Export
import Scenario

/// The PyTorch export of a scenario whose data is a CSV reads the same CSV, and Python's own csv
/// module reads our file to the same numbers.
struct CSVDataExportTests {
    static let toml = """
    title = "from a CSV"
    [data]
    file = "points.csv"
    x = "x1..x2"
    y = "label"
    [params]
    w = [[0.1, 0.2]]
    b = 0.0
    [model]
    forward = "sigmoid(w @ x + b)"
    loss = "-(y * log(y_pred) + (1 - y) * log(1 - y_pred))"
    [train]
    epochs = 3
    lr = 0.1
    batch_size = 2
    [predict]
    x = [[0.5, 0.5]]
    """
    // A spreadsheet's file: a byte-order mark, CRLF, a quoted header, spaces after commas.
    static let csv = "\u{FEFF}\"x1\",x2,label\r\n0.0, 1.0,0\r\n1.0,0.0,1\r\n0.5,0.5,1\r\n-1.5,2.25,0\r\n0.25,-3e-1,1\r\n"

    func scenario(in dir: String) throws -> Scenario {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Self.toml.write(toFile: dir + "/data.toml", atomically: true, encoding: .utf8)
        try Self.csv.write(toFile: dir + "/points.csv", atomically: true, encoding: .utf8)
        return try ScenarioLoader.load(path: dir + "/data.toml")
    }

    @Test func theScriptReadsTheCSVItself() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csvexport-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = try PyTorchScript(scenario: try scenario(in: dir)).text()
        #expect(script.contains("import csv"))
        #expect(script.contains("with open(\"\(dir)/points.csv\", newline=\"\", encoding=\"utf-8-sig\") as f:"))
        #expect(script.contains("x_data = [[float(r[c]) for c in [\"x1\", \"x2\"]] for r in rows]"))
        #expect(script.contains("y_data = [float(r[\"label\"]) for r in rows]"))
        #expect(!script.contains("0.25"), "the numbers stay in the CSV")
    }

    @Test(.enabled(if: Tools.hasTorch, Comment(rawValue: torchMissing)))
    func pyTorchOnTheExportPrintsOurTranscript() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csvexport-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try scenario(in: dir)
        let ours = try transcript(s)
        #expect(ours.contains("grad: [[0.5, 0.5], [-1.5, 2.25]] [1.0, 0.0]"))
        #expect(try runUnderPyTorch(PyTorchScript(scenario: s).text()) == ours)
    }

    @Test func pythonsCSVModuleReadsTheSameNumbers() throws {
        let python = try #require(Tools.python)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csvexport-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try scenario(in: dir)
        let read = try Tools.run(python, ["-c", """
        import csv
        rows = list(csv.DictReader(open("\(dir)/points.csv", newline="", encoding="utf-8-sig"), skipinitialspace=True))
        print([[float(r["x1"]), float(r["x2"])] for r in rows])
        """])
        #expect(read.status == 0, "\(read.stderr)")
        let ours = "[" + s.data[0].samples.map(\.text).joined(separator: ", ") + "]\n"
        #expect(read.stdout == ours)
    }
}
