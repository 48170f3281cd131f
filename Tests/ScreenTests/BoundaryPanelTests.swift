import Foundation
import Scenario
import Testing
import TextCanvas
@testable import Screen

/// The decision-boundary view: the model's output over the input plane, the data on top; made in
/// `update` once per step, drawn in half blocks with colour and in shapes without.
struct BoundaryPanelTests {
    /// A field whose left half says class 0 and right half class 1, with one point of each.
    static let halves = DecisionField(step: 0, columns: 4, rows: 4, x1: 0...4, x2: 0...4,
                                      values: [0, 0, 1, 1, 0, 0, 1, 1, 0.5, 0.5, 1, 1, 0, 0.3, 0.7, 1],
                                      points: [(0.5, 3.5, 0), (3.5, 0.5, 1)])

    @Test func theFieldIsTheModelsOutputAtEachGridPoint() throws {
        let scenario = try Builtins.load("gauss")
        // In the program's order (first use), as the timeline's records hold them.
        let params = scenario.program.parameters.map { name in scenario.parameters.first { $0.name == name }?.values ?? [] }
        let field = try #require(try DecisionField.make(scenario: scenario, params: params, step: 0, columns: 6, rows: 3))
        #expect(field.values.count == 18)
        // Grid point (column 1, row 2): sigmoid(w·x + b) with the scenario's initial w and b.
        let x1 = field.x1.lowerBound + 1.5 / 6 * (field.x1.upperBound - field.x1.lowerBound)
        let x2 = field.x2.upperBound - 2.5 / 3 * (field.x2.upperBound - field.x2.lowerBound)
        let w = params[0], b = params[1][0]
        let z: Double = w[0] * x1 + w[1] * x2 + b
        let expected: Double = 1 / (1 + Foundation.exp(-z))
        #expect(abs(field.values[2 * 6 + 1] - expected) < 1e-6, "\(field.values[13]) vs \(expected)")
        #expect(field.points.count == 200)
        #expect(field.points.allSatisfy { field.x1.contains($0.x1) && field.x2.contains($0.x2) })
    }

