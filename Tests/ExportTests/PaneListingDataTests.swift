import Foundation
import PyTorchCode
import Testing
import Scenario
import TestSupport

/// The code pane's listing shortens a data list longer than it could show (a million samples
/// written as text took seconds before the first frame); the export still writes every sample.
struct PaneListingDataTests {
    @Test func thePaneShortensALongDataListAndTheExportWritesItWhole() throws {
        let rows = PyTorchScript.paneSampleLimit + 5
        let csv = "x1,x2,label\n" + (0..<rows).map { "\($0),0.5,\($0 % 2)\n" }.joined()
        let toml = TestScenarios.logistic(data: "file = \"many.csv\"\nx = \"x1..x2\"\ny = \"label\"",
                                          epochs: 1, batchSize: 1000, predict: "[[0.5, 0.5]]")
        let dir = try TestFolder.make("panelisting", files: ["many.toml": toml, "many.csv": csv])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let scenario = try ScenarioLoader.load(path: dir + "/many.toml")

        let pane = try #require(try PyTorchScript.listings(of: TrainingRun(scenario: scenario)).first?.get()).text
        let paneLine = try #require(pane.split(separator: "\n").first { $0.hasPrefix("y_data = [") })
        #expect(paneLine.hasSuffix(", …]  # \(rows) samples; the export writes them all"), "\(paneLine)")
        #expect(paneLine.components(separatedBy: ", ").count == PyTorchScript.paneSampleLimit + 1)

        let export = try PyTorchScript(scenario: scenario).text()
        let exportLine = try #require(export.split(separator: "\n").first { $0.hasPrefix("y_data = [") })
        #expect(exportLine.hasSuffix("]") && exportLine.components(separatedBy: ", ").count == rows)
        #expect(!export.contains("…"))
    }
}
