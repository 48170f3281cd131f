import Foundation
import Testing
@testable import Scenario

/// The screen's "what if" (`<` / `>`): a run forked at a step trains on with the new lr, keeps
/// every step before the fork as it was, and equals PyTorch switching the lr at that step.
struct LRForkTests {
    /// A fork as the screen makes it: the run trained as far as the cursor's epoch, then forked.
    func forked(_ name: String, epochs: Int? = nil, at changes: [LRChange]) throws -> (original: Timeline, fork: Timeline) {
        let scenario = try Builtins.load(name)
        let original = try Timeline(scenario: scenario, epochs: epochs)
        var fork = original
        for change in changes {
            try fork.train(through: (change.step / fork.stepsPerEpoch + 1) * fork.stepsPerEpoch)
            fork = try fork.forked(at: change.step, lr: change.lr)
        }
        try fork.train(through: fork.totalSteps)
        try original.train(through: original.totalSteps)
        return (original, fork)
    }

    /// `epoch,loss` lines of a timeline, numbers as Python prints them.
    func csv(_ t: Timeline) -> [String] {
        t.epochLosses.enumerated().map { "\($0),\(NumberFormat.python($1))" }
    }

    @Test func lrAtEachStepFollowsTheFork() throws {
        let (original, fork) = try forked("linear-bias", at: [LRChange(step: 300, lr: Literal(0.025))])
        #expect(original.lr(atStep: 300).value == 0.05)
        #expect(fork.lr(atStep: 299).value == 0.05, "before the fork: the scenario's lr")
        #expect(fork.lr(atStep: 300).value == 0.025)
        #expect(fork.lr(atStep: 599).text == "0.025")
        #expect(fork.lrChanges == [LRChange(step: 300, lr: Literal(0.025))])
    }

    /// Plain SGD, scalar params: the forked run prints what PyTorch prints, digit for digit.
    @Test func plainSGDForkEqualsPyTorchDigitForDigit() throws {
        let (original, fork) = try forked("linear-bias", at: [LRChange(step: 300, lr: Literal(0.025))])
        let theirs = try fixture("linear-bias.fork.csv").split(separator: "\n").dropFirst().map(String.init)
        #expect(csv(fork) == theirs)
        // Each epoch has 3 steps: the fork at step 300 is epoch 100's start.
        #expect(Array(csv(fork).prefix(100)) == Array(csv(original).prefix(100)), "the epochs before the fork are untouched")
        #expect(csv(fork)[100] != csv(original)[100])
    }

    /// Momentum and Adam carry their buffers, moments and step count across the fork, as
    /// torch.optim does when a param group's lr is set; Adam is forked twice. The fixtures are
    /// PyTorch's: `python3 references/NAME.py --csv [--epochs N] --lr-at STEP LR ...` (see the test's arguments).
    @Test(arguments: [
        ("momentum", [LRChange(step: 100, lr: Literal(0.05))], 300),
        ("adam", [LRChange(step: 50, lr: Literal(0.1)), LRChange(step: 120, lr: Literal(0.025))], 200),
        ("circle", [LRChange(step: 100, lr: Literal(0.1))], 30),
    ])
    func optimizerForkEqualsPyTorch(_ name: String, _ changes: [LRChange], _ epochs: Int) throws {
        let (_, fork) = try forked(name, epochs: epochs, at: changes)
        let theirs = try fixture("\(name).fork.csv").split(separator: "\n").dropFirst()
        #expect(fork.epochLosses.count == theirs.count)
        for (epoch, (ours, line)) in zip(fork.epochLosses, theirs).enumerated() {
            let columns = line.split(separator: ",")
            let loss = Double(columns[1]) ?? .nan
            // Within 1e-4 as every tensor fixture; Adam at lr 0.1 takes the loss to 5e-6, where float32
            // sums in another order differ by 1e-10: an absolute floor far below anything on screen.
            #expect(abs(ours - loss) <= max(1e-4 * abs(loss), 1e-9), "\(name) epoch \(epoch): ours \(ours), PyTorch \(loss)")
            if columns.count > 2 { #expect(NumberFormat.python(fork.epochAccuracies[epoch]) == columns[2], "\(name) epoch \(epoch) accuracy") }
        }
    }

    /// The fork takes over the history before it; what it trains after equals a run that had the
    /// new lr from the start of the fork's step, trained fresh from step 0.
    @Test func aForkEqualsAFreshRunWithTheSameSchedule() throws {
        let changes = [LRChange(step: 50, lr: Literal(0.1)), LRChange(step: 120, lr: Literal(0.025))]
        let (_, fork) = try forked("adam", at: changes)
        let fresh = try Timeline(scenario: try Builtins.load("adam"), lrChanges: changes)
        try fresh.train(through: fresh.totalSteps)
        #expect(fork.epochLosses == fresh.epochLosses)
        for step in [0, 49, 50, 51, 119, 120, 199] {
            let a = try fork.record(ofStep: step), b = try fresh.record(ofStep: step)
            #expect(a.paramsBefore == b.paramsBefore && a.paramsAfter == b.paramsAfter, "step \(step)")
        }
    }

    @Test func stepsBeforeTheForkReplayAsTheyWere() throws {
        let (original, fork) = try forked("momentum", at: [LRChange(step: 100, lr: Literal(0.05))])
        for step in [0, 57, 99] {
            let a = try original.record(ofStep: step), b = try fork.record(ofStep: step)
            #expect(a.paramsAfter == b.paramsAfter, "step \(step)")
        }
        // The fork's own step already updates with the new lr.
        #expect(try original.record(ofStep: 100).paramsAfter != fork.record(ofStep: 100).paramsAfter)
        #expect(try original.record(ofStep: 100).paramsBefore == fork.record(ofStep: 100).paramsBefore)
    }

    @Test func forkingBackToTheLrThatWasThereUndoesTheFork() throws {
        let scenario = try Builtins.load("linear-bias")
        let t = try Timeline(scenario: scenario)
        try t.train(through: 30)
        let halved = try t.forked(at: 30, lr: Literal(0.025))
        let back = try halved.forked(at: 30, lr: Literal(0.05))
        #expect(back.lrChanges.isEmpty)
        try back.train(through: back.totalSteps)
        try t.train(through: t.totalSteps)
        #expect(back.epochLosses == t.epochLosses)
    }

    /// A fork at an earlier step drops the later one: the run is one schedule, not a tree.
    @Test func anEarlierForkReplacesLaterChanges() throws {
        let scenario = try Builtins.load("linear-bias")
        let t = try Timeline(scenario: scenario)
        try t.train(through: 90)
        let later = try t.forked(at: 60, lr: Literal(0.1))
        let earlier = try later.forked(at: 30, lr: Literal(0.025))
        #expect(earlier.lrChanges == [LRChange(step: 30, lr: Literal(0.025))])
    }
}
