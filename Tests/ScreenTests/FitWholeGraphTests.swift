import Scenario
import Testing
import TextCanvas
@testable import Screen

/// `f` fits every shipped graph whole at 80×24: no `more` hint, every node by its name in its own
/// box, the active node among them, and the graph still as the cursor moves; the scalar lessons
/// show every node with its value, zoomed in or after `f`.
@Suite struct FitWholeGraphTests {
    static let scalarScenarios = ["linear", "linear-bias", "quadratic", "chain-rule", "diverge", "two-paths"]

    /// Each box's text on screen (its rows, left to right), with the node it stands for.
    static func boxTexts(_ state: TestScreen) throws -> [(box: GraphBox, text: String)] {
        let (panel, rect) = try #require(state.graphGeometry)
        let view = panel.viewport(in: rect)
        let canvas = state.render()
        let picture = try #require(state.shown.graph?.picture)
        return panel.layout.boxes.compactMap { placement in
            guard let box = picture.nodes.first(where: { $0.id == placement.id }) else { return nil }
            let r = Rect(x: placement.rect.x + view.originX, y: placement.rect.y + view.originY,
                         width: placement.rect.width, height: placement.rect.height)
            let rows = (r.y..<r.maxY).map { y in String((r.x..<r.maxX).map { canvas[$0, y].character }) }
            return (box, rows.joined(separator: "\n"))
        }
    }

    /// What is wrong with the graph on screen now: a `more` hint, a cut view, a box not whole in
    /// the view, a box without its node's name, the active node out of view.
    static func problems(_ state: TestScreen) throws -> [String] {
        let (panel, rect) = try #require(state.graphGeometry)
        let view = panel.viewport(in: rect)
        var found: [String] = []
        let graphRows = state.screenText.split(separator: "\n").dropFirst().prefix(rect.maxY)
        if graphRows.contains(where: { $0.contains("more ▶") || $0.contains("◀ more") || $0.contains("▼ more") || $0.contains("▲ more") }) {
            found.append("a `more` hint shows")
        }
        if view.isClipped { found.append("the graph is cut (\(panel.layout.width)×\(panel.layout.height) in \(rect.width)×\(rect.height))") }
        for placement in panel.layout.boxes {
            let r = Rect(x: placement.rect.x + view.originX, y: placement.rect.y + view.originY,
                         width: placement.rect.width, height: placement.rect.height)
            if r.intersection(view.area) != r { found.append("box \(placement.id) is not whole in the view") }
        }
        for (box, text) in try boxTexts(state) where !text.contains(box.name) {
            found.append("\(box.name)'s box shows `\(text)`")
        }
        if panel.layout.placement(of: state.event.node) == nil { found.append("the active node has no box") }
        return found
    }

    /// The screen at 80×24 (or `size`) with `f` pressed when the graph does not fit as it is.
    static func fitted(_ name: String, width: Int = 80, height: Int = 24) throws -> TestScreen {
        var state = try makeState(name, width: width, height: height)
        state.press(.right, .right)
        if let (panel, rect) = state.graphGeometry, panel.viewport(in: rect).isClipped { state.press(.character("f")) }
        return state
    }

    @Test(arguments: Builtins.names)
    func fShowsEveryShippedGraphWholeAt80x24(_ name: String) throws {
        var state = try Self.fitted(name)
        let (first, rect) = try #require(state.graphGeometry)
        let origin = (first.viewport(in: rect).originX, first.viewport(in: rect).originY)
        for _ in 0..<state.timeline.eventsPerStep {
            let problems = try Self.problems(state)
            #expect(problems.isEmpty, "\(name) at event \(state.cursor): \(problems)\n\(state.screenText)")
            let (panel, _) = try #require(state.graphGeometry)
            let view = panel.viewport(in: rect)
            #expect((view.originX, view.originY) == origin, "\(name): the graph moved at event \(state.cursor)")
            state.press(.right)
        }
    }

