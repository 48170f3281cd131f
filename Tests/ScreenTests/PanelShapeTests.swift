import Scenario
import Testing
import TextCanvas
@testable import Screen

/// Every panel has one shape, `render(into:rect:)`, and keeps inside its rect at every size.
struct PanelShapeTests {
    func panels() throws -> [any Panel] {
        var state = try makeState("linear", width: 120, height: 40)
        state.press(.right, .right)
        let record = try #require(state.shown.record)
        let names = state.shown.names
        let scenario = state.timeline.scenario
        let inspector = InspectorPanel(record: record, event: state.event, names: names, lr: scenario.train.lr,
                                       optimizer: scenario.train.optimizer, template: state.timeline.template)
        let landscape = LandscapePanel.make(scenario: scenario, record: record, names: names)
        return [state.headerPanel, state.captionPanel, state.footerPanel, state.helpOverlay, inspector,
                LossPlot(values: [7.3, 1, 0.01], totalEpochs: 100, currentEpoch: 2), landscape,
                HeatMap(title: "W 2×2", values: [[1, -1], [0.5, 0]]), TranscriptPanel(lines: ["predict (before training) 4 4.0"])]
    }

    @Test func everyPanelStaysInsideItsRectAtEverySize() throws {
        for panel in try panels() {
            for width in [0, 1, 2, 3, 5, 8, 13, 21, 34] {
                for height in [0, 1, 2, 3, 5, 8, 13] {
                    var canvas = Canvas(width: width + 4, height: height + 4, fill: Cell("x"))
                    let rect = Rect(x: 2, y: 2, width: width, height: height)
                    panel.render(into: &canvas, rect: rect, glyphs: .ascii)
                    for y in 0..<canvas.height {
                        for x in 0..<canvas.width where !rect.contains(x: x, y: y) {
                            #expect(canvas[x, y].character == "x", "\(type(of: panel)) drew outside \(width)×\(height) at \(x),\(y)")
                        }
                    }
                }
            }
        }
    }
}
