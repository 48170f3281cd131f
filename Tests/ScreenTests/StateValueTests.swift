import Scenario
import Testing
import TextCanvas
@testable import Screen

/// The app state means one moment: a copy that goes elsewhere (trains to the end, forks the lr,
/// switches the view) changes nothing that the original shows or does next. The timeline they
/// share is a service that trains and keeps checkpoints on demand; what the screen shows of it (the
/// run, the epochs' losses through the cursor's epoch, a far move's progress) is copied into the
/// state's values by `update`, and the view reads only those.
struct StateValueTests {
    @Test(arguments: ["linear", "xor", "deep193"])
    func aCopyThatMovesOnLeavesTheOriginalAsItWas(_ name: String) throws {
        var original = try makeState(name, width: 120, height: 40)
        original.press(.right, .right, .right)
        let before = original.render()
        var copy = original
        copy.press(.character("G"))
        copy.press(.character("v"), .character("c"), .character(">"))
        copy.press(.character("["), .left)
        _ = copy.render()
        #expect(original.render() == before, "\(name): a copy moved on and the original's frame changed")
        #expect(original.timeline.lrChanges.isEmpty, "\(name): the copy's fork reached the original")
        // The original goes on as a state that never had a copy.
        var fresh = try makeState(name, width: 120, height: 40)
        fresh.press(.right, .right, .right, .character("n"), .right)
        original.press(.character("n"), .right)
        #expect(original.render() == fresh.render(), "\(name): the original steps on as a fresh state does")
    }

    /// `s` flips the scale the plot shows here: what a copy trained ahead (every epoch of the run,
    /// whose losses span far more than the first two) does not decide it.
    @Test(arguments: ["linear", "xor"])
    func aCopyThatTrainedAheadDoesNotChangeWhatTheOriginalDoesNext(_ name: String) throws {
        var original = try makeState(name, width: 120, height: 40)
        original.press(.character("]"), .character("]"))
        var copy = original
        copy.press(.character("G"))
        var fresh = try makeState(name, width: 120, height: 40)
        fresh.press(.character("]"), .character("]"))
        original.press(.character("s"), .character("]"))
        fresh.press(.character("s"), .character("]"))
        #expect(original.logScale == fresh.logScale, "\(name): s chose the scale from the copy's epochs")
        let same = original.render() == fresh.render()
        #expect(same, "\(name): the original after a copy trained ahead differs from a fresh state")
    }

    /// A far move being prepared shows how far its own training got, not how far a copy's went.
    @Test func aCopyThatPreparesFurtherLeavesTheOriginalsProgressAsItWas() throws {
        var scenario = try Builtins.load("linear")
        scenario.train.epochs = 1_000_000
        var options = AppOptions()
        options.preparesInSlices = true
        var original = TestScreen(timeline: try Timeline(scenario: scenario), width: 100, height: 30, options: options)
        original.press(.character("G"))
        _ = original.update(.tick(now: 0))
        let before = original.render()
        #expect(original.preparationProgress?.hasPrefix("preparing ") == true)
        var copy = original
        for _ in 0..<5 { _ = copy.update(.tick(now: 0)) }
        #expect(copy.preparationProgress != original.preparationProgress, "the copy trained on")
        let same = original.render() == before
        #expect(same, "the copy's training moved the original's progress: \(original.preparationProgress ?? "")")
    }
}