    @Test func withoutColourLevelsAreShapesAndPointsLetters() {
        var canvas = Canvas(width: 6, height: 5, fill: Cell("x"))
        BoundaryPanel(field: Self.halves, glyphs: .ascii, colour: false).render(into: &canvas, rect: Rect(x: 1, y: 0, width: 4, height: 5))
        #expect(canvas.lines == [
            "xx=##x",
            "x==##x",
            "x  ##x",
            "x=-+ox",
            "xx 0 x",
        ])
    }

    /// Without colour, ASCII tells the classes apart by stroke (class 0 `-` `=`, class 1 `+` `#`,
    /// denser the surer), not by one ramp from light to dark, and its legend says which is which.
    @Test func asciiShadesEachClassWithItsOwnStrokesAndSaysSo() {
        let sure = DecisionField(step: 0, columns: 5, rows: 1, x1: 0...5, x2: 0...1,
                                 values: [0, 0.3, 0.5, 0.7, 1], points: [])
        var wide = Canvas(width: 60, height: 2)
        wide.foldsText = true  // as the screen draws under --ascii
        BoundaryPanel(field: sure, glyphs: .ascii, colour: false).render(into: &wide, rect: Rect(x: 0, y: 0, width: 60, height: 2))
        let row = wide.line(0)
        let stroke = { (x: Double) in row[row.index(row.startIndex, offsetBy: Int(x / 5 * 60))] }
        #expect([stroke(0.5), stroke(1.5), stroke(2.5), stroke(3.5), stroke(4.5)] == ["=", "-", " ", "+", "#"], "\(row)")
        #expect(wide.line(1).hasPrefix("x 0 on - =, o 1 on + #, blank: unsure  x1 0.0...5.0"), "\(wide.line(1))")
        var narrow = Canvas(width: 30, height: 2)
        narrow.foldsText = true
        BoundaryPanel(field: sure, glyphs: .ascii, colour: false).render(into: &narrow, rect: Rect(x: 0, y: 0, width: 30, height: 2))
        #expect(narrow.line(1).hasPrefix("x 0 -=, o 1 +#  x1 0.0...5.0"), "\(narrow.line(1))")
        // Unicode without colour keeps its shades and its legend.
        var unicode = Canvas(width: 30, height: 2)
        BoundaryPanel(field: sure, glyphs: .unicode, colour: false).render(into: &unicode, rect: Rect(x: 0, y: 0, width: 30, height: 2))
        #expect(unicode.line(1).hasPrefix("x 0, o 1"), "\(unicode.line(1))")
    }

    /// The points' letters stay bold over the strokes, which are dim.
    @Test func asciiPointsStandOutOverTheStrokes() {
        var canvas = Canvas(width: 4, height: 5)
        BoundaryPanel(field: Self.halves, glyphs: .ascii, colour: false).render(into: &canvas, rect: Rect(x: 0, y: 0, width: 4, height: 5))
        #expect(canvas[0, 0].style == .pointNegative && canvas[3, 3].style == .pointPositive)
        #expect(canvas[2, 0].style == .dim && canvas[1, 1].style == .dim)
    }

    @Test func inColourEachCellIsTwoHalfBlocksWithTheirLevels() {
        var canvas = Canvas(width: 4, height: 3, fill: Cell("x"))
        BoundaryPanel(field: Self.halves, glyphs: .unicode, colour: true).render(into: &canvas, rect: Rect(x: 0, y: 0, width: 4, height: 3))
        #expect(canvas.lines[0] == "×▀▀▀", "class 0 is a cross, class 1 a dot: shapes as well as colours")
        #expect(canvas.lines[1] == "▀▀▀●")
        // Nine levels: 0 → 0, 0.3 → 2, 0.5 → 4, 0.7 → 6, 1 → 8.
        #expect(canvas[1, 0].style == .field(top: 0, bottom: 0))
        #expect(canvas[2, 0].style == .field(top: 8, bottom: 8))
        #expect(canvas[0, 1].style == .field(top: 4, bottom: 0))
        #expect(canvas[1, 1].style == .field(top: 4, bottom: 2))
        // Points sit on the boundary's colour where they lie: class 0 on sure-0 orange, class 1 on sure-1 blue.
        #expect(canvas[0, 0].style == .point(positive: false, on: 0))
        #expect(canvas[3, 1].style == .point(positive: true, on: 8))
        #expect(Style.field(top: 2, bottom: 1).fieldLevels! == (2, 1))
        #expect(Style.field(top: 8, bottom: 7) == .field87 && Style.field(top: 9, bottom: -1) == .field80, "levels are clamped")
    }

    @Test func vReachesTheBoundaryForTwoInputsOnlyAndUpdateMakesIt() throws {
        var state = try makeState("circle", width: 120, height: 40)
        #expect(state.prepared(BoundaryView.self)?.field == nil)
        var seen: [ViewID] = []
        for _ in 0..<6 where state.view != .boundary {
            state.press(.character("v"))
            seen.append(state.view)
        }
        #expect(state.view == .boundary, "\(seen)")
        let field = try #require(state.prepared(BoundaryView.self)?.field)
        #expect(field.step == 0)
        state.press(.character("n"))
        #expect(state.prepared(BoundaryView.self)?.field?.step == 1)
        #expect(state.prepared(BoundaryView.self)?.field != field, "a new step's params make a new field")
        #expect(state.render().text.contains("decision boundary"))
        let linear = try makeState("linear")
        #expect(!linear.views.contains(.boundary))
    }

    /// Shrunk step by step, the boundary view stays chosen; its pane is drawn wherever there is room
    /// for it, and below the smallest screen the screen asks to be enlarged.
    @Test func boundaryViewSurvivesEverySize() throws {
        var state = try makeState("spiral", width: 160, height: 45)
        while state.view != .boundary { state.press(.character("v")) }
        for (w, h) in [(160, 45), (80, 24), (60, 16), (40, 12), (20, 5), (0, 0)] {
            _ = state.update(.resize(width: w, height: h))
            let canvas = state.render()
            #expect(canvas.width == w && canvas.height == h)
            #expect(state.view == .boundary, "\(w)×\(h): a resize keeps the view")
            if w >= 80 && h >= 24 {
                #expect(canvas.text.contains("decision boundary"), "\(w)×\(h)\n\(canvas.text)")
            } else if w > 0 && h > 0 && (w < AppState.minimumWidth || h < AppState.minimumHeight) {
                #expect(canvas.text.contains("Enlarge"), "\(w)×\(h)\n\(canvas.text)")
            }
        }
    }
}

