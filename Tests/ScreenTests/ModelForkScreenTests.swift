import Autograd
import Scenario
import Testing
import TextCanvas
@testable import Screen

/// `A` and `O`: the hidden activation and the optimizer fork from the cursor's step on, as `<` / `>`
/// fork lr: the header says what changed, the plot keeps the run before dimmed, going back shows
/// the steps as they were, and a key that can do nothing says why.
struct ModelForkScreenTests {
    /// activation (sigmoid hidden layer, full batch: a step an epoch) at epoch 100's first event.
    func atEpoch100(_ name: String = "activation", width: Int = 120, height: Int = 40) throws -> TestScreen {
        var state = try makeState(name, width: width, height: height)
        state.seek(to: state.timeline.firstEvent(ofStep: 100 * state.timeline.stepsPerEpoch))
        try #require(state.event.epoch == 100 && state.event.indexInStep == 0)
        return state
    }

    @Test func shiftACyclesTheHiddenActivationFromThisStepOn() throws {
        var state = try atEpoch100()
        let step = state.event.step
        state.press(.character("A"))
        #expect(state.timeline.variant(atStep: step).hiddenActivation == .tanh)
        #expect(state.timeline.variant(atStep: step - 1).hiddenActivation == .sigmoid, "the steps before stay as they were")
        #expect(state.render().line(0).contains("tanh (was sigmoid)"), "\(state.render().line(0))")
        // activation trains on the full batch: one step an epoch, no "sample 0" to name.
        #expect(state.notice == "A tanh (was sigmoid) from epoch 100 on (dimmed: sigmoid)", "\(state.notice ?? "")")
        #expect(state.shown.record?.nodes.contains { $0.op == .tanh } == true, "the step on screen computes tanh")
        state.press(.character("A"))
        #expect(state.render().line(0).contains("relu (was sigmoid)"))
        #expect(state.earlierRun?.label(against: state.run) == "sigmoid", "pressed again at the same step: compared with the run before")
        state.press(.character("A"))
        #expect(state.timeline.modelChanges.isEmpty && state.earlierRun == nil, "round the cycle: the run as it was")
        #expect(!state.render().line(0).contains("was"))
    }

    @Test func goingBackShowsTheStepsAsTheyWere() throws {
        var state = try atEpoch100()
        state.press(.character("A"))
        state.press(.character("["))
        #expect(state.event.epoch == 99)
        #expect(!state.render().line(0).contains("(was"), "\(state.render().line(0))")
        #expect(state.shown.record?.nodes.contains { $0.op == .sigmoid } == true)
        state.press(.character("]"))
        #expect(state.render().line(0).contains("tanh (was sigmoid)"))
    }

    @Test func shiftOCyclesTheOptimizerAndTheUpdateLineFollows() throws {
        var state = try atEpoch100()
        state.press(.character("O"))
        #expect(state.render().line(0).contains("momentum (was sgd)"), "\(state.render().line(0))")
        state.press(.character("O"))
        #expect(state.render().line(0).contains("adam (was sgd)"))
        for _ in 0..<60 where state.event.phase != .update { state.press(.right) }
        #expect(state.screenText.contains("Update · adam, t = 1"), "a new Adam starts at t = 1:\n\(state.screenText)")
        state.press(.character("G"))
        #expect(state.earlierRun.map { state.training.timeline(of: $0.run).epochLosses }?.count == state.timeline.epochs, "the earlier run keeps pace")
        #expect(state.timeline.epochLosses != state.earlierRun.map { state.training.timeline(of: $0.run).epochLosses })
    }

    /// The plot draws the run before dimmed, and says what it was.
    @Test func thePlotKeepsTheRunBeforeDimmed() throws {
        var state = try atEpoch100()
        state.press(.character("A"), .character("G"))
        let canvas = state.render()
        #expect(canvas.text.contains("dimmed: sigmoid"), "\(canvas.text)")
        let dimBraille = (0..<canvas.height).contains { y in
            (0..<canvas.width).contains { x in
                let c = canvas[x, y]
                return c.style == .dim && (c.character.unicodeScalars.first?.value ?? 0) >= 0x2801 && (c.character.unicodeScalars.first?.value ?? 0) <= 0x28FF
            }
        }
        #expect(dimBraille)
    }

    /// The gradient check and the pictures compute with the step's model: after the fork, tanh's.
    @Test func theCheckAndThePicturesUseTheForksModel() throws {
        var state = try atEpoch100()
        state.press(.character("A"), .character("G"))
        let text = state.screenText
        #expect(text.contains("✓") && !text.contains("✗"), "\(text)")
        let check = try #require(state.activeCheck)
        #expect(check.agrees(), "finite difference \(check.finiteDifference) against backward \(check.backward)")
        let record = try #require(state.shown.record)
        for (ours, float64) in zip(record.grad(check.parameter), check.backward) {
            #expect(abs(ours - float64) <= 1e-4 * max(1, abs(float64)), "the check is about tanh's gradient: \(ours) against \(float64)")
        }
    }

    @Test func aKeyThatCanDoNothingSaysWhy() throws {
        var state = try makeState("linear", width: 80, height: 24)
        state.press(.character("A"))
        #expect(state.timeline.modelChanges.isEmpty)
        let notice = try #require(state.notice)
        #expect(notice.contains("no hidden sigmoid, tanh or relu layer"))
        #expect(state.render().lines.contains { $0.contains(notice) }, "the whole reason shows at 80 columns")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func theHeaderSaysWhatChangedAtLectureSizes(_ size: (Int, Int)) throws {
        var state = try atEpoch100(width: size.0, height: size.1)
        state.press(.character("A"), .character("O"))
        let header = state.render().line(0)
        let long = header.contains("tanh (was sigmoid)  momentum (was sgd)  lr 0.5")
        // At 80 columns the short form: what it is now, and lr still in sight.
        #expect(size.0 >= 120 ? long : header.contains("now tanh, momentum  lr 0.5"), "\(header)")
    }

    @Test func helpListsTheForkKeys() throws {
        var state = try makeState("activation", width: 120, height: 40)
        state.press(.character("?"))
        let text = state.screenText
        #expect(text.contains("A O        next hidden activation / optimizer from this step on"), "\(text)")
    }
}
