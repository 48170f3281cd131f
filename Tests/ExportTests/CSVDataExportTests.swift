import Foundation
import PyTorchCode
import Testing
@testable import Export
import Scenario
import TestSupport

/// The PyTorch export of a scenario whose data is a CSV reads the same CSV, and Python's own csv
/// module reads our file to the same numbers.
struct CSVDataExportTests {
    static let toml = TestScenarios.logistic(data: "file = \"points.csv\"\nx = \"x1..x2\"\ny = \"label\"",
                                             epochs: 3, batchSize: 2, predict: "[[0.5, 0.5]]")
    // A spreadsheet's file: a byte-order mark, CRLF, a quoted header, spaces after commas.
    static let csv = "\u{FEFF}\"x1\",x2,label\r\n0.0, 1.0,0\r\n1.0,0.0,1\r\n0.5,0.5,1\r\n-1.5,2.25,0\r\n0.25,-3e-1,1\r\n"

    /// The scenario and its CSV in a fresh folder (removed by the caller), loaded from there.
    func scenario() throws -> (Scenario, folder: String) {
        let dir = try TestFolder.make("csvexport", files: ["data.toml": Self.toml, "points.csv": Self.csv])
        return (try ScenarioLoader.load(path: dir + "/data.toml"), dir)
    }

    @Test func theScriptReadsTheCSVItself() throws {
        let (s, dir) = try scenario()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = try PyTorchScript(scenario: s).text()
        #expect(script.contains("import csv"))
        #expect(script.contains("with open(\"\(dir)/points.csv\", newline=\"\", encoding=\"utf-8-sig\") as f:"))
        #expect(script.contains("x_data = [[float(r[c]) for c in [\"x1\", \"x2\"]] for r in rows]"))
        #expect(script.contains("y_data = [float(r[\"label\"]) for r in rows]"))
        #expect(!script.contains("0.25"), "the numbers stay in the CSV")
    }

    @Test(.enabled(if: Tools.hasTorch, Comment(rawValue: torchMissing)))
    func pyTorchOnTheExportPrintsOurTranscript() throws {
        let (s, dir) = try scenario()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ours = try transcript(s)
        #expect(ours.contains("grad: [[0.5, 0.5], [-1.5, 2.25]] [1.0, 0.0]"))
        #expect(try runUnderPyTorch(PyTorchScript(scenario: s).text()) == ours)
    }

    @Test func pythonsCSVModuleReadsTheSameNumbers() throws {
        let python = try #require(Tools.python)
        let (s, dir) = try scenario()
        defer { try? FileManager.default.removeItem(atPath: dir) }
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
