import Scenario
import Testing
import TextCanvas
@testable import Screen

/// One clock: every panel shows the state at the event on screen. A gradient shows from the
/// event that makes it (before: None, or a blank map saying so), an updated value from its update.
struct OneClockPanelTests {
    /// The scenario at 120×40 with `v` pressed until `view`'s box shows.
    private func state(_ name: String, view: String? = nil) throws -> TestScreen {
        var state = try makeState(name, width: 120, height: 40)
        for _ in 0..<8 where view.map({ !state.screenText.contains($0) }) ?? false { state.press(.character("v")) }
        return state
    }

    @Test func gradientHeatMapsAreBlankUntilBackwardMakesEachGradient() throws {
        var s = try state("deep193", view: "weights: gradients")
        #expect(s.screenText.contains("weights: gradients"))
        s.seek(to: 2)   // forward
        var text = s.screenText
        #expect(text.components(separatedBy: "not computed").count - 1 == 5, "\(text)")
        #expect(!text.contains("±0.00054"), "W1's gradient is not shown before backward: \(text)")
        // W5's gradient arrives right after MM z5's rule: its map fills, the others stay blank.
        s.seek(to: try #require(s.firstEvent(.backward, at: "W5")))
        text = s.screenText
        #expect(text.contains("W5 5×6  ±"), "\(text)")
        #expect(text.components(separatedBy: "not computed").count - 1 == 4, "\(text)")
        s.seek(to: try #require(s.firstEvent(.backward, at: "W1")))
        #expect(!s.screenText.contains("not computed"))
        #expect(s.screenText.contains("W1 6×5  ±0.00054"))
    }

    /// A blank map too narrow for the note's words (spiral's biases at 80×24) says PyTorch's `None`,
    /// never a cut word (`comput`).
    @Test func aNarrowBlankMapSaysNoneNotACutWord() throws {
        var s = try makeState("spiral", width: 80, height: 24)
        for _ in 0..<8 where !s.screenText.contains("weights: gradients") { s.press(.character("v")) }
        s.seek(to: 2)
        let text = s.screenText
        #expect(text.contains("None") && text.contains("not computed"), "\(text)")
        for cut in ["comput ", "compute ", "comput│", "compute│"] { #expect(!text.contains(cut), "\(text)") }
    }

    @Test func theLandscapeShowsTheGradientFromBackwardAndTheStepFromTheUpdate() throws {
        var s = try state("linear", view: "loss landscape")
        #expect(s.screenText.contains("loss landscape (this sample)"))
        var text = s.screenText
        #expect(text.contains("w = 1.0"), "\(text)")
        #expect(!text.contains("grad -2.0") && !text.contains("→ 1.02"), "nothing of backward or the update before they happen: \(text)")
        s.seek(to: try #require(s.firstEvent(.backward, at: "w")))
        text = s.screenText
        #expect(text.contains("w = 1.0  grad -2.0"), "\(text)")
        #expect(!text.contains("→ 1.02"))
        s.seek(to: try #require(s.firstEvent(.update, at: "w")))
        #expect(s.screenText.contains("w 1.0 → 1.02  grad -2.0"))
    }

    @Test func aFullBatchLandscapeSaysItIsTheLossOfAllSamples() throws {
        let s = try state("logistic", view: "loss landscape")
        #expect(s.screenText.contains("loss landscape (all samples)"), "\(s.screenText)")
    }

    @Test func theParamsTableFillsEachGradInBackwardsOrder() throws {
        var s = try state("xor")
        s.seek(to: try #require(s.firstEvent(.backward, at: "b2")))
        let table = s.state.inspectorPanel(try #require(s.shown.record)).paramsTable(width: 60).map(\.0)
        let b2 = try #require(table.first { $0.hasPrefix("b2") }), w2 = try #require(table.first { $0.hasPrefix("W2") })
        #expect(b2.contains("-0.09517978"), "\(table)")
        #expect(w2.contains("None"), "W2's gradient comes after MM z3's rule: \(table)")
    }

    @Test func theDecisionBoundaryMovesWithTheUpdate() throws {
        var s = try state("gauss", view: "decision boundary")
        #expect(s.screenText.contains("decision boundary"))
        s.seek(to: try #require(s.firstEvent(.backward, at: "w")))
        let before = try #require(s.prepared(BoundaryView.self)?.field?.values)
        s.seek(to: s.timeline.eventsPerStep - 1)
        let after = try #require(s.prepared(BoundaryView.self)?.field?.values)
        #expect(before != after, "the boundary after the update is the updated model's")
        #expect(s.prepared(BoundaryView.self)?.field?.step == 0)
    }
}