/// The plot's title carries the accuracy of the last finished epoch, for classification only.
struct PlotAccuracyTests {
    @Test func thePlotSaysTheAccuracyBesideTheLoss() throws {
        var state = try makeState("gauss", width: 100, height: 30)
        #expect(state.render().text.contains("mean loss per epoch ──"), "no accuracy before an epoch is finished")
        state.press(.character("]"), .character("]"))
        let accuracy = try #require(state.timeline.epochAccuracies.dropFirst().first)
        #expect(state.render().text.contains("mean loss per epoch · accuracy \(AppState.percent(accuracy))"), "\(state.render().text)")
        #expect(AppState.percent(0.975) == "97.5%")
        #expect(AppState.percent(1) == "100%")
        let linear = try makeState("linear", width: 100, height: 30)
        #expect(!linear.render().text.contains("accuracy"))
    }
}

/// The sample view for image data: the step's first digit in shades, ten probability bars, the
/// true class marked; made in update once per step.
struct SamplePanelTests {
    @Test func theDigitsSampleShowsThePictureAndTheTenProbabilities() throws {
        var state = try makeState("digits", width: 120, height: 40)
        while state.view != .sample { state.press(.character("v")) }
        let picture = try #require(state.prepared(SampleView.self)?.picture)
        #expect(picture.side == 8 && picture.pixels.count == 64)
        #expect(picture.probabilities.count == 10)
        #expect(abs(picture.probabilities.reduce(0, +) - 1) < 1e-9)
        #expect(picture.label == 0, "the first image of the set is a 0")
        // One clock: at the step's first event forward has not computed y_pred, so no bars yet.
        let before = state.render().text
        #expect(before.contains("sample 0/299") && before.contains("not computed yet") && !before.contains("◀ true"), "\(before)")
        while state.prepared(SampleView.self)?.computed != true { state.press(.right) }
        #expect(state.event.phase == .forward, "y_pred's value arrives in forward")
        let text = state.render().text
        #expect(text.contains("◀ true") && !text.contains("not computed yet"), "\(text)")
        // The bars stay what this step's forward computed through the update (the params before it).
        let bars = try #require(state.prepared(SampleView.self)?.picture?.probabilities)
        // They are the record's: softmax of the first column of the logits cross_entropy read.
        let record = try state.timeline.record(ofStep: state.event.step)
        let logitsNode = try #require(record.nodes.firstIndex { $0.op == .crossEntropy }.map { record.nodes[$0].a })
        let cols = record.nodes[logitsNode].shape.cols
        let logits = (0..<10).map { record.value(logitsNode)[$0 * cols] }
        let exps = logits.map { Foundation.exp($0 - (logits.max() ?? 0)) }
        #expect(bars == exps.map { $0 / exps.reduce(0, +) })
        while state.event.phase != .update { state.press(.right) }
        state.press(.right)
        #expect(state.prepared(SampleView.self)?.picture?.probabilities == bars)
        state.press(.character("n"))
        #expect(state.prepared(SampleView.self)?.picture?.sample == 30, "the second step starts at sample 31")
        #expect(!(try makeState("circle")).views.contains(.sample))
    }

    @Test func barsFollowTheProbabilitiesAndMarkThePick() {
        let picture = SamplePicture(step: 0, sample: 0, pixels: [Double](repeating: 0, count: 16), side: 4,
                                    probabilities: [0.1, 0.7, 0.2], label: 2)
        var canvas = Canvas(width: 40, height: 4, fill: Cell("x"))
        SamplePanel(picture: picture, glyphs: .ascii).render(into: &canvas, rect: Rect(x: 0, y: 0, width: 40, height: 4))
        #expect(canvas.lines[0] == "        x0 ##               10.0%xxxxxxx", "\(canvas.lines)")
        #expect(canvas.lines[1] == "        x1 ###########      70.0%xxxxxxx")
        #expect(canvas.lines[2] == "        x2 ###              20.0% < true")
        #expect(picture.predicted == 1)
        #expect(canvas[11, 1].style == .bad, "the pick is wrong: red")
    }
}
