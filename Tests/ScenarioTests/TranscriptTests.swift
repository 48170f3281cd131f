import Foundation
import Testing
import TestSupport
@testable import Scenario

func fixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    return try String(contentsOf: url, encoding: .utf8)
}

func train(_ scenario: Scenario, _ format: OutputFormat = .transcript, epochs: Int? = nil) throws -> String {
    var text = ""
    try TranscriptWriter(scenario: scenario, format: format, epochs: epochs).run { text += $0 }
    return text
}

struct TranscriptTests {
    @Test func linearTranscriptEqualsPyTorch() throws {
        let scenario = try Builtins.load("linear")
        #expect(try train(scenario) == fixture("seed_linear.out"))
    }

    @Test func pythonReprOfFloat32Values() {
        #expect(NumberFormat.python(Double(Float(-7.84))) == "-7.840000152587891")
        #expect(NumberFormat.python(9.094947017729282e-13) == "9.094947017729282e-13")
        #expect(NumberFormat.python(4) == "4.0")
        #expect(NumberFormat.python(1e16) == "1e+16")
        #expect(NumberFormat.python(1e15) == "1000000000000000.0")
        #expect(NumberFormat.python(0.0001) == "0.0001")
        #expect(NumberFormat.python(0.00001) == "1e-05")
        #expect(NumberFormat.python(.nan) == "nan")
        #expect(NumberFormat.python(-.infinity) == "-inf")
        #expect(NumberFormat.short(Double(Float(1.02))) == "1.02")
    }

    @Test func csvHasOneRowPerEpochWithTheMeanStepLoss() throws {
        let scenario = try Builtins.load("linear")
        let lines = try train(scenario, .csv, epochs: 2).split(separator: "\n")
        #expect(lines.first == "epoch,loss")
        #expect(lines.count == 3)
        // epoch 0: the step losses 1.0, 3.841600179672241, 7.315943717956543 (PyTorch float32)
        let mean = (1.0 + Double(Float(3.8416)) + 7.315943717956543) / 3
        #expect(lines[1].hasPrefix("0,"))
        #expect(abs((Double(lines[1].dropFirst(2)) ?? 0) - mean) < 1e-6)
    }

    @Test func jsonlHasEveryParamValueAndGrad() throws {
        let scenario = try Builtins.load("linear")
        let lines = try train(scenario, .jsonl, epochs: 1).split(separator: "\n")
        #expect(lines.count == 1)
        let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        let params = object?["params"] as? [String: Any]
        let w = params?["w"] as? [String: Any]
        #expect(object?["epoch"] as? Int == 0)
        #expect((w?["grad"] as? Double).map { abs($0 - -16.228801727294922) < 1e-9 } == true)
    }

    /// The lecture's model with its own [train] lines.
    func lecture(train: String) throws -> Scenario {
        let text = TestScenarios.lecture(train: train)
        return try ScenarioLoader.load(bytes: Array(text.utf8), file: "lecture.toml")
    }

    @Test func divergingRunPrintsInfAndNanAsPyTorchDoes() throws {
        let scenario = try lecture(train: "epochs = 100\nlr = 0.3")
        let out = try train(scenario)
        #expect(out.contains("inf"))
        #expect(out.contains("nan"))
    }

    @Test func batchedTranscriptPrintsTheBatchAsAList() throws {
        let scenario = try lecture(train: "epochs = 1\nbatch_size = \"all\"")
        let out = try train(scenario)
        // mean of (x·1 − y)² over the batch: grad = mean(2(xw−y)x) = (−2 −8 −18)/3
        #expect(out.hasPrefix("\tgrad: [1.0, 2.0, 3.0] [2.0, 4.0, 6.0] -9.333333969116211\n"))
    }
}
