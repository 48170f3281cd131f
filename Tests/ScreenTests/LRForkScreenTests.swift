import Scenario
import Testing
import TextCanvas
@testable import Screen

/// "What if": `<` and `>` halve and double lr from the cursor's step on; the header says the new
/// lr and the scenario's, the plot keeps the earlier run's curve dimmed under the new one.
struct LRForkScreenTests {
    /// linear-bias (lr 0.05, 3 steps an epoch) at epoch 10's first event.
    func atEpoch10(_ name: String = "linear-bias", width: Int = 100, height: Int = 30) throws -> TestScreen {
        var state = try makeState(name, width: width, height: height)
        for _ in 0..<10 { state.press(.character("]")) }
        try #require(state.event.epoch == 10 && state.event.batch == 0 && state.event.indexInStep == 0)
        return state
    }

    @Test func lessThanHalvesAndGreaterThanDoublesLrFromTheCursorsStep() throws {
        var state = try atEpoch10()
        let step = state.event.step
        state.press(.character("<"))
        #expect(state.timeline.lr(atStep: step).value == 0.025)
        #expect(state.timeline.lr(atStep: step - 1).value == 0.05, "the steps before stay as they were")
        #expect(state.render().line(0).contains("lr 0.025 (was 0.05)"), "\(state.render().line(0))")
        #expect(state.notice == "< lr 0.025 from epoch 10 sample 0 on (dimmed: lr 0.05)", "\(state.notice ?? "")")
        state.press(.character(">"), .character(">"))
        #expect(state.timeline.lr(atStep: step).value == 0.1)
        #expect(state.render().line(0).contains("lr 0.1 (was 0.05)"))
        #expect(state.earlierRun?.lr.value == 0.05, "pressed again at the same step: the fork is adjusted, compared with the run before it")
        state.press(.character("<"))
        #expect(state.timeline.lrChanges.isEmpty, "back to the scenario's lr: no fork left")
        #expect(state.earlierRun == nil, "nothing to compare with")
        #expect(state.render().line(0).contains("lr 0.05 ") && !state.render().line(0).contains("was"))
        // A fork at another step compares with the run just before it (only the last earlier curve is kept).
        state.press(.character("<"), .character("]"), .character(">"))
        #expect(state.earlierRun?.lr.value == 0.025 && state.earlierRun?.step == step + 3)
        #expect(state.timeline.lrChanges == [LRChange(step: step, lr: Literal(0.025)), LRChange(step: step + 3, lr: Literal(0.05))])
    }

    /// Going back before the fork keeps the fork (one run, one schedule): the steps there show the
    /// lr they had, and coming forward shows the fork again.
    /// A minibatch step is named as the header names it: `batch 0`, not `sample 0`.
    @Test func aForkOnMinibatchesSaysBatch() throws {
        var state = try makeState("digits", width: 120, height: 40)
        state.press(.character("<"))
        #expect(state.notice?.contains("from epoch 0 batch 0 on") == true, "\(state.notice ?? "")")
    }

    @Test func steppingBackBeforeTheForkShowsTheOldHistoryWithItsLr() throws {
        var state = try atEpoch10()
        let original = try #require(state.shown.record)
        let before = try state.timeline.record(ofStep: state.event.step - 1)
        state.press(.character(">"))
        #expect(state.shown.record?.paramsBefore == original.paramsBefore, "the fork's step starts where it did")
        state.press(.character("["))
        #expect(state.event.epoch == 9)
        #expect(state.render().line(0).contains("lr 0.05 ") && !state.render().line(0).contains("was"), "\(state.render().line(0))")
        for _ in 0..<2 { state.press(.character("n")) }
        #expect(state.shown.record?.paramsAfter == before.paramsAfter, "the last step before the fork is unchanged")
        state.press(.character("n"))
        #expect(state.render().line(0).contains("lr 0.1 (was 0.05)"), "forward again: the fork")
    }

    /// The update as the inspector writes it uses the step's lr.
    @Test func theUpdateLineUsesTheForkedLr() throws {
        var state = try atEpoch10(width: 120, height: 40)
        state.press(.character("<"))
        for _ in 0..<30 where state.event.phase != .update { state.press(.right) }
        #expect(state.screenText.contains("- 0.025 ×"), "\(state.screenText)")
    }

