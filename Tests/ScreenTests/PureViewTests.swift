import Export
import Scenario
import Testing
import TextCanvas
@testable import Screen

/// `update` computes what a step shows; `view` only reads: a frame can be drawn twice with the
/// same result, and drawing replays nothing.
struct PureViewTests {
    /// States worth drawing: every view, both side panes, a param's backward (the gradient check).
    func states(_ name: String) throws -> [TestScreen] {
        let scenario = try Builtins.load(name)
        var state = TestScreen(timeline: try Timeline(scenario: scenario), width: 160, height: 45)
        var result: [TestScreen] = []
        let firstParamBackward = state.timeline.template.firstIndex { $0.phase == .backward && $0.node < state.timeline.firstStep.parameterCount } ?? 0
        state.seek(to: state.timeline.eventsPerStep + firstParamBackward)
        result.append(state)
        for key in [Key.character("t"), .character("v"), .character("v"), .character("c"), .character("v"), .character("n"), .character("]")] {
            state.press(key)
            result.append(state)
        }
        return result
    }

    @Test(arguments: ["linear", "linear-bias", "collapse", "deep193"])
    func aFrameDrawnTwiceIsTheSameAndReplaysNothing(_ name: String) throws {
        for state in try states(name) {
            let replays = state.timeline.replays
            let first = state.render()
            let second = state.render()
            #expect(first == second, "\(name): view \(state.view), pane \(String(describing: state.sidePane))")
            #expect(state.timeline.replays == replays, "\(name): drawing replayed a step")
        }
    }

    /// The inspector shows the check `update` computed, not one of its own.
    @Test func theGradientCheckOnScreenIsTheOneUpdateComputed() throws {
        var state = try makeState()
        for _ in 0..<8 { state.press(.right) }
        #expect(state.event.phase == .backward && state.event.node == 0)
        var check = try #require(state.shown.checks[0])
        #expect(state.screenText.contains("finite difference -2.0"))
        check.finiteDifference = [-2.5]
        state.shown.checks[0] = check
        #expect(state.screenText.contains("finite difference -2.5"))
    }

    /// Moving within a step replays nothing; the next step replays once.
    @Test func aStepIsReplayedOncePerStep() throws {
        var state = try makeState()
        state.press(.character("n"))
        let replays = state.timeline.replays
        for _ in 0..<5 { state.press(.right) }
        #expect(state.timeline.replays == replays)
        state.press(.character("n"))
        #expect(state.timeline.replays == replays + 1)
    }
}

/// The landscape is sampled by `update` for its pane, once per step.
struct LandscapeSampledOnceTests {
    @Test func theLandscapeOnScreenIsSampledByUpdateForItsPane() throws {
        var state = try makeState(width: 120, height: 40)
        #expect(state.prepared(LandscapeView.self)?.picture == nil, "not sampled while the view is off")
        state.press(.character("v"))
        let picture = try #require(state.prepared(LandscapeView.self)?.picture)
        #expect(picture.area == state.visibleBodyAreas?.pane?.inset(by: 1))
        _ = state.update(.resize(width: 130, height: 40))
        #expect(state.prepared(LandscapeView.self)?.picture?.area == state.visibleBodyAreas?.pane?.inset(by: 1), "a new size samples again")
    }
}
