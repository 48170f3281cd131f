import Foundation
import PyTorchCode
import Testing
@testable import Export
import Scenario
import TestSupport

func transcript(_ scenario: Scenario, epochs: Int? = nil, format: OutputFormat = .transcript) throws -> String {
    var text = ""
    try TranscriptWriter(scenario: scenario, format: format, epochs: epochs).run { text += $0 }
    return text
}

/// Runs an exported script under real PyTorch and returns what it printed.
func runUnderPyTorch(_ script: String) throws -> String {
    let python = try #require(Tools.python)
    let result = try Tools.run(python, ["-"], input: script)
    #expect(result.status == 0, "python3 failed:\n\(result.stderr)")
    return result.stdout
}

/// Numbers within 1e-4 relative (or 1e-6 absolute, near zero); everything between them equal.
func agreeLoosely(_ a: String, _ b: String) -> Bool {
    let linesA = a.split(separator: "\n", omittingEmptySubsequences: false)
    let linesB = b.split(separator: "\n", omittingEmptySubsequences: false)
    guard linesA.count == linesB.count else { return false }
    let number = /-?(?:\d+\.?\d*(?:e[-+]?\d+)?|nan|inf)/
    for (la, lb) in zip(linesA, linesB) {
        let na = la.matches(of: number).compactMap { Double($0.output) }
        let nb = lb.matches(of: number).compactMap { Double($0.output) }
        guard la.replacing(number, with: "#") == lb.replacing(number, with: "#"), na.count == nb.count else { return false }
        for (x, y) in zip(na, nb) where !(x == y || (x.isNaN && y.isNaN)) {
            if abs(x - y) > 1e-4 * max(abs(x), abs(y)) + 1e-6 { return false }
        }
    }
    return true
}

let torchMissing = "python3 with torch is not installed here (pip install torch): the PyTorch export is not run"

struct PyTorchExportTests {
    /// Scalar scenarios where our engine equals PyTorch bit for bit (as in ScenarioTests' fixtures).
    static let exactScenarios = ["linear", "linear-bias", "quadratic", "chain-rule", "diverge", "two-paths"]
    static let looseScenarios = ["logistic", "collapse", "activation", "momentum", "adam", "xor", "deep193", "overfit", "sine", "l1-l2", "circle-features"]

    @Test func lectureScenarioExportsTheLecturesScript() throws {
        let script = try PyTorchScript(scenario: Builtins.load("linear")).text()
        for line in [
            "x_data = [1.0, 2.0, 3.0]", "y_data = [2.0, 4.0, 6.0]",
            "w = torch.tensor([1.0])", "w.requires_grad = True",
            "def forward(x):\n    return x*w", "def loss(x, y):\n    y_pred = forward(x)\n    return (y_pred - y)**2",
            "print(\"predict (before training)\", 4, forward(4).item())",
            "for epoch in range(100):", "    for x, y in zip(x_data, y_data):",
            "        l = loss(x, y)", "        l.backward()",
            "        print('\\tgrad:', x, y, w.grad.item())",
            "        w.data = w.data - 0.01 * w.grad.data", "        w.grad.data.zero_()",
            "    print('progress:', epoch, l.item())",
            "print(\"predict (after training)\", 4, forward(4).item())",
        ] {
            #expect(script.contains(line), "missing: \(line)")
        }
        #expect(!script.contains("optim"))
    }

    @Test(.enabled(if: Tools.hasTorch, Comment(rawValue: torchMissing)), arguments: exactScenarios)
    func exportedPyTorchScriptPrintsOurTranscript(_ name: String) throws {
        let scenario = try Builtins.load(name)
        let script = try PyTorchScript(scenario: scenario).text()
        #expect(try runUnderPyTorch(script) == transcript(scenario))
    }

    @Test(.enabled(if: Tools.hasTorch, Comment(rawValue: torchMissing)), arguments: looseScenarios)
    func exportedPyTorchScriptForTensorScenariosAgreesWithin1e4(_ name: String) throws {
        let scenario = try Builtins.load(name)
        let epochs = min(scenario.train.epochs, 60)
        let ours = try transcript(scenario, epochs: epochs)
        let theirs = try runUnderPyTorch(PyTorchScript(scenario: scenario, epochs: epochs).text())
        #expect(agreeLoosely(ours, theirs), "ours:\n\(ours.prefix(600))\nPyTorch:\n\(theirs.prefix(600))")
    }

