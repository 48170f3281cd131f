import Scenario
import Testing
import TextCanvas
@testable import Screen

/// The fit view: for a model with one input and one output, the data and the model's curve
/// ŷ(x) with the params as they are at the event; each update moves the curve and leaves the one
/// before it dimmed.
struct FitViewTests {
    @Test func everyOneInputModelHasTheFitViewAndNoOtherDoes() throws {
        for name in ["linear", "linear-bias", "quadratic", "sine", "overfit"] {
            #expect(try makeState(name).views.contains(.fit), "\(name)")
        }
        for name in ["xor", "circle", "digits", "gauss"] {
            #expect(try !makeState(name).views.contains(.fit), "\(name)")
        }
    }

    /// The lecture's first step: ŷ = 1.0·x until the update, then w = 1.0 − 0.01 · (−2.0) = 1.02
    /// (PyTorch's `grad: 1.0 2.0 -2.0`), and the curve before it dimmed.
    @Test func theCurveIsTheModelWithTheParamsAtTheEvent() throws {
        var state = try makeState("linear", width: 120, height: 40)
        while state.view != .fit { state.press(.character("v")) }
        let panel = try #require(state.prepared(FitView.self)?.panel)
        #expect(panel.before == nil, "nothing updated yet: no earlier curve")
        #expect(panel.predictions == nil, "forward has not reached ŷ at the first event")
        let curve = panel.curve
        #expect(curve.points.map(\.x) == [1, 2, 3] && curve.points.map(\.y) == [2, 4, 6])
        #expect(curve.x.lowerBound < 1 && curve.x.upperBound > 3)
        let xs = (0..<curve.values.count).map { curve.x.lowerBound + (curve.x.upperBound - curve.x.lowerBound) * Double($0) / Double(curve.values.count - 1) }
        #expect(zip(xs, curve.values).allSatisfy { abs($0 - $1) < 1e-6 }, "w = 1.0: ŷ = x")
        // Forward computes ŷ = 1.0 for x = 1: the error line from (1, 2) to the curve.
        let yPred = try #require(state.firstEvent(.forward, at: "y_pred"))
        state.seek(to: yPred)
        #expect(state.prepared(FitView.self)?.panel?.predictions == [1.0])
        let update = try #require(state.timeline.template.firstIndex { $0.phase == .update })
        state.seek(to: update)
        let moved = try #require(state.prepared(FitView.self)?.panel)
        #expect(moved.predictions == nil, "the update moved the curve away from the step's ŷ")
        let before = try #require(moved.before)
        #expect(zip(xs, before).allSatisfy { abs($0 - $1) < 1e-6 }, "dimmed: the curve before the update")
        #expect(zip(xs, moved.curve.values).allSatisfy { abs(1.02 * $0 - $1) < 1e-5 }, "w = 1.02 after the update")
        #expect(moved.batch == 0..<1, "the step's sample is the first")
        state.press(.character("n"))
        #expect(state.prepared(FitView.self)?.panel?.batch == 1..<2)
        #expect(state.prepared(FitView.self)?.panel?.before == nil, "a new step starts from the curve the last update left")
    }

    @Test func heldOutSamplesAreDrawnHollow() throws {
        var state = try makeState("overfit", width: 120, height: 40)
        while state.view != .fit { state.press(.character("v")) }
        let curve = try #require(state.prepared(FitView.self)?.panel?.curve)
        #expect(curve.points.count == 10 && curve.testPoints.count == 6)
        #expect(state.screenText.contains("○ held out"))
        #expect(state.screenText.filter { $0 == "○" }.count >= 5)
    }

    /// The panel alone, in ASCII: the points, the curve, the error line of the step's sample.
    @Test func panelAsText() {
        let curve = FitCurve(x: 0...4, values: [0, 1, 2, 3, 4], input: "x", target: "y",
                             points: [.init(x: 1, y: 2), .init(x: 2, y: 4), .init(x: 3, y: 6)])
        var canvas = Canvas(width: 24, height: 10, fill: Cell("."))
        canvas.foldsText = true
        FitPanel(curve: curve, batch: 1..<2, predictions: [2], glyphs: .ascii).render(into: &canvas, rect: Rect(x: 0, y: 0, width: 24, height: 10))
        canvas = canvas.asciiFolded()
        #expect(canvas.lines == [
            "o y * y_hat | y_hat - y.",
            ".6.3+..............o....",
            "....|...................",
            "....|.........o......***",
            "....|.........|..****...",
            "....|.....o.**|**.......",
            "....|...****............",
            "-0.3+***................",
            "....+-------------------",
            ".....0.0......x......4.0",
        ], "\(canvas.lines.map { "\"\($0)\"," }.joined(separator: "\n"))")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func fitViewFrames(_ size: (Int, Int)) throws {
        for name in ["linear", "sine"] {
            var state = try makeState(name, width: size.0, height: size.1)
            while state.view != .fit { state.press(.character("v")) }
            state.press(.character("]"), .character("]"))
            let text = state.screenText
            #expect(text.contains("fit: ŷ over x"), "\(name) \(size)\n\(text)")
            #expect(text.contains("● y ⠒ ŷ"), "\(name) \(size)\n\(text)")
            if name == "linear" { #expect(text.filter { $0 == "●" }.count == 4, "the legend's and the three samples'\n\(text)") }
        }
    }

    @Test func fitViewSurvivesEverySize() throws {
        var state = try makeState("sine", width: 160, height: 45)
        while state.view != .fit { state.press(.character("v")) }
        for (w, h) in [(160, 45), (80, 24), (60, 16), (40, 12), (20, 5), (0, 0)] {
            _ = state.update(.resize(width: w, height: h))
            _ = state.render()
        }
    }
}
