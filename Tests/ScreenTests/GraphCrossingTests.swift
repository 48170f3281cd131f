import Scenario
import Testing
import TextCanvas
@testable import Screen

/// Edges never merge: no two arrows run along the same cells, not even two from one source (a
/// fork drawn as one line splitting would say nothing of where each goes), and where two share a
/// cell, both pass straight through it at right angles: a crossing, drawn as a crossing.
struct GraphCrossingTests {
    /// Per cell, the directions each route takes through it (1 left, 2 right, 4 up, 8 down).
    static func problems(_ layout: GraphLayout) -> [String] {
        var through: [Int: [(route: Int, bits: UInt8)]] = [:]
        for (r, route) in layout.routes.enumerated() {
            var bits: [Int: UInt8] = [:]
            for (a, b) in zip(route.points, route.points.dropFirst()) {
                let cells = GraphFixtures.cells(of: GraphLayout.Route(edge: 0, from: 0, to: 0, points: [a, b]))
                for (p, q) in zip(cells, cells.dropFirst()) {
                    let (kp, kq) = (p.y * 100_000 + p.x, q.y * 100_000 + q.x)
                    if p.y == q.y {
                        bits[kp, default: 0] |= p.x < q.x ? 2 : 1
                        bits[kq, default: 0] |= p.x < q.x ? 1 : 2
                    } else {
                        bits[kp, default: 0] |= p.y < q.y ? 8 : 4
                        bits[kq, default: 0] |= p.y < q.y ? 4 : 8
                    }
                }
            }
            for (cell, b) in bits { through[cell, default: []].append((r, b)) }
        }
        var found: [String] = []
        for (cell, routes) in through where routes.count > 1 {
            let straight = routes.allSatisfy { $0.bits == 3 || $0.bits == 12 }
            let oneEach = routes.count == 2 && Set(routes.map(\.bits)) == [3, 12]
            if !(straight && oneEach) {
                let names = routes.map { "\(layout.routes[$0.route].from)→\(layout.routes[$0.route].to)" }
                found.append("(\(cell % 100_000),\(cell / 100_000)): \(names.joined(separator: ", "))")
            }
        }
        return found
    }

    @Test func randomGraphsCrossButNeverMerge() {
        for seed in UInt64(1)...300 {
            let layout = GraphLayout(GraphFixtures.randomDAG(nodes: Int(seed % 40) + 2, seed: seed))
            let found = Self.problems(layout)
            #expect(found.isEmpty, "seed \(seed): \(found.prefix(3))")
            if !found.isEmpty { return }
        }
    }

    @Test(arguments: Builtins.names)
    func everyShippedGraphCrossesButNeverMerges(_ name: String) throws {
        for (width, height) in [(80, 24), (120, 40), (160, 45), (200, 60)] {
            var state = try makeState(name, width: width, height: height)
            for _ in 0..<2 {
                if let (panel, _) = state.graphGeometry {
                    let found = Self.problems(panel.layout)
                    #expect(found.isEmpty, "\(name) at \(width)×\(height) \(state.camera.zoom): \(found.prefix(3))")
                }
                state.press(.character("f"))
            }
        }
    }

    @Test func xorsLabelFeedsItsTwoConsumersOnTwoLines() throws {
        // y feeds z6 (y · log ŷ) and z7 (1 − y): two arrows from two rows of y's box.
        var state = try makeState("xor", width: 160, height: 45)
        state.press(.character("f"))
        let (panel, _) = try #require(state.graphGeometry)
        let names = NodeNames(state.timeline.firstStep)
        let y = try #require((0..<state.timeline.firstStep.nodes.count).first { names[$0] == "y" })
        let exits = panel.layout.routes.filter { $0.from == y }.compactMap(\.points.first)
        #expect(exits.count == 2)
        #expect(Set(exits.map(\.y)).count == 2, "each arrow leaves y on a row of its own: \(exits)")
    }
}