    /// float64, a batch of 2 with a last batch of one sample, ints as written, a name Python reserves.
    @Test(.enabled(if: Tools.hasTorch, Comment(rawValue: torchMissing)))
    func float64AndPartialBatchesRunTheSameInPyTorch() throws {
        let scenario = try ScenarioLoader.load(bytes: Array("""
            [data]
            x = [1, 2, 3]
            y = [2.0, 4.0, 6.5]
            [params]
            l = 0.5
            b = -1.0
            [model]
            forward = ["z = x * l", "y_pred = z + b"]
            loss = "(y_pred - y)^2 + z * 0"
            [train]
            epochs = 20
            lr = 0.02
            batch_size = 2
            dtype = "float64"
            [predict]
            x = [4, 5.5]
            """.utf8), file: "partial.toml")
        let script = try PyTorchScript(scenario: scenario).text()
        #expect(script.contains("dtype = torch.float64"))
        #expect(script.contains("l_ = torch.tensor([0.5], dtype=dtype)"))
        let theirs = try runUnderPyTorch(script)
        let ours = try transcript(scenario)
        #expect(agreeLoosely(ours, theirs), "ours:\n\(ours.prefix(800))\nPyTorch:\n\(theirs.prefix(800))")
        #expect(theirs.contains("\tgrad: 3 6.5 "))
    }

    /// weight_decay reaches torch.optim for every optimizer (AdamW's default written out), and
    /// the script prints our transcript: exactly for sgd and momentum, within 1e-4 for the Adams.
    @Test(.enabled(if: Tools.hasTorch, Comment(rawValue: torchMissing)), arguments: TestScenarios.weightDecaySettings.map(\.name))
    func weightDecayReachesTheExportedOptimizer(_ name: String) throws {
        let settings = try #require(TestScenarios.weightDecaySettings.first { $0.name == name }?.train)
        let scenario = try ScenarioLoader.load(bytes: Array(TestScenarios.weightDecay(settings).utf8), file: "\(name).toml")
        let script = try PyTorchScript(scenario: scenario).text()
        let expected = [
            "sgd": "torch.optim.SGD([w, b], lr=0.02, weight_decay=0.1)",
            "momentum": "torch.optim.SGD([w, b], lr=0.01, momentum=0.9, weight_decay=0.05)",
            "momentum-only": "torch.optim.SGD([w, b], lr=0.01, momentum=0.9)",
            "adam": "torch.optim.Adam([w, b], lr=0.1, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.2)",
            "adamw": "torch.optim.AdamW([w, b], lr=0.1, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.3)",
            "adamw-default": "torch.optim.AdamW([w, b], lr=0.1, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.01)",
        ]
        #expect(script.contains(try #require(expected[name])), "\(script)")
        let theirs = try runUnderPyTorch(script), ours = try transcript(scenario)
        if name.hasPrefix("adam") { #expect(agreeLoosely(ours, theirs)) } else { #expect(ours == theirs) }
    }

    /// The features build the same x in Python as in backprop (float64, then the dtype): every
    /// grad line's data is the same text; the held-out samples' test loss agrees within 1e-4.
    @Test(.enabled(if: Tools.hasTorch, Comment(rawValue: torchMissing)))
    func featuresAndHeldOutSamplesAreTheSameInPyTorch() throws {
        let csv = try Builtins.load("circle-features")
        let inline = try ScenarioLoader.load(bytes: Array("""
            [data]
            x1 = [0.5, -1.0, 2.0, 1.5, 0.25, -0.75, 3]
            x2 = [1.0, 0.25, -0.5, 3.0, -2.0, 0.5, 1]
            y = [1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0]
            features = ["x1", "x1*x2", "x2^2", "sin(x1) - cos(x2)", "sigmoid(x1) / 2", "relu(-x2)", "exp(x1 / 4) + log(abs(x2))", "tanh(x2)"]
            test_fraction = 0.3
            [params]
            w = [[0.1, 0.2, 0.3, -0.4, 0.5, 0.1, -0.2, 0.3]]
            [model]
            forward = "w @ x"
            loss = "(y_pred - y)^2"
            [train]
            epochs = 5
            lr = 0.01
            batch_size = 2
            """.utf8), file: "inline.toml")
        for scenario in [csv, inline] {
            let script = try PyTorchScript(scenario: scenario, epochs: 5).text()
            let ours = try transcript(scenario, epochs: 5), theirs = try runUnderPyTorch(script)
            #expect(agreeLoosely(ours, theirs), "ours:\n\(ours.prefix(800))\nPyTorch:\n\(theirs.prefix(800))")
            #expect(ours.contains("test loss: 4 ") && theirs.contains("test loss: 4 "))
            // Each grad line of PyTorch's starts with the step's data exactly as backprop writes it.
            let lines = theirs.split(separator: "\n").filter { $0.hasPrefix("\tgrad:") }
            let differing = lines.enumerated().filter { i, line in
                !line.hasPrefix(TranscriptWriter.gradLine(scenario, batch: i % scenario.stepsPerEpoch, grads: []) + " ")
            }
            #expect(lines.count == 5 * scenario.stepsPerEpoch && differing.isEmpty, "\(differing.count) grad lines start with other data")
        }
    }

    @Test(.enabled(if: Tools.hasTorch, Comment(rawValue: torchMissing)))
    func untilLimitsTheEpochsOfTheScript() throws {
        let scenario = try Builtins.load("linear")
        let text = try Exporter.render(scenario, as: .pytorch, options: ExportOptions(until: 3))
        #expect(try runUnderPyTorch(text) == transcript(scenario, epochs: 3))
    }
}
