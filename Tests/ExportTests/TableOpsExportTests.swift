import Testing
@testable import Export
import Scenario

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
