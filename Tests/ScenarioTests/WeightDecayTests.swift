import Testing
import TestSupport
@testable import Scenario

/// `[train] weight_decay` and `optimizer = "adamw"` against PyTorch (references/weight_decay.py made
/// the fixtures): L2 in the gradient for sgd, momentum and adam, decoupled for adamw.
struct WeightDecayTests {
    /// sgd and momentum byte for byte. Adam's denominator takes √v, and PyTorch's CPU sqrt (MKL's,
    /// on the x86 wheels) is 1 ulp off the correctly rounded root for about one float32 in seven:
    /// adam and adamw are compared number by number within 1e-5 relative (a decay that were missing,
    /// coupled instead of decoupled, or 0 instead of AdamW's 0.01, is off by far more).
    @Test(arguments: TestScenarios.weightDecaySettings.map(\.name))
    func weightDecayTranscriptEqualsPyTorch(_ name: String) throws {
        let settings = try #require(TestScenarios.weightDecaySettings.first { $0.name == name }?.train)
        let scenario = try ScenarioLoader.load(bytes: Array(TestScenarios.weightDecay(settings).utf8), file: "\(name).toml")
        let ours = try train(scenario), theirs = try fixture("weight-decay-\(name).transcript")
        if name.hasPrefix("adam") {
            #expect(transcriptsAgree(ours, theirs, relative: 1e-5))
        } else {
            #expect(ours == theirs)
        }
    }

    /// Same lines, same words, numbers within `relative` of each other.
    func transcriptsAgree(_ a: String, _ b: String, relative: Double) -> Bool {
        let la = a.split(separator: "\n"), lb = b.split(separator: "\n")
        guard la.count == lb.count else { return false }
        for (x, y) in zip(la, lb) {
            let wx = x.split(whereSeparator: { " \t[],".contains($0) }), wy = y.split(whereSeparator: { " \t[],".contains($0) })
            guard wx.count == wy.count else { return false }
            for (u, v) in zip(wx, wy) where u != v {
                guard let p = Double(u), let q = Double(v), abs(p - q) <= relative * max(abs(p), abs(q)) else {
                    Issue.record("\(x)\n  vs \(y)")
                    return false
                }
            }
        }
        return true
    }

    @Test func adamwDefaultsToPyTorchsDecay() throws {
        let scenario = try ScenarioLoader.load(bytes: Array(TestScenarios.weightDecay("optimizer = \"adamw\"").utf8), file: "w.toml")
        #expect(scenario.train.weightDecay.value == 0.01)
        #expect(scenario.train.optimizer.decouplesWeightDecay)
        let adam = try ScenarioLoader.load(bytes: Array(TestScenarios.weightDecay("optimizer = \"adam\"").utf8), file: "w.toml")
        #expect(adam.train.weightDecay.value == 0)
    }

    /// Decay changes the run: without it the same optimizer lands elsewhere (the test above would
    /// pass on a trainer that ignored weight_decay only if the fixture did too).
    @Test func decayMovesTheWeights() throws {
        func final(_ settings: String) throws -> String {
            let s = try ScenarioLoader.load(bytes: Array(TestScenarios.weightDecay(settings).utf8), file: "w.toml")
            return try train(s).split(separator: "\n").last.map(String.init) ?? ""
        }
        #expect(try final("lr = 0.02\nweight_decay = 0.1") != final("lr = 0.02"))
        #expect(try final("lr = 0.1\noptimizer = \"adamw\"\nweight_decay = 0.0") != final("lr = 0.1\noptimizer = \"adamw\""))
    }

    @Test func aNegativeDecayIsRefusedWithItsPosition() throws {
        do {
            _ = try ScenarioLoader.load(bytes: Array(TestScenarios.weightDecay("weight_decay = -0.1").utf8), file: "w.toml")
            Issue.record("a negative weight_decay was accepted")
        } catch {
            #expect(error.line == 12 && error.column == 16, "\(error)")
            #expect(error.message.contains("weight_decay must be 0 or more"), "\(error)")
        }
    }
}
