import Scenario
import Testing
import TextCanvas
@testable import Screen

/// The lecture's scalar graphs show whole, every box with its numbers, at 80×24, and the view
/// never moves while they do: a class reads the whole chain at once.
@Suite struct WholeGraphTests {
    /// The problems with the graph on this screen: a cut view, a box not drawn whole, a box
    /// without its value line. Empty when every box shows whole with its numbers.
    static func problems(_ state: TestScreen) -> [String] {
        guard let (panel, rect) = state.graphGeometry else { return ["no graph on screen"] }
        let view = panel.viewport(in: rect)
        var found: [String] = []
        if view.isClipped { found.append("the graph is cut (\(panel.layout.width)×\(panel.layout.height) in \(rect.width)×\(rect.height))") }
        let canvas = state.render()
        let glyphs = Glyphs.unicode
        for box in panel.layout.boxes {
            let r = Rect(x: box.rect.x + view.originX, y: box.rect.y + view.originY, width: box.rect.width, height: box.rect.height)
            guard r.intersection(view.area) == r else {
                found.append("box \(box.id) at \(r) is outside \(view.area)")
                continue
            }
            if panel.layout.flat {
                // A one-row node: `[× z2 = 1.0   ]`, its value after the title.
                let line = String((r.x..<r.maxX).map { canvas[$0, r.y].character })
                if !line.hasPrefix("[") || !(line.contains(" = ") || line.contains(" ∂ ")) {
                    found.append("node \(box.id) shows `\(line)`, not its value or gradient")
                }
                continue
            }
            let corners = [canvas[r.x, r.y].character, canvas[r.maxX - 1, r.y].character,
                           canvas[r.x, r.maxY - 1].character, canvas[r.maxX - 1, r.maxY - 1].character]
            if corners != [glyphs.topLeft, glyphs.topRight, glyphs.bottomLeft, glyphs.bottomRight] {
                found.append("box \(box.id) at \(r) has corners \(corners)")
            }
            // The first line under the title (or under the border holding it) is the value: `= 1.0`, `= ?`.
            let row = r.y + 1 + panel.layout.titleRows
            let line = String((r.x + 2..<r.maxX - 2).map { canvas[$0, row].character })
            if !line.hasPrefix("= ") { found.append("box \(box.id) shows `\(line)` where its value goes") }
        }
        let text = canvas.text
        if text.contains("more ▶") || text.contains("◀ more") || text.contains("▼ more") || text.contains("▲ more") {
            found.append("a `more` hint shows")
        }
        return found
    }

    /// Every scalar scenario; quadratic and two-paths start zoomed out, in one-row nodes with their values.
    @Test(arguments: ["linear", "chain-rule", "diverge", "linear-bias", "quadratic", "two-paths"])
    func everyEventShowsTheWholeGraphWithItsNumbersAt80x24(_ name: String) throws {
        var state = try makeState(name, width: 80, height: 24)
        let (first, rect) = try #require(state.graphGeometry)
        let origin = (first.viewport(in: rect).originX, first.viewport(in: rect).originY)
        // Every event of the first epoch (every sample), then the keys that jump.
        let events = state.timeline.eventsPerStep * min(3, state.timeline.stepsPerEpoch)
        let keys = Array(repeating: Key.right, count: events) + [.left, .character("n"), .character("]"), .character("G"), .character("g")]
        for key in [nil] + keys.map(Optional.some) {
            if let key { state.press(key) }
            #expect(Self.problems(state).isEmpty, "\(name) at event \(state.cursor): \(Self.problems(state))\n\(state.screenText)")
            let (panel, _) = try #require(state.graphGeometry)
            let view = panel.viewport(in: rect)
            #expect((view.originX, view.originY) == origin, "\(name): the graph moved at event \(state.cursor)")
        }
    }

    /// two-paths at 80×24 starts in one-row nodes; in backward they write the gradient that
    /// has arrived (`∂ …`, `grad …`), the sum over paths being the lesson.
    @Test func oneRowNodesWriteTheGradientInBackward() throws {
        var state = try makeState("two-paths", width: 80, height: 24)
        #expect(try #require(state.graphGeometry).panel.layout.flat)
        while state.event.phase != .update { state.press(.right) }
        state.press(.left)
        let graph = state.screenText.split(separator: "\n").prefix { !$0.hasPrefix("┌ inspector") }.joined(separator: "\n")
        #expect(graph.contains("[w ∂ "), "\(graph)")
        #expect(graph.contains(" ∂ "), "\(graph)")
        state.press(.right)
        let update = state.screenText.split(separator: "\n").prefix { !$0.hasPrefix("┌ inspector") }.joined(separator: "\n")
        #expect(update.contains("[w = "), "the update writes the value: \(update)")
    }

    @Test func theLecturesFirstIdeaShowsTheWholeGraphAt80x24() throws {
        var state = try LectureStopTests().opened(0, width: 80, height: 24)
        for _ in 0..<state.timeline.eventsPerStep {
            #expect(Self.problems(state).isEmpty, "lecture idea 1 at event \(state.cursor): \(Self.problems(state))\n\(state.screenText)")
            state.press(.right)
        }
    }

    /// collapse at 160×45 shows whole with its numbers (dense boxes kept within the panel's rows).
    @Test func collapseShowsWholeWithItsNumbersAt160x45() throws {
        var state = try makeState("collapse", width: 160, height: 45)
        for _ in 0..<20 { state.press(.right) }
        #expect(Self.problems(state).isEmpty, "\(Self.problems(state))\n\(state.screenText)")
    }

    /// Dense boxes carry their title in the top border: `┌ × y_pred ─┐`, and the numbers below it.
    @Test func denseBoxesWriteTheTitleInTheBorder() throws {
        var state = try makeState("linear", width: 80, height: 24)
        let (panel, _) = try #require(state.graphGeometry)
        #expect(panel.layout.dense, "linear does not fit at 80×24 with a title row: the boxes are dense")
        while state.event.phase != .backward { state.press(.right) }
        state.press(.right, .right)
        let text = state.screenText
        for title in ["┌ x ─", "┌ w ─", "┌ × y_pred ─", "┌ - z1 ─", "┌ ^2 loss ─", "┌ y ─"] {
            #expect(text.contains(title), "\(title)\n\(text)")
        }
        #expect(text.contains("│ ∂ 1.0 "), "the loss's gradient shows\n\(text)")
        // A graph that fits with a title row keeps it (the larger screens do not change).
        let large = try makeState("linear", width: 120, height: 40)
        #expect(try #require(large.graphGeometry).panel.layout.dense == false)
    }
}