    @Test(arguments: ["momentum", "adam", "quadratic", "circle"])
    func everyScenarioAndOptimizerForks(_ name: String) throws {
        var state = try makeState(name, width: 120, height: 40)
        state.press(.character("]"), .character("]"))
        let lr = state.timeline.scenario.train.lr
        state.press(.character(">"))
        #expect(state.timeline.lr(atStep: state.event.step).value == lr.value * 2)
        #expect(state.render().line(0).contains("(was \(lr.text))"))
        #expect(state.failure == nil)
        state.press(.character("G"))
        #expect(state.timeline.epochLosses.count == state.timeline.epochs)
        #expect(state.earlierRun.map { state.training.timeline(of: $0.run).epochLosses }?.count == state.timeline.epochs, "the earlier run keeps pace")
        #expect(state.timeline.epochLosses != state.earlierRun.map { state.training.timeline(of: $0.run).epochLosses })
    }

    /// The plot: the earlier run's curve in the dim style, the fork's in the plot style, and
    /// the title row says what the dimmed curve was.
    @Test func thePlotKeepsTheEarlierCurveDimmed() throws {
        var state = try atEpoch10()
        state.press(.character(">"), .character(">"), .character(">"))  // lr 0.4: the fork diverges from the old curve
        for _ in 0..<20 { state.press(.character("]")) }
        let canvas = state.render()
        let plot = try #require(state.visibleBodyAreas?.plot).inset(by: 1)
        var dim = 0, bright = 0
        for y in plot.y..<plot.maxY {
            for x in plot.x..<plot.maxX where canvas[x, y].character.unicodeScalars.first.map({ (0x2801...0x28FF).contains($0.value) }) == true {
                if canvas[x, y].style == .dim { dim += 1 }
                if canvas[x, y].style == .plot { bright += 1 }
            }
        }
        #expect(dim > 0, "the earlier curve shows where it leaves the new one")
        #expect(bright > 0)
        #expect(canvas.line(plot.y).contains("dimmed: lr 0.05"), "pressed again at one step: still against the run before, \(canvas.line(plot.y))")
        // No fork, no dimmed curve.
        var plain = try atEpoch10()
        for _ in 0..<20 { plain.press(.character("]")) }
        let plainCanvas = plain.render()
        #expect(!plainCanvas.text.contains("dimmed"))
    }

    @Test func lossPlotDrawsTheEarlierCurveDimUnderTheCurrentOne() {
        let plot = LossPlot(values: [4, 3, 2, 1], totalEpochs: 4, scale: .linear, glyphs: .ascii, earlier: [4, 4, 4, 4], earlierLabel: "lr 0.1")
        var canvas = Canvas(width: 30, height: 8, fill: Cell("x"))
        plot.render(into: &canvas, rect: canvas.bounds)
        #expect(canvas.lines == [
            "lossxxxxxxxxxxxxdimmed: lr 0.1",
            "4.0+****......................",
            "xxx|xxxx*******xxxxxxxxxxxxxxx",
            "2.5+xxxxxxxxxxx****xxxxxxxxxxx",
            "xxx|xxxxxxxxxxxxxxx******xxxxx",
            "1.0+xxxxxxxxxxxxxxxxxxxxx*****",
            "xxx+--------------------------",
            "xxxx0xxxxxxxxxepochxxxxxxxxxx3",
        ])
        #expect(canvas[4, 1].style == .plot, "where both pass, the current run")
        #expect(canvas[8, 1].style == .dim && canvas[29, 1].style == .dim)
        #expect(canvas[16, 0].style == .dim, "the label too")
    }

    @Test func aZeroLrSaysWhyItCannotChange() throws {
        let toml = "title = \"t\"\n[data]\nx = [1.0, 2.0]\ny = [2.0, 4.0]\n[params]\nw = 1.0\n[model]\nforward = \"x * w\"\nloss = \"(y_pred - y)^2\"\n[train]\nepochs = 3\nlr = 0\n"
        let scenario = try ScenarioLoader.load(bytes: Array(toml.utf8), file: "zero.toml")
        var state = TestScreen(timeline: try Timeline(scenario: scenario), width: 100, height: 30)
        state.press(.character(">"))
        #expect(state.timeline.lrChanges.isEmpty && state.earlierRun == nil)
        #expect(state.notice == ">: lr is 0 here; halving or doubling keeps it so", "\(state.notice ?? "")")
    }

    @Test func helpListsTheForkKeys() throws {
        var state = try makeState("linear", width: 100, height: 60)
        state.press(.character("?"))
        let text = state.screenText
        #expect(text.contains("< >"))
        #expect(text.contains("halve / double lr from this step on (old curve dimmed)"))
    }
}
