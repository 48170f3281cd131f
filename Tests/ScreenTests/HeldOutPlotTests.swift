import Scenario
import Testing
import TextCanvas
@testable import Screen

/// Held-out samples on the loss plot: the test loss is a second curve in a style of its own, and
/// the title row is a legend with both curves' last values.
struct HeldOutPlotTests {
    private func render(_ plot: LossPlot, width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height, fill: Cell("x"))
        plot.render(into: &canvas, rect: canvas.bounds)
        return canvas
    }

    @Test func theTestLossIsASecondCurveWithALegend() {
        let plot = LossPlot(values: [4, 2, 1, 0.5], totalEpochs: 4, scale: .linear, test: [3, 2.5, 2.8, 3.5])
        let canvas = render(plot, width: 30, height: 8)
        #expect(canvas.line(0) == "lossxxxxxxxxtrain 0.5 test 3.5")
        let runs = canvas.runs(row: 0)
        #expect(runs.contains { $0.text.contains("train 0.5") && $0.style == .plot })
        #expect(runs.contains { $0.text.contains("test 3.5") && $0.style == .plotTest })
        // The axis spans both curves: the test loss's 3.5 at the end is drawn near the top, in its style.
        let testCells = (1..<7).flatMap { y in (0..<30).filter { canvas[$0, y].style == .plotTest }.map { ($0, y) } }
        #expect(!testCells.isEmpty)
        #expect(testCells.contains { $0.0 >= 27 && $0.1 <= 2 }, "\(testCells)")
        #expect(canvas.lines.dropFirst().contains { $0.contains("4.0┤") }, "the top label is the larger of both: \(canvas.lines)")
    }

    @Test func aNarrowLegendGivesUpTheTitleThenTheValues() {
        let plot = LossPlot(values: [4, 2, 1, 0.123456], totalEpochs: 4, scale: .linear, test: [3, 2.5, 2.8, 3.456789])
        #expect(render(plot, width: 28, height: 6).line(0) == "lossxxxtrain 0.123 test 3.46")
        #expect(render(plot, width: 22, height: 6).line(0) == "xtrain 0.123 test 3.46")
        #expect(render(plot, width: 14, height: 6).line(0) == "xxxxtrain test")
    }

    @Test func withoutBrailleEachCurveHasItsOwnPoint() {
        let plot = LossPlot(values: [4, 2, 1, 0.5], totalEpochs: 4, scale: .linear, glyphs: .ascii, test: [3, 2.5, 2.8, 3.5])
        let canvas = render(plot, width: 34, height: 8)
        #expect(canvas.line(0).hasSuffix("*train 0.5 +test 3.5"), "\(canvas.line(0))")
        let body = canvas.lines.dropFirst().joined()
        #expect(body.contains("+") && body.contains("*"))
    }

    /// overfit at 80×24 and 120×40, at the end: both curves' last values are the timeline's, and
    /// the test loss has turned up (its last value is above its best).
    @Test(arguments: [(80, 24), (120, 40)])
    func overfitShowsBothLastValuesOnScreen(_ size: (Int, Int)) throws {
        var state = try makeState("overfit", width: size.0, height: size.1)
        state.press(.character("G"))
        let train = try #require(state.timeline.epochLosses.last)
        let test = try #require(state.timeline.epochTestLosses.last)
        #expect(state.timeline.epochTestLosses.count == state.timeline.epochs)
        #expect(test > 2 * (state.timeline.epochTestLosses.min() ?? 0), "the test loss turned up")
        let text = state.screenText
        let legend = "train \(NumberFormat.compact(train, maxWidth: 7, significantDigits: 3)) test \(NumberFormat.compact(test, maxWidth: 7, significantDigits: 3))"
        #expect(legend == "train 0.0314 test 0.339")
        #expect(text.contains(legend), "\(text)")
    }

    /// Mid-run the legend says the last finished epoch, not one still being trained.
    @Test func theLegendFollowsTheCursor() throws {
        var state = try makeState("overfit", width: 120, height: 40)
        for _ in 0..<3 { state.press(.character("]")) }
        let shown = state.shownEpochLosses.count
        let test = state.timeline.epochTestLosses[shown - 1]
        #expect(state.screenText.contains("test \(NumberFormat.compact(test, maxWidth: 7, significantDigits: 3))"))
    }

    /// Scenarios without held-out samples keep the title row as it was.
    @Test func noTestSetNoLegend() throws {
        var state = try makeState("linear", width: 100, height: 30)
        state.press(.character("]"), .character("]"))
        #expect(!state.screenText.contains("train "))
    }
}
