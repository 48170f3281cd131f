import Autograd
import Testing
@testable import Scenario

/// The screen's live forks (`A`, `O`) as the timeline trains them: the run as written up to the
/// fork, then the other activation or optimizer from its step on, against PyTorch
/// (references/forks.py made the fixtures: activation.toml, sigmoid → tanh at epoch 100; sgd →
/// momentum at 100 → adam at 200, each a new torch.optim object).
struct ModelForkTests {
    static let adam = Optimizer.adam(beta1: 0.9, beta2: 0.999, eps: 1e-8)

    func pytorch(_ name: String) throws -> [Double] {
        try fixture(name).split(separator: "\n").dropFirst().map { line in
            try #require(Double(line.split(separator: ",")[1]))
        }
    }

    func trained(_ t: Timeline) throws -> [Double] {
        try t.train(through: t.totalSteps)
        return t.epochLosses
    }

    func expectClose(_ ours: [Double], _ theirs: [Double], relative: Double = 1e-4, absolute: Double = 0,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(ours.count == theirs.count, sourceLocation: sourceLocation)
        for (epoch, (a, b)) in zip(ours, theirs).enumerated() where abs(a - b) > max(relative * abs(b), absolute) {
            Issue.record("epoch \(epoch): \(a) against PyTorch's \(b)", sourceLocation: sourceLocation)
            return
        }
    }

    @Test func aNewActivationFromEpoch100EqualsPyTorch() throws {
        let scenario = try Builtins.load("activation")
        let t = try Timeline(scenario: scenario, modelChanges: [ModelChange(step: 100, activation: .tanh)])
        let theirs = try pytorch("fork-activation.csv")
        expectClose(try trained(t), theirs)
        #expect(theirs[100] > 10 * theirs[99], "the loss jumps where sigmoid's weights meet tanh")
    }

    @Test func newOptimizersFromEpochs100And200EqualPyTorch() throws {
        let scenario = try Builtins.load("activation")
        let t = try Timeline(scenario: scenario, modelChanges: [ModelChange(step: 100, optimizer: .sgd(momentum: 0.9)),
                                                                 ModelChange(step: 200, optimizer: Self.adam)])
        let ours = try trained(t), theirs = try pytorch("fork-optimizer.csv")
        expectClose(Array(ours.prefix(200)), Array(theirs.prefix(200)))
        #expect(ours[200] == theirs[200] && ours[201] == theirs[201], "a new Adam: its first steps are ±lr, bit for bit")
        // From there Adam's steps of lr 0.5 carry the last bits of √v (PyTorch's MKL sqrt) along, as
        // docs/exactness.md says of Adam on the Playground sets: within 1e-3, or 1e-6 of a loss near 1e-5.
        expectClose(Array(ours.dropFirst(200)), Array(theirs.dropFirst(200)), relative: 1e-3, absolute: 1e-6)
    }

    /// A fork made on a run already trained past it (what the screen does) trains the same as a run
    /// planned with it from the start, and replays the steps on both sides of it as they were.
    @Test func forkingATrainedRunEqualsPlanningIt() throws {
        let scenario = try Builtins.load("activation")
        let original = try Timeline(scenario: scenario)
        try original.train(through: 250)
        let fork = try original.forked(at: 100, activation: .tanh)
        let planned = try Timeline(scenario: scenario, modelChanges: [ModelChange(step: 100, activation: .tanh)])
        #expect(try trained(fork) == trained(planned))
        #expect(try fork.record(ofStep: 99).paramsAfter == original.record(ofStep: 99).paramsAfter, "before the fork: as it was")
        let before = try original.record(ofStep: 99), after = try fork.record(ofStep: 150)
        #expect(before.nodes.contains { $0.op == .sigmoid } && !after.nodes.contains { $0.op == .sigmoid })
        #expect(after.nodes.contains { $0.op == .tanh })
        #expect(try fork.record(ofStep: 150).paramsAfter == planned.record(ofStep: 150).paramsAfter)
        // Cycling back to what the run had there undoes the fork.
        let back = try fork.forked(at: 100, activation: .sigmoid)
        #expect(back.modelChanges.isEmpty)
        // An optimizer fork at the same step keeps the activation's.
        let both = try fork.forked(at: 100, optimizer: Self.adam)
        #expect(both.modelChanges == [ModelChange(step: 100, activation: .tanh, optimizer: Self.adam)])
    }

    /// Only hidden layers change: an output's activation (y_pred = sigmoid(…)) stays.
    @Test func theOutputsActivationStays() throws {
        let deep = try Builtins.load("deep193")
        #expect(deep.hiddenActivation == .sigmoid)
        let relu = deep.withHiddenActivation(.relu)
        func count(_ op: Op) -> Int {
            relu.program.instructions.filter { if case .unary(let o, _) = $0 { return o == op }; return false }.count
        }
        #expect(count(.relu) == 4)
        #expect(count(.sigmoid) == 1, "y_pred = sigmoid(W5 @ h4) keeps its sigmoid")
        #expect(relu.forward.map(\.expression).filter { $0.calls { $0 == .relu } }.count == 4)
        #expect(try Builtins.load("linear").hiddenActivation == nil)
        #expect(try Builtins.load("logistic").hiddenActivation == nil, "sigmoid(x * w + b) is the output's")
    }
}
