import Foundation
import Testing
@testable import Export
import Scenario

/// Rows of a CSV text, read back by Python's csv module when python3 is here, else by hand.
func parseCSV(_ text: String) throws -> [[String]] {
    if let python = Tools.python {
        let reader = "import csv, json, sys\nprint(json.dumps(list(csv.reader(sys.stdin))))"
        let result = try Tools.run(python, ["-c", reader], input: text)
        if result.status == 0, let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String]] {
            return rows
        }
    }
    return text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

struct CSVExportTests {
    @Test func csvHasEpochLossAndEachScalarParam() throws {
        let scenario = try Builtins.load("linear-bias")
        let rows = try parseCSV(LossTable.csv(scenario))
        #expect(rows.first == ["epoch", "loss", "w", "b"])
        #expect(rows.count == scenario.train.epochs + 1)
        #expect(rows.dropFirst().allSatisfy { $0.count == 4 })
        let last = try #require(rows.last)
        // y = 2x + 1: w and b end near 2 and 1.
        #expect(abs((Double(last[2]) ?? 0) - 2) < 1e-3)
        #expect(abs((Double(last[3]) ?? 0) - 1) < 1e-3)
    }

    @Test func csvLossIsTheNumberTrainCsvPrints() throws {
        let scenario = try Builtins.load("linear")
        let exported = try parseCSV(LossTable.csv(scenario))
        let trained = try parseCSV(transcript(scenario, format: .csv))
        #expect(exported.map { Array($0.prefix(2)) } == trained)
    }

    @Test func csvParamColumnIsTheValueAfterTheEpoch() throws {
        let scenario = try Builtins.load("linear")
        let rows = try parseCSV(LossTable.csv(scenario, epochs: 1))
        // One epoch of the lecture: w 1.0 → 1.02 → 1.0984 → 1.260688 (float32 steps); the loss is the
        // mean of the step losses before each update, (1.0 + 3.8416 + 7.315944) / 3 (numpy float32).
        #expect(rows == [["epoch", "loss", "w"], ["0", "4.052514632542928", "1.260688066482544"]])
    }

    @Test func tensorParamsGetNoColumn() throws {
        let scenario = try ScenarioLoader.load(bytes: Array("""
            [data]
            x = [[1.0, 2.0], [0.0, 1.0]]
            y = [1.0, 0.0]
            [params]
            c = 0.5
            W = [[0.1, 0.2], [0.3, 0.4]]
            v = [0.0, 0.0]
            [model]
            forward = "c * sum(W @ x + v)"
            loss = "(y_pred - y)^2"
            [train]
            epochs = 2
            """.utf8), file: "mixed.toml")
        let rows = try parseCSV(LossTable.csv(scenario))
        #expect(rows.first == ["epoch", "loss", "c"])
        #expect(rows.count == 3)
    }

    @Test func untilLimitsTheEpochs() throws {
        let text = try Exporter.render(Builtins.load("linear"), as: .csv, options: ExportOptions(until: 5))
        #expect(text.split(separator: "\n").count == 6)
    }
}
