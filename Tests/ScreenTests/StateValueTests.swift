import Scenario
import Testing
import TextCanvas
@testable import Screen

/// The app state means one moment: a copy that goes elsewhere (trains to the end, forks the lr,
/// switches the view) changes nothing that the original shows. The timeline they share is a
/// service that trains and keeps checkpoints on demand; what it holds is the run's fixed result.
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
}
