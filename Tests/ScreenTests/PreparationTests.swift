import Scenario
import Testing
import TextCanvas
@testable import Screen

/// A far move (G on a million epochs) is trained in slices between frames: the footer shows how
/// far it got, q quits at once, any other key stops the move where the screen is.
struct PreparationTests {
    /// The lecture's model trained for `epochs` epochs, as the run loop opens it.
    func longRun(epochs: Int, slices: Bool = true) throws -> TestScreen {
        var scenario = try Builtins.load("linear")
        scenario.train.epochs = epochs
        var options = AppOptions()
        options.preparesInSlices = slices
        return TestScreen(timeline: try Timeline(scenario: scenario), width: 100, height: 30, options: options)
    }

    /// The footer, with the row above that a long message wraps into.
    func footer(_ state: TestScreen) -> String { state.render().lines.suffix(2).joined(separator: "\n") }

    /// Epochs of the lecture whose end is half again as far as a move done at once may go.
    func justTooFar() throws -> Int {
        let state = try longRun(epochs: 1)
        return state.stepsPreparedAtOnce * 3 / 2 / state.timeline.stepsPerEpoch
    }

    @Test func aFarJumpShowsItsProgressAndQQuitsDuringIt() throws {
        var state = try longRun(epochs: 1_000_000)
        let effects = state.press(.character("G"))
        #expect(effects == [.wake(after: 0)], "the run loop is asked for the next slice at once")
        #expect(state.preparing != nil)
        #expect(state.cursor == 0, "the cursor moves only when training is through")
        #expect(footer(state).contains("preparing 0%: epoch 0 of 1000000 · any key stops"), "\(footer(state))")
        #expect(footer(state).contains("? help  q quit"), "the footer still ends with help and quit")
        for _ in 0..<3 { #expect(state.update(.tick(now: 0)) == .wake(after: 0)) }
        let trained = state.timeline.trainedSteps
        #expect(trained > 0 && trained < state.timeline.totalSteps)
        #expect(footer(state).contains("epoch \(trained / 3) of 1000000"), "\(footer(state))")
        #expect(state.press(.character("q")) == [.quit])
    }

    @Test(arguments: [Key.escape, .control("c")])
    func theOtherQuitKeysQuitDuringAFarJump(_ key: Key) throws {
        var state = try longRun(epochs: 1_000_000)
        state.press(.end)
        #expect(state.preparing != nil)
        #expect(state.press(key) == [.quit])
    }

    @Test func anyOtherKeyStopsTheJumpAndStaysAndTheSameKeyGoesOn() throws {
        var state = try longRun(epochs: 1_000_000)
        state.press(.character("G"))
        _ = state.update(.tick(now: 0))
        let trained = state.timeline.trainedSteps
        #expect(state.press(.character(" ")) == [.wake(after: AppState.noticeSeconds)], "the key stops the move (it does not also play); the notice goes in a moment")
        #expect(state.preparing == nil && !state.playing && state.cursor == 0)
        // Whole, even in an 80-column footer beside the help hints.
        _ = state.update(.resize(width: 80, height: 24))
        #expect(footer(state).contains("stopped: \(trained / 3) of 1000000 epochs trained · the key again goes on"), "\(footer(state))")
        _ = state.update(.resize(width: 100, height: 30))
        // Training done so far is kept: G goes on from there.
        state.press(.character("G"))
        #expect(state.preparing?.fromStep == trained)
    }

    @Test func aJumpPreparedToTheEndLandsThereWithTheWholePlot() throws {
        var state = try longRun(epochs: justTooFar())
        state.press(.character("G"))
        #expect(state.preparing != nil)
        var slices = 0
        while state.preparing != nil {
            _ = state.update(.tick(now: 0))
            slices += 1
        }
        #expect(slices > 1)
        #expect(state.cursor == state.lastEvent)
        #expect(state.timeline.epochLosses.count == state.timeline.epochs)
        #expect(state.shown.record?.step == state.timeline.totalSteps - 1)
        #expect(!footer(state).contains("preparing"))
    }

    @Test func aNarrowFooterStillShowsThePercentage() throws {
        var state = try longRun(epochs: 1_000_000)
        state.press(.character("G"))
        _ = state.update(.resize(width: 40, height: 12))
        #expect(footer(state).contains("preparing 0%"), "\(footer(state))")
        #expect(footer(state).contains("? help  q quit"))
    }

    @Test func zOnAFarCursorTrainsTheNewRunInSlicesAndSwapsWhenReady() throws {
        var state = try longRun(epochs: justTooFar(), slices: false)
        state.press(.character("G"))
        let end = state.cursor
        state = TestScreen(timeline: state.timeline, width: 100, height: 30, options: { var o = AppOptions(); o.preparesInSlices = true; return o }())
        state.seek(to: end)
        let before = state.timeline
        state.press(.character("z"))
        #expect(state.preparing != nil)
        #expect(state.timeline === before, "the old run stays on screen while the new one trains")
        while state.preparing != nil { _ = state.update(.tick(now: 0)) }
        #expect(state.timeline !== before && state.timeline.zeroesGrad != before.zeroesGrad)
        #expect(state.cursor == end)
    }

    @Test func withoutSlicesEveryMoveIsDoneWithinItsUpdate() throws {
        var state = try longRun(epochs: justTooFar(), slices: false)
        #expect(state.press(.character("G")) == [.idle])
        #expect(state.preparing == nil && state.cursor == state.lastEvent)
    }

    @Test func aShortMoveIsNotPreparedInSlices() throws {
        var state = try longRun(epochs: 100)
        state.press(.character("G"))
        #expect(state.preparing == nil && state.cursor == state.lastEvent)
    }
}
