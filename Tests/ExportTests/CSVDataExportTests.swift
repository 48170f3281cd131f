import Foundation
import PyTorchCode
import Testing
@testable import Export
import Scenario
import TestSupport

/// The PyTorch export of a scenario whose data is a CSV carries the CSV's samples, and Python's own
/// csv module reads our file to the same numbers.
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

    /// The script carries the CSV's samples: it runs where the CSV is not (another machine, another
    /// folder), and names no path of the machine that exported it.
    @Test func theScriptCarriesTheCSVsSamples() throws {
        let (s, dir) = try scenario()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = try PyTorchScript(scenario: s).text()
        #expect(!script.contains(dir) && !script.contains("open("), "no path of this machine")
        #expect(script.contains("# The samples of points.csv, carried in the script"))
        #expect(script.contains("x_data = [[0.0, 1.0], [1.0, 0.0], [0.5, 0.5], [-1.5, 2.25], [0.25, -0.3]]"), "\(script)")
        #expect(script.contains("y_data = [0.0, 1.0, 1.0, 0.0, 1.0]"), "\(script)")
    }

    @Test(.enabled(if: Tools.hasTorch, Comment(rawValue: torchMissing)))
    func pyTorchOnTheExportPrintsOurTranscriptWithTheCSVGone() throws {
        let (s, dir) = try scenario()
        let ours = try transcript(s)
        #expect(ours.contains("grad: [[0.5, 0.5], [-1.5, 2.25]] [1.0, 0.0]"))
        let script = try PyTorchScript(scenario: s).text()
        try FileManager.default.removeItem(atPath: dir)
        #expect(try runUnderPyTorch(script) == ours)
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
        let ours = "[" + (0..<s.data[0].count).map(s.data[0].text(ofSample:)).joined(separator: ", ") + "]\n"
        #expect(read.stdout == ours)
    }
}
