import Testing
@testable import Scenario

/// The `Training` service keeps a timeline per run of a scenario: the screen's state asks it by the
/// run (a value) and keeps no timeline of its own.
struct TrainingServiceTests {
    /// A run dropped to make room (the service keeps only the most recently asked) is trained
    /// again from the start when asked for, with the same numbers; a run asked again is kept.
    @Test func aDroppedRunIsTrainedAgainWithTheSameNumbers() throws {
        let first = try Timeline(scenario: try Builtins.load("xor"), epochs: 20)
        let training = Training(first, capacity: 2)
        try first.train(through: first.totalSteps)
        let losses = first.epochLosses
        let halved = try first.forked(at: 5, lr: Literal(0.25))
        training.keep(halved)
        let doubled = try first.forked(at: 5, lr: Literal(2.0))
        training.keep(doubled)
        #expect(training.keptCount == 2)
        let again = training.timeline(of: first.run)
        #expect(again !== first, "the first run was dropped for the two forks")
        #expect(again.trainedSteps == 0)
        try again.train(through: again.totalSteps)
        #expect(again.epochLosses == losses, "trained again: the same losses, epoch by epoch")
        #expect(training.timeline(of: first.run) === again, "asked again: the one kept")
        #expect(training.timeline(of: doubled.run) === doubled)
        #expect(training.timeline(of: halved.run) !== halved, "dropped when the first run came back")
    }

    /// A fork made again for a run the service keeps leaves the kept one (trained further) in place.
    @Test func aForkOfAKeptRunKeepsTheTimelineThatTrainedFurther() throws {
        let first = try Timeline(scenario: try Builtins.load("linear"), epochs: 10)
        let training = Training(first)
        let fork = try first.forked(at: 4, lr: Literal(0.02))
        training.keep(fork)
        try fork.train(through: fork.totalSteps)
        training.keep(try first.forked(at: 4, lr: Literal(0.02)))
        #expect(training.timeline(of: fork.run) === fork)
        #expect(training.keptCount == 2)
        #expect(training.latest.key == fork.run.key)
    }
}
