import Foundation
import PyTorchCode
import Scenario
import Testing
@testable import Export

/// `export --to pytorch --keys`: the run the keys make on the screen (forks by A, O, < >) is the one
/// the script trains: it makes each fork at its step, so PyTorch prints the losses the screen drew.
struct ForkExportTests {
    /// activation.toml for 160 epochs: sigmoid → tanh at epoch 100 (A), sgd → momentum at 120 (O),
    /// lr 0.5 → 0.25 at 140 (<), each pressed where `]` took the screen.
    static let keys = String(repeating: "]", count: 100) + "A" + String(repeating: "]", count: 20) + "O" + String(repeating: "]", count: 20) + "<"
    static let epochs = 160

    func options(_ keys: String) -> ExportOptions {
        var options = ExportOptions(until: Self.epochs)
        options.keys = keys
        return options
    }

    func script(_ keys: String) throws -> String {
        try Exporter.render(try Builtins.load("activation"), as: .pytorch, options: options(keys))
    }

    @Test func theKeysForksAreTheScreensAndTheScriptMakesEachAtItsStep() throws {
        let state = try Exporter.screen(try Builtins.load("activation"), epochs: Self.epochs, options: options(Self.keys))
        #expect(state.run.modelChanges == [ModelChange(step: 100, activation: .tanh), ModelChange(step: 120, optimizer: .sgd(momentum: 0.9))])
        #expect(state.run.lrChanges.map(\.step) == [140] && state.run.lrChanges.map(\.lr.value) == [0.25])
        let text = try script(Self.keys)
        #expect(text.contains("# The run as forked on the screen: tanh from epoch 100 (A), sgd with momentum 0.9 from epoch 120 (O), lr 0.25 from epoch 140 (< >).\n"), "\(text)")
        #expect(text.contains("\nactivation = torch.sigmoid\n"), "\(text)")
        #expect(text.contains("    h = activation(W1 @ x + b1)\n"), "the hidden layer calls what the loop sets\n\(text)")
        #expect(text.contains("optimizer = torch.optim.SGD([W1, b1, W2, b2], lr=0.5)\n"), "plain sgd as torch.optim.SGD, so O and > can change it\n\(text)")
        #expect(text.contains("step = 0\nfor epoch in range(160):\n"), "\(text)")
        #expect(text.contains("        if step == 100:  # epoch 100\n            activation = torch.tanh\n"), "\(text)")
        #expect(text.contains("        if step == 120:  # epoch 120\n            optimizer = torch.optim.SGD([W1, b1, W2, b2], lr=0.5, momentum=0.9)\n"), "\(text)")
        #expect(text.contains("        if step == 140:  # epoch 140\n            for group in optimizer.param_groups:\n                group['lr'] = 0.25\n"), "\(text)")
        #expect(text.contains("        step += 1\n"))
    }

    @Test func withoutForksTheScriptIsTheScenariosOwn() throws {
        let own = try PyTorchScript(scenario: Builtins.load("activation"), epochs: Self.epochs).text()
        #expect(try script("") == own)
        #expect(try script("]]v") == own, "keys that fork nothing change nothing")
        #expect(!own.contains("step") && !own.contains("activation ="))
    }

    @Test(.enabled(if: Tools.hasTorch, Comment(rawValue: torchMissing)))
    func theForkedScriptTrainsTheScreensRunInPyTorch() throws {
        let printed = try runUnderPyTorch(script(Self.keys))
        let theirs = printed.split(separator: "\n").filter { $0.hasPrefix("progress: ") }.compactMap { line in
            line.split(separator: " ").last.flatMap { Double($0) }
        }
        let state = try Exporter.screen(try Builtins.load("activation"), epochs: Self.epochs, options: options(Self.keys))
        let timeline = Timeline(run: state.run)
        try timeline.train(through: timeline.totalSteps)
        let ours = timeline.epochLosses
        try #require(ours.count == Self.epochs && theirs.count == Self.epochs, "\(ours.count) epochs here, \(theirs.count) printed:\n\(printed)")
        // A full batch: each epoch's one step loss is what `progress:` prints (within 1e-4, or 1e-6 near 0).
        for (epoch, (a, b)) in zip(ours, theirs).enumerated() where abs(a - b) > 1e-4 * abs(b) + 1e-6 {
            Issue.record("epoch \(epoch): \(a) on the screen, \(b) in PyTorch")
            return
        }
        #expect(theirs[100] > 10 * theirs[99], "the loss jumps where sigmoid's weights meet tanh: the fork is there")
    }

    @Test func keysAreRefusedWhereNothingRuns() {
        var options = ExportOptions()
        options.keys = "A"
        #expect(throws: ExportError.self) { try Exporter.render(try Builtins.load("activation"), as: .csv, options: options) }
    }
}
