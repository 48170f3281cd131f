import Scenario
import Testing
import TextCanvas
@testable import Screen

/// What the screen says is true, in every mode: names as the graph writes them, captions at the
/// moment they describe, the gradient check about the number on screen, `z` saying both grads.
struct LectureTruthTests {
    /// The event of `phase` at `node` (a label) in update step `step`.
    func index(_ state: TestScreen, step: Int, _ phase: NoteMoment.Phase, _ node: String) throws -> Int {
        let record = state.timeline.firstStep
        let within = try #require(state.timeline.template.firstIndex { $0.phase == phase && record.label($0.node) == node })
        return step * state.timeline.eventsPerStep + within
    }

    func inspector(_ state: TestScreen) -> String { state.render().lines.joined(separator: "\n") }

    @Test func theLossGradientSaysBackwardStartsHere() throws {
        var state = try makeState()
        state.seek(to: try index(state, step: 0, .backward, "loss"))
        #expect(inspector(state).contains("∂loss/∂loss = 1 (backward starts here)"), "\(inspector(state))")
        #expect(!inspector(state).contains("∂loss/∂loss = 1.0 arrives"))
    }

    @Test func theBackwardCaptionShowsWhenBackwardStartsAtTheLoss() throws {
        let state = try makeState()
        let note = try #require(state.noteEvents.first { $0.note.text.contains("Backward starts") })
        let firstBackward = try #require(state.timeline.template.firstIndex { $0.phase == .backward })
        #expect(note.index == firstBackward, "the caption must show with ∂loss/∂loss, not a step later")
    }

    @Test(arguments: Builtins.names)
    func captionsNameNodesAsTheGraphDoes(_ name: String) throws {
        let state = try makeState(name)
        let names = Set(NodeNames(state.timeline.firstStep).names)
        for note in state.timeline.scenario.notes {
            // Every ∂name in a caption is a node the graph shows by that name (∂(…) is an expression).
            for part in note.text.split(separator: "∂").dropFirst() {
                let word = String(part.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                if word.isEmpty { continue }
                #expect(names.contains(word), "\(name): the caption says ∂\(word), the graph has \(names.sorted())")
            }
            #expect(!note.text.contains("ŷ") || names.contains("ŷ"), "\(name): the graph calls it y_pred: \(note.text)")
        }
    }

    @Test func theCheckComparesWithTheNumberInTheGradColumn() throws {
        var state = try makeState(width: 120, height: 40)
        // The end of the lecture, where float32 and float64 gradients differ in the second digit.
        state.seek(to: try index(state, step: state.timeline.totalSteps - 1, .backward, "w"))
        let text = inspector(state)
        // Backward in float64 is the true derivative; the grad column's float32 number is 11% off
        // it, and the check says so rather than put a ✓ beside it unexplained.
        #expect(text.contains("vs backward -6.4373016e-06 ✓"), "\(text)")
        #expect(text.contains("the grad column (float32) is 11% off it: rounding"), "\(text)")
    }

    @Test func skippingZeroGradSaysTheSamplesGradAndTheAccumulatedOne() throws {
        var state = try makeState(width: 120, height: 40)
        state.press(.character("z"))
        state.seek(to: try index(state, step: 1, .backward, "w"))
        let text = inspector(state)
        #expect(text.contains("∂loss/∂w = -7.84 (this sample)"), "\(text)")
        #expect(text.contains("w.grad = -2.0 + (-7.84) = -9.84"), "\(text)")
        #expect(!text.contains("w.grad = ∂loss/∂w = -9.84"), "\(text)")
        #expect(text.contains("vs this sample's backward -7.84 ✓"), "the check is about this sample's gradient: \(text)")
    }

    /// A full-batch step is the whole data: its part of a piled-up grad is `this step`'s, never a sample's.
    @Test func skippingZeroGradOnAFullBatchNamesTheStepNotASample() throws {
        var state = try makeState("logistic", width: 160, height: 45)
        state.press(.character("z"))
        state.seek(to: try index(state, step: 2, .backward, "b"))
        let text = inspector(state)
        #expect(text.contains("(this step)"), "\(text)")
        #expect(!text.contains("this sample"), "\(text)")
    }

    /// The momentum caption at epoch 4 says what the loss did (0.27 at epoch 2, 0.62 now), not `a little`.
    @Test func momentumsCaptionSaysHowFarTheLossWentUp() throws {
        var state = try makeState("momentum")
        let text = try #require(state.timeline.scenario.notes.first { $0.text.contains("went back up") }?.text)
        state.press(.character("]"), .character("]"), .character("]"), .character("]"), .character("]"))
        let epochs = state.timeline.epochLosses
        try #require(epochs.count >= 5)
        #expect(text.contains("0.27 in epoch 2") && NumberFormat.compact(epochs[2], maxWidth: 4) == "0.27", "\(epochs)")
        #expect(text.contains("0.62 now") && NumberFormat.compact(epochs[4], maxWidth: 4) == "0.62", "\(epochs)")
        #expect(epochs[4] > 2 * epochs[2], "more than twice")
    }

    @Test func captionsWrittenForZeroedGradsAreMarkedUnderZ() throws {
        var state = try makeState(width: 120, height: 40)
        let note = try #require(state.noteEvents.first { $0.note.text.contains("the grad was zeroed") })
        state.seek(to: note.index)
        #expect(!state.screenText.contains("written for the run before z"))
        state.press(.character("z"))
        state.seek(to: note.index)
        #expect(state.screenText.contains("written for the run before z"), "\(state.screenText)")
        // Before the first update nothing differs, so the first captions stand unmarked.
        state.seek(to: 0)
        #expect(state.activeNote != nil && !state.screenText.contains("written for the run before z"))
    }

    /// `z` and then `<`: the mark names both changes, as the run on screen differs by both.
    @Test func theMarkNamesEveryChange() throws {
        var state = try makeState(width: 120, height: 40)
        let note = try #require(state.noteEvents.first { $0.note.text.contains("Update: w") })
        state.press(.character("z"))
        state.press(.character("<"))
        state.seek(to: note.index + state.run.eventsPerStep * 3)
        let mark = try #require(state.noteMark)
        #expect(mark.full == "[written for the run before z and lr 0.01; it may not hold now]")
        #expect(mark.short == "[before z, lr 0.01]")
    }

    /// The first `z`, `<` or `>` marks the captions; the mark takes no row of its own (it made the
    /// caption a row taller, and every panel above it jumped), in short where the rows need it.
    @Test(arguments: ["z", "<", ">"])
    func markingTheCaptionsMovesNoPanel(_ key: String) throws {
        for (name, width, height) in [("linear", 80, 24), ("linear-bias", 80, 24), ("xor", 80, 24), ("linear", 120, 40)] {
            let plain = try makeState(name, width: width, height: height)
            var marked = plain
            marked.press(key)
            var markedNotes = 0
            for note in plain.noteEvents {
                var before = plain
                before.seek(to: note.index)
                marked.seek(to: note.index)
                #expect(marked.screenAreas.body == before.screenAreas.body && marked.screenAreas.caption == before.screenAreas.caption,
                        "\(name) \(width)×\(height) after \(key), event \(note.index)")
                guard marked.noteMark != nil, !marked.activeNoteHolds, marked.activeNote == note.note else { continue }
                markedNotes += 1
                let text = marked.screenText
                #expect(text.contains("[written for") || text.contains("[before") || text.contains("[lr "), "\(text)")
            }
            #expect(markedNotes > 0, "\(name): the test is about marked captions")
        }
    }
}
