import Scenario
import Testing
import TextCanvas
@testable import Screen

/// Where in a value a class instance sits, found through `Mirror`: each path from the root to an
/// instance (not looked into further). Collections of numbers are not walked element by element.
func classInstances(in value: Any, path: String = "", depth: Int = 0) -> [String] {
    let mirror = Mirror(reflecting: value)
    if mirror.displayStyle == .class { return [path + ": " + String(describing: type(of: value))] }
    guard depth < 40 else { return [] }
    var found: [String] = []
    for (index, child) in mirror.children.enumerated() {
        if index == 0, mirror.displayStyle == .collection || mirror.displayStyle == .set,
           child.value is Double || child.value is Float || child.value is Int || child.value is Bool { break }
        found += classInstances(in: child.value, path: path + "." + (child.label ?? "\(index)"), depth: depth + 1)
        if found.count > 20 { break }
    }
    return found
}

/// The app state means one moment: a copy that goes elsewhere (trains to the end, forks the lr,
/// switches the view) changes nothing that the original shows or does next. The `Training` service
/// they share (held beside the state, handed to `update`) trains and keeps checkpoints on demand;
/// what the screen shows of it (the run, the epochs' losses through the cursor's epoch, a far
/// move's progress) is copied into the state's values by `update`, and the view reads only those.
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

    /// Every stored property of a state, walked all the way down, holds values: no class instance
    /// (a service such as the training timeline) rides along in a copy. Checked after moves that
    /// fill what the state keeps: a step's record, the code and transcript panes, a fork's earlier
    /// run, `z` preparing in slices, a view's prepared picture.
    @Test(arguments: ["linear", "xor"])
    func aStateHoldsNoClassInstance(_ name: String) throws {
        var options = AppOptions()
        options.preparesInSlices = true
        var screen = try makeState(name, width: 120, height: 40, options: options)
        screen.press(.right, .right, .character("c"), .character(">"), .character("v"))
        var copy = screen.state
        #expect(classInstances(in: copy) == [], "\(name): after moves, a fork and the code pane")
        screen.press(.character("t"), .character("]"), .character("z"))
        copy = screen.state
        #expect(classInstances(in: copy) == [], "\(name): with the transcript pane, after z")
        #expect(Mirror(reflecting: copy).children.contains { $0.label == "run" }, "the walk sees the state's stored properties")
        // Where a service is held the walk finds it: the pair a driver holds, state and service.
        #expect(classInstances(in: screen) == [".training: Training"])
    }

    /// A far move being prepared in slices keeps its progress in the state, as values too.
    @Test func aStatePreparingAFarMoveHoldsNoClassInstance() throws {
        let screen = try preparingAFarMove()
        #expect(screen.preparing != nil)
        let copy = screen.state
        #expect(classInstances(in: copy) == [])
    }

    /// Linear over a million epochs, `G` pressed and one slice trained towards the end.
    func preparingAFarMove() throws -> TestScreen {
        var scenario = try Builtins.load("linear")
        scenario.train.epochs = 1_000_000
        var options = AppOptions()
        options.preparesInSlices = true
        var screen = TestScreen(timeline: try Timeline(scenario: scenario), width: 100, height: 30, options: options)
        screen.press(.character("G"))
        _ = screen.update(.tick(now: 0))
        return screen
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
        let original = try preparingAFarMove()
        let before = original.render()
        #expect(original.preparationProgress?.hasPrefix("preparing ") == true)
        var copy = original
        for _ in 0..<5 { _ = copy.update(.tick(now: 0)) }
        #expect(copy.preparationProgress != original.preparationProgress, "the copy trained on")
        let same = original.render() == before
        #expect(same, "the copy's training moved the original's progress: \(original.preparationProgress ?? "")")
    }
}
