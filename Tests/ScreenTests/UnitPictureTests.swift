import Foundation
import Scenario
import Testing
import TextCanvas
@testable import Screen

/// The neuron view's unit pictures: for a network of two inputs, each unit after the inputs
/// carries its output over the plane (the output's is the boundary), with the params as they are
/// at the event; `u` or a click shows one large beside the net with the data.
struct UnitPictureTests {
    func neurons(_ name: String, width: Int = 120, height: Int = 40, options: AppOptions = AppOptions()) throws -> TestScreen {
        var state = try makeState(name, width: width, height: height, options: options)
        while state.view != .neurons { state.press(.character("v")) }
        return state
    }

    func view(_ state: TestScreen) throws -> NeuronView {
        try #require(state.prepared(NeuronView.self))
    }

    /// circle's hidden unit j at a grid point is tanh(W1[j]·p + b1[j]) on Playground's −1…1 scale;
    /// the output's picture is the decision boundary's field.
    @Test func eachPictureIsItsUnitsOutputOverThePlane() throws {
        let state = try neurons("circle")
        let v = try view(state)
        let hidden = try #require(v.unitPictures[1])
        #expect(hidden.count == 4)
        let record = try state.timeline.record(ofStep: 0)
        let W1 = record.paramsBefore[0], b1 = record.paramsBefore[1]
        for (j, field) in hidden.enumerated() {
            for (c, r) in [(0, 0), (field.columns - 1, field.rows - 1), (field.columns / 2, 1)] {
                let x1 = field.x1.lowerBound + (Double(c) + 0.5) / Double(field.columns) * (field.x1.upperBound - field.x1.lowerBound)
                let x2 = field.x2.upperBound - (Double(r) + 0.5) / Double(field.rows) * (field.x2.upperBound - field.x2.lowerBound)
                let h = Foundation.tanh(W1[2 * j] * x1 + W1[2 * j + 1] * x2 + b1[j])
                #expect(abs(field.values[r * field.columns + c] - (0.5 + 0.5 * h)) < 1e-5, "unit \(j) at (\(c), \(r))")
            }
        }
        let output = try #require(v.unitPictures[2]?.first)
        let boundary = try #require(try DecisionField.make(scenario: state.timeline.scenario, params: record.paramsBefore, step: 0,
                                                            columns: output.columns, rows: output.rows,
                                                            rowAspect: 1))  // half blocks: square cells as on the screen
        #expect(output.values == boundary.values, "the output unit's picture is the boundary")
    }

    /// The one clock: until the update the pictures show the step's params; from the update on, the updated ones.
    @Test func picturesShowTheParamsAsTheyAreAtTheEvent() throws {
        var state = try neurons("xor")
        let before = try #require(try view(state).unitPictures[2]?.first)
        let firstUpdate = try #require(state.timeline.template.firstIndex { $0.phase == .update })
        state.seek(to: firstUpdate - 1)
        #expect(try view(state).unitPictures[2]?.first == before, "backward changes no param")
        let update = try #require(state.timeline.template.lastIndex { $0.phase == .update })
        state.seek(to: update)
        let after = try #require(try view(state).unitPictures[2]?.first)
        #expect(after != before)
        let record = try state.timeline.record(ofStep: 0)
        let expected = try #require(try DecisionField.make(scenario: state.timeline.scenario, params: record.paramsAfter, step: 0,
                                                            columns: after.columns, rows: after.rows))
        #expect(after.values == expected.values, "every param updated: the picture is the updated model's boundary")
    }

    /// Half blocks in colour; shade characters in ASCII and mono.
    @Test(arguments: ["xor", "circle", "spiral"])
    func picturesAt80x24And120x40(_ name: String) throws {
        for (w, h) in [(80, 24), (120, 40)] {
            let colour = try neurons(name, width: w, height: h)
            let net = try #require(colour.neuronNet)
            let rect = try #require(colour.neuronGeometry?.rect)
            let cells = try #require(NeuronPanel.pictureCells(columns: net.layers.map(\.units), in: rect), "\(name) \(w)×\(h)")
            let text = colour.screenText
            // Units that do not fit (spiral's 8 in 80×24's few rows) share the last row: count places.
            let (panel, _) = try #require(colour.neuronGeometry)
            let units = Set(panel.positions(in: rect).dropFirst().joined().map { "\($0.x),\($0.y)" }).count
            let blocks = text.filter { $0 == "▀" }.count
            #expect(blocks >= units * cells.width * cells.height, "\(name) \(w)×\(h): a picture for each of \(units) units\n\(text)")
            let ascii = try neurons(name, width: w, height: h, options: AppOptions(glyphs: .ascii))
            let plain = ascii.screenText
            // `?` only where a value is not computed yet, as on the Unicode screen.
            #expect(plain.unicodeScalars.allSatisfy(\.isASCII) && plain.filter { $0 == "?" }.count == text.filter { $0 == "?" }.count,
                    "\(name) \(w)×\(h)\n\(plain)")
            var mono = AppOptions()
            mono.colour = false
            let shapes = try neurons(name, width: w, height: h, options: mono).screenText
            #expect(!shapes.contains("▀"), "no half blocks without colour")
            #expect(shapes.contains { "·░▒▓".contains($0) }, "\(name) \(w)×\(h): shades\n\(shapes)")
        }
    }

    @Test func uPicksEachUnitInTurnAndShowsItLargeWithTheData() throws {
        var state = try neurons("circle")
        #expect(state.pickedUnit == nil)
        state.press(.character("u"))
        #expect(state.pickedUnit == UnitChoice(layer: 1, unit: 0))
        var text = state.screenText
        #expect(text.contains("h[0] over the plane · -1 orange … 1 blue"), "\(text)")
        #expect(text.contains("<"), "the picked unit is marked")
        let large = try #require(try view(state).large)
        #expect(large.points.count == 200, "the data on top")
        let small = try #require(try view(state).unitPictures[1]?.first)
        #expect(large.columns > small.columns, "large")
        for _ in 0..<4 { state.press(.character("u")) }
        #expect(state.pickedUnit == UnitChoice(layer: 2, unit: 0))
        text = state.screenText
        #expect(text.contains("y_pred (the boundary)"), "\(text)")
        let output = try #require(try view(state).large)
        let params = try state.timeline.record(ofStep: 0).paramsBefore
        let boundary = try #require(try DecisionField.make(scenario: state.timeline.scenario, params: params, step: 0,
                                                            columns: output.columns, rows: output.rows,
                                                            rowAspect: 1))  // half blocks: square cells as on the screen
        #expect(output.values == boundary.values, "the output's large picture is the decision boundary")
        state.press(.character("u"))
        #expect(state.pickedUnit == nil, "after the last unit: none")
        var linear = try makeState("linear")
        linear.press(.character("u"))
        #expect(linear.notice?.contains("two inputs") == true)
    }

    @Test func aClickOnAUnitPicksItAndASecondPutsItAway() throws {
        var state = try neurons("xor")
        let (panel, rect) = try #require(state.neuronGeometry)
        let unit = panel.positions(in: rect)[1][1]
        #expect(state.update(.mouse(MouseEvent(.left, x: unit.x + 1, y: unit.y))) == .idle)
        #expect(state.pickedUnit == UnitChoice(layer: 1, unit: 1))
        #expect(state.screenText.contains("h[1] over the plane"))
        // The net is narrower now: the unit is elsewhere.
        let (again, againRect) = try #require(state.neuronGeometry)
        let moved = again.positions(in: againRect)[1][1]
        #expect(state.update(.mouse(MouseEvent(.left, x: moved.x + 1, y: moved.y))) == .idle)
        #expect(state.pickedUnit == nil)
    }

    @Test func unitPicturesSurviveEverySize() throws {
        var state = try neurons("spiral", width: 160, height: 45)
        state.press(.character("u"))
        for (w, h) in [(160, 45), (120, 40), (80, 24), (60, 16), (40, 12), (20, 5), (0, 0)] {
            _ = state.update(.resize(width: w, height: h))
            _ = state.render()
        }
    }
}