    /// `f` again gives the inspector and the plot their rows back, and the boxes their numbers.
    @Test func fAgainBringsThePanelsBack() throws {
        var state = try makeState("xor", width: 80, height: 24)
        let before = try #require(state.visibleBodyAreas)
        state.press(.character("f"))
        let zoomed = try #require(state.visibleBodyAreas)
        #expect(zoomed.graph.height > before.graph.height, "xor takes rows to show whole")
        #expect(zoomed.inspector.height >= AppState.rowsBelowZoomedOutGraph)
        #expect(zoomed.inspector.maxY == before.inspector.maxY && zoomed.plot?.maxY == before.plot?.maxY)
        state.press(.character("f"))
        let after = try #require(state.visibleBodyAreas)
        #expect(after.graph == before.graph && after.inspector == before.inspector && after.plot == before.plot)
        // deep193 shows whole in the rows it has: nothing else gives any up.
        var deep = try makeState("deep193", width: 80, height: 24)
        let deepBefore = try #require(deep.visibleBodyAreas)
        deep.press(.character("f"))
        #expect(try #require(deep.visibleBodyAreas).inspector == deepBefore.inspector)
        #expect(try Self.problems(deep).isEmpty)
    }

    @Test(arguments: scalarScenarios)
    func scalarGraphsShowEveryNodeWithItsValueAt80x24(_ name: String) throws {
        var state = try Self.fitted(name)
        for _ in 0..<state.timeline.eventsPerStep {
            #expect(try Self.problems(state).isEmpty, "\(name) at event \(state.cursor)\n\(state.screenText)")
            for (box, text) in try Self.boxTexts(state) {
                // Its value, or in backward the gradient that has arrived (`∂ 2.0`).
                #expect(text.contains("= ") || text.contains(" ∂ "),
                        "\(name) at event \(state.cursor): \(box.name) shows no number: `\(text)`\n\(state.screenText)")
            }
            state.press(.right)
        }
    }

    @Test func l1l2FitsWholeAt120x40() throws {
        let state = try Self.fitted("l1-l2", width: 120, height: 40)
        #expect(try Self.problems(state).isEmpty, "\(state.screenText)")
    }

    /// Cells where two arrows run the same way (a shared segment, a tee): empty when arrows only ever cross.
    static func merges(_ layout: GraphLayout) -> [String] {
        var bits: [String: [(route: Int, bits: UInt8)]] = [:]
        for (r, route) in layout.routes.enumerated() {
            var mine: [String: UInt8] = [:]
            for (a, b) in zip(route.points, route.points.dropFirst()) {
                if a.y == b.y {
                    let from = min(a.x, b.x), to = max(a.x, b.x)
                    for x in from...to { mine["\(x),\(a.y)", default: 0] |= (x > from ? 1 : 0) | (x < to ? 2 : 0) }
                } else {
                    let from = min(a.y, b.y), to = max(a.y, b.y)
                    for y in from...to { mine["\(a.x),\(y)", default: 0] |= (y > from ? 4 : 0) | (y < to ? 8 : 0) }
                }
            }
            for (cell, b) in mine { bits[cell, default: []].append((r, b)) }
        }
        return bits.compactMap { cell, uses in
            for i in uses.indices { for j in uses.indices where j > i && uses[i].bits & uses[j].bits != 0 { return cell } }
            return nil
        }.sorted()
    }

    /// Arrows never merge, zoomed out at 80×24: a crossing is a crossing, never a shared segment.
    @Test(arguments: Builtins.names)
    func arrowsOnlyEverCrossAt80x24(_ name: String) throws {
        let state = try Self.fitted(name)
        let (panel, _) = try #require(state.graphGeometry)
        #expect(Self.merges(panel.layout).isEmpty, "\(name): arrows share \(Self.merges(panel.layout))\n\(state.screenText)")
    }

    @Test func theMergeCheckTellsASharedSegmentFromACrossing() {
        var layout = GraphLayout(GraphPicture())
        layout.routes = [GraphLayout.Route(edge: 0, from: 0, to: 1, points: [GraphPoint(x: 0, y: 0), GraphPoint(x: 5, y: 0)]),
                         GraphLayout.Route(edge: 1, from: 2, to: 3, points: [GraphPoint(x: 2, y: -2), GraphPoint(x: 2, y: 2)])]
        #expect(Self.merges(layout).isEmpty, "a crossing")
        layout.routes.append(GraphLayout.Route(edge: 2, from: 4, to: 1, points: [GraphPoint(x: 3, y: 3), GraphPoint(x: 3, y: 0), GraphPoint(x: 5, y: 0)]))
        #expect(Self.merges(layout) == ["3,0", "4,0", "5,0"], "a shared segment")
    }

    @Test func deep193ZoomedOutAt80x24HasOneRowNodes() throws {
        let state = try Self.fitted("deep193")
        let (panel, _) = try #require(state.graphGeometry)
        #expect(panel.layout.flat)
        let text = state.screenText
        #expect(text.contains("[MM z1]") && text.contains("[σ h1]") && text.contains("[mean loss]"), "\(text)")
    }
}
