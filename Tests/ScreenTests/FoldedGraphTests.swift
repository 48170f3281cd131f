import Scenario
import Testing
import TextCanvas
@testable import Screen

/// Graphs too wide for the panel fold: their layers are cut into bands stacked down the panel, an
/// arrow between bands ends at `──▶ h` and starts again at `h ──▶`, and arrows still never cross
/// from band to band, enter a box or share a segment.
@Suite struct FoldedGraphTests {
    /// A folded layout of a random graph, when the graph does fold at that width.
    static func folded(_ seed: UInt64, nodes: Int = 30, width: Int = 60) -> GraphLayout? {
        GraphLayout(folding: GraphFixtures.randomDAG(nodes: nodes, seed: seed), width: width, maxBoxWidth: 12)
    }

    @Test func foldedBandsKeepEveryArrowInsideItsBandAndOutOfEveryBox() {
        var folds = 0
        for seed in UInt64(1)...60 {
            guard let layout = Self.folded(seed) else { continue }
            folds += 1
            #expect(layout.bandTops.count > 1 && layout.width <= 60, "seed \(seed)")
            let bands = zip(layout.bandTops, layout.bandTops.dropFirst().map { $0 - GraphLayout.bandGap } + [layout.height])
            func band(of y: Int) -> Int? { bands.enumerated().first { y >= $0.element.0 && y < $0.element.1 }?.offset }
            let rects = layout.boxes.map(\.rect)
            for (i, a) in rects.enumerated() {
                #expect(a.x >= 0 && a.y >= 0 && a.maxX <= layout.width && a.maxY <= layout.height, "seed \(seed): \(a) outside")
                #expect(band(of: a.y) != nil && band(of: a.y) == band(of: a.maxY - 1), "seed \(seed): \(a) across bands")
                for b in rects[(i + 1)...] { #expect(a.intersection(b).isEmpty, "seed \(seed): \(a) overlaps \(b)") }
            }
            var owner: [Int: Int] = [:]
            for route in layout.routes {
                let cells = GraphFixtures.cells(of: route)
                let home = cells.first.flatMap { band(of: $0.y) }
                for cell in cells {
                    #expect(band(of: cell.y) == home, "seed \(seed): arrow \(route.from)→\(route.to) leaves its band at \(cell)")
                    #expect(!rects.contains { $0.contains(x: cell.x, y: cell.y) }, "seed \(seed): arrow enters a box at \(cell)")
                }
                for (a, b) in zip(cells, cells.dropFirst()) where a != b {
                    let key = (min(a.x, b.x) * 100_000 + min(a.y, b.y)) * 2 + (a.y == b.y ? 0 : 1)
                    if let other = owner[key] { #expect(other == route.from, "seed \(seed): arrows share \(a)–\(b)") }
                    owner[key] = route.from
                }
            }
        }
        #expect(folds > 30, "most of these graphs are too wide for 60 columns and fold")
    }

    /// Every arrow of the picture is drawn: within a band as a route to its target, or cut, as a
    /// route to a `▶ h` connector in the source's band and one from an `h` stub to the target.
    @Test func everyCutArrowEndsAtAConnectorAndStartsAgainAtAStub() {
        for seed in UInt64(1)...40 {
            let picture = GraphFixtures.randomDAG(nodes: 30, seed: seed)
            guard let layout = GraphLayout(folding: picture, width: 60, maxBoxWidth: 12) else { continue }
            let unfolded = GraphLayout(picture, maxBoxWidth: 12)
            for route in unfolded.routes {
                let drawn = layout.routes.filter { $0.edge == route.edge || $0.alsoCarries.contains(route.edge) }
                let whole = drawn.filter { !$0.fromConnector && $0.points.last?.x == (layout.placement(of: route.to)?.rect.x ?? 0) - 1
                    && $0.points.last.map { p in layout.placement(of: route.to)?.rect.contains(x: p.x + 1, y: p.y) ?? false } == true }
                if whole.isEmpty {
                    let ends = layout.connectors.filter { !$0.incoming && $0.node == route.from && $0.edges.contains(route.edge) }
                    let stubs = layout.connectors.filter { $0.incoming && $0.node == route.from && $0.edges == [route.edge] }
                    #expect(ends.count == 1 && stubs.count == 1, "seed \(seed): arrow \(route.from)→\(route.to) is lost")
                    #expect(stubs.first.map { $0.at.y } ?? 0 > ends.first.map { $0.at.y } ?? 0, "seed \(seed): its stub is not below")
                    #expect(drawn.contains { $0.fromConnector }, "seed \(seed): no arrow from the stub")
                }
            }
        }
    }

    @Test func aGraphThatFitsIsNotFolded() {
        let picture = GraphFixtures.randomDAG(nodes: 8, seed: 3)
        let unfolded = GraphLayout(picture, maxBoxWidth: 12)
        #expect(GraphLayout(folding: picture, width: unfolded.width, maxBoxWidth: 12) == nil)
        #expect(GraphFit.layout(of: picture, width: unfolded.width + 10, height: unfolded.height + 10).bandTops.isEmpty)
    }

    /// activation at 120×40 shows every box whole with its numbers: folded in two bands (it was
    /// cut, `more ▶`, without folding).
    @Test func activationShowsWholeWithItsNumbersAt120x40() throws {
        var state = try makeState("activation", width: 120, height: 40)
        let (panel, rect) = try #require(state.graphGeometry)
        #expect(panel.layout.bandTops.count > 1)
        let unfolded = GraphFit.layout(of: state.model.layoutTemplate, width: rect.width, height: rect.height, folding: false)
        #expect(unfolded.width > rect.width || unfolded.height > rect.height, "without folding activation does not fit")
        let origin = (panel.viewport(in: rect).originX, panel.viewport(in: rect).originY)
        for event in 0..<state.timeline.eventsPerStep {
            // Before forward reaches it, a tensor's box shows its shape (`1×8`) where its value goes.
            let problems = WholeGraphTests.problems(state).filter { !$0.hasSuffix("where its value goes") }
            #expect(problems.isEmpty, "event \(state.cursor): \(problems)\n\(state.screenText)")
            let (now, _) = try #require(state.graphGeometry)
            #expect((now.viewport(in: rect).originX, now.viewport(in: rect).originY) == origin, "the graph moved at \(state.cursor)")
            if event + 1 < state.timeline.eventsPerStep { state.press(.right) }
        }
        // At the step's end every box has its value.
        #expect(WholeGraphTests.problems(state).isEmpty, "\(WholeGraphTests.problems(state))\n\(state.screenText)")
        let text = state.screenText
        let cut = try #require(panel.layout.connectors.first { !$0.incoming }).text
        #expect(text.contains("──▶ \(cut)") && text.contains("\(cut) ──"), "the cut arrow's two ends\n\(text)")
    }
}
