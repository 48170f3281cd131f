import PyTorchCode
import Testing
@testable import Export
import Scenario
import TestSupport

/// Ops added as one row of the op table reach the expressions, the watch and the PyTorch export
/// with no other change: softplus and abs, run under real PyTorch.
struct TableOpsExportTests {
    static let scenario = """
        [data]
        x = [1.0, -2.0, 3.0, 0.5]
        y = [1.5, 2.0, 3.5, 0.25]
        [params]
        w = 0.3
        b = -0.4
        [model]
        forward = ["h = softplus(x * w)", "y_pred = h + abs(b) * x"]
        loss = "abs(y_pred - y) + (y_pred - y)^2"
        watch = ["abs(w) + softplus(b)"]
        [train]
        epochs = 30
        lr = 0.05
        """

    @Test func softplusAndAbsAreSpelledAsPyTorchSpellsThem() throws {
        let script = try PyTorchScript(scenario: ScenarioLoader.load(bytes: Array(Self.scenario.utf8), file: "ops.toml")).text()
        #expect(script.contains("torch.nn.functional.softplus(x*w)"), "\(script)")
        #expect(script.contains("return h + torch.abs(b) * x"), "\(script)")
        #expect(script.contains("torch.abs(y_pred - y)"), "\(script)")
    }

    @Test(.enabled(if: Tools.hasTorch, Comment(rawValue: torchMissing)))
    func softplusAndAbsTrainAsInPyTorchDigitForDigit() throws {
        let scenario = try ScenarioLoader.load(bytes: Array(Self.scenario.utf8), file: "ops.toml")
        let script = try PyTorchScript(scenario: scenario).text()
        #expect(try runUnderPyTorch(script) == transcript(scenario))
    }
}

/// A classification scenario exported to PyTorch trains as our engine does, digit for digit:
/// cross_entropy as `F.cross_entropy(logits.T, y)`, softmax over dim 0, batches of 4 of 10.
struct ClassificationExportTests {
    static func scenario(_ loss: String, _ y: String, dtype: String) -> String {
        TestScenarios.classification(loss: loss, y: y, dtype: dtype)
    }

    static let labels = TestScenarios.labels

    @Test func crossEntropyIsSpelledAsPyTorchSpellsIt() throws {
        let text = try PyTorchScript(scenario: ScenarioLoader.load(bytes: Array(Self.scenario("cross_entropy(y_pred, y)", Self.labels, dtype: "float32").utf8), file: "ce.toml")).text()
        #expect(text.contains("torch.nn.functional.cross_entropy(y_pred.T, torch.as_tensor(y).reshape(-1).long())"), "\(text)")
    }

    @Test(.enabled(if: Tools.hasTorch, Comment(rawValue: torchMissing)), arguments: ["float32", "float64"])
    func crossEntropyAndSoftmaxExportRunTheSameInPyTorch(_ dtype: String) throws {
        for loss in ["cross_entropy(y_pred, y)", "cross_entropy(y_pred, y) + mean(softmax(y_pred))"] {
            let scenario = try ScenarioLoader.load(bytes: Array(Self.scenario(loss, Self.labels, dtype: dtype).utf8), file: "ce.toml")
            #expect(try runUnderPyTorch(PyTorchScript(scenario: scenario).text()) == transcript(scenario), "\(loss) in \(dtype)")
        }
    }
}
