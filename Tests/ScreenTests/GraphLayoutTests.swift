import Testing
import TextCanvas
import Scenario
@testable import Screen

/// Pictures the graph tests share: the lecture's linear model, a 2-layer MLP, seeded random DAGs.
enum GraphFixtures {
    /// x, w → mul → sub (y) → pow → loss, as the lecture draws it.
    static let linear = GraphPicture(nodes: [
        GraphBox(id: 0, title: "x", lines: ["2.0"], kind: .input),
        GraphBox(id: 1, title: "w", lines: ["1.0"], kind: .param),
        GraphBox(id: 2, title: "y", lines: ["4.0"], kind: .input),
        GraphBox(id: 3, title: "mul", lines: ["z = x·w = 2.0"]),
        GraphBox(id: 4, title: "sub", lines: ["z - y = -2.0"]),
        GraphBox(id: 5, title: "pow ^2", lines: ["4.0"]),
        GraphBox(id: 6, title: "loss", lines: ["4.0"], kind: .loss),
    ], edges: [
        GraphArrow(from: 0, to: 3), GraphArrow(from: 1, to: 3),
        GraphArrow(from: 3, to: 4), GraphArrow(from: 2, to: 4),
        GraphArrow(from: 4, to: 5), GraphArrow(from: 5, to: 6),
    ])

    /// W1, x → MM → ADD b1 → sigmoid → MM W2 → ADD b2 → sub y → pow → mean.
    static let mlp = GraphPicture(nodes: [
        GraphBox(id: 0, title: "W1", lines: ["2×3", "[0.12 -0.4 …]"], kind: .param),
        GraphBox(id: 1, title: "x", lines: ["4×2", "[0 0] [0 1] …"], kind: .input),
        GraphBox(id: 2, title: "b1", lines: ["1×3", "[0 0 0]"], kind: .param),
        GraphBox(id: 3, title: "W2", lines: ["3×1", "[0.3 -0.2 …]"], kind: .param),
        GraphBox(id: 4, title: "b2", lines: ["1×1", "[0]"], kind: .param),
        GraphBox(id: 5, title: "y", lines: ["4×1", "[0 1 1 0]"], kind: .input),
        GraphBox(id: 6, title: "MM", lines: ["4×3", "[0 0.12 …]"]),
        GraphBox(id: 7, title: "ADD", lines: ["4×3", "[0 0.12 …]"]),
        GraphBox(id: 8, title: "sigmoid", lines: ["4×3", "[0.5 0.53 …]"]),
        GraphBox(id: 9, title: "MM", lines: ["4×1", "[0.21 0.3 …]"]),
        GraphBox(id: 10, title: "ADD", lines: ["4×1", "[0.21 0.3 …]"]),
        GraphBox(id: 11, title: "sub", lines: ["4×1", "[0.21 -0.7 …]"]),
        GraphBox(id: 12, title: "pow ^2", lines: ["4×1", "[0.04 0.49 …]"]),
        GraphBox(id: 13, title: "mean", lines: ["0.26"], kind: .loss),
    ], edges: [
        GraphArrow(from: 0, to: 6), GraphArrow(from: 1, to: 6),
        GraphArrow(from: 6, to: 7), GraphArrow(from: 2, to: 7),
        GraphArrow(from: 7, to: 8),
        GraphArrow(from: 8, to: 9), GraphArrow(from: 3, to: 9),
        GraphArrow(from: 9, to: 10), GraphArrow(from: 4, to: 10),
        GraphArrow(from: 10, to: 11), GraphArrow(from: 5, to: 11),
        GraphArrow(from: 11, to: 12), GraphArrow(from: 12, to: 13),
    ])

    /// SplitMix64: a seeded generator, so random graphs are the same on every run.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A tape-shaped DAG: sources first, then ops reading 1–3 earlier nodes (mostly recent ones,
    /// sometimes a source far back), the last op the loss; ids are sparse on purpose.
    static func randomDAG(nodes count: Int, seed: UInt64, locality: Int = 8) -> GraphPicture {
        var rng = SeededGenerator(state: seed)
        let sources = max(1, count / 5)
        var boxes: [GraphBox] = []
        var edges: [GraphArrow] = []
        func id(_ i: Int) -> Int { 1000 + 7 * i }
        for i in 0..<count {
            let kind: GraphBox.Kind = i < sources ? (i % 2 == 0 ? .input : .param) : (i == count - 1 ? .loss : .op)
            let lines = (0..<Int.random(in: 0...2, using: &rng)).map { _ in
                String(repeating: "v", count: Int.random(in: 1...30, using: &rng))
            }
            let style: Style = [.normal, .dim, .active, .gradient][Int.random(in: 0...3, using: &rng)]
            boxes.append(GraphBox(id: id(i), title: "n\(i)", lines: lines, style: style, kind: kind))
            guard i >= sources else { continue }
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let j = Bool.random(using: &rng)
                    ? Int.random(in: max(0, i - locality)..<i, using: &rng)
                    : Int.random(in: 0..<sources, using: &rng)
                edges.append(GraphArrow(from: id(j), to: id(i), style: Bool.random(using: &rng) ? .edge : .active))
            }
        }
        return GraphPicture(nodes: boxes, edges: edges)
    }

    /// Every cell an orthogonal polyline passes through.
    static func cells(of route: GraphLayout.Route) -> [GraphPoint] {
        var result: [GraphPoint] = []
        for (a, b) in zip(route.points, route.points.dropFirst()) {
            if a.y == b.y {
                for x in min(a.x, b.x)...max(a.x, b.x) { result.append(GraphPoint(x: x, y: a.y)) }
            } else {
                for y in min(a.y, b.y)...max(a.y, b.y) { result.append(GraphPoint(x: a.x, y: y)) }
            }
        }
        return result
    }
}

@Suite struct GraphLayoutTests {
    @Test func linearModelHasOneColumnPerStepAndTheLossAtTheRight() {
        let layout = GraphLayout(GraphFixtures.linear)
        let layers = GraphFixtures.linear.nodes.map { layout.placement(of: $0.id)?.layer ?? -1 }
        // x, w | y, mul | sub | pow | loss: y sits beside mul, just before its consumer.
        #expect(layers == [0, 0, 1, 1, 2, 3, 4])
        #expect(layout.layerCount == 5)
        #expect(layout.routes.count == 6)
    }

    @Test func parameterUsedLateSitsJustBeforeItsConsumer() {
        let layout = GraphLayout(GraphFixtures.mlp)
        func layer(_ id: Int) -> Int { layout.placement(of: id)?.layer ?? -1 }
        #expect(layer(2) == layer(7) - 1)   // b1 beside the first MM
        #expect(layer(3) == layer(9) - 1)   // W2 beside sigmoid
        #expect(layer(4) == layer(10) - 1)  // b2
        #expect(layer(5) == layer(11) - 1)  // y
        #expect(layer(13) == layout.layerCount - 1)
        // Nothing long: every arrow spans exactly one layer, so no arrow runs under boxes.
        for arrow in GraphFixtures.mlp.edges { #expect(layer(arrow.to) - layer(arrow.from) == 1) }
    }

    @Test func chainToTheLossIsOneStraightRow() {
        let layout = GraphLayout(GraphFixtures.mlp)
        let chain = [6, 7, 8, 9, 10, 11, 12, 13].compactMap { layout.placement(of: $0)?.rect.y }
        #expect(chain.count == 8)
        #expect(Set(chain).count == 1)
        for route in layout.routes where [7, 8, 9, 10, 11, 12, 13].contains(route.to) && route.from >= 6 {
            #expect(route.points.count == 2, "arrow \(route.from)→\(route.to) bends")
        }
    }

    @Test func boxesFitTheirTextUpToTheMaximumWidth() {
        let long = String(repeating: "m", count: 60)
        let picture = GraphPicture(nodes: [
            GraphBox(id: 1, title: "a", lines: ["1.0"]),
            GraphBox(id: 2, title: long, lines: ["x", "y", "z"]),
        ], edges: [GraphArrow(from: 1, to: 2)])
        let layout = GraphLayout(picture)
        #expect(layout.placement(of: 1)?.rect.width == 7)   // "│ a   │": text 3 + borders + padding
        #expect(layout.placement(of: 1)?.rect.height == 4)
        #expect(layout.placement(of: 2)?.rect.width == GraphLayout.defaultMaxBoxWidth)
        #expect(layout.placement(of: 2)?.rect.height == 6)
        #expect(GraphText.fit(long, width: 5) == "mmmm…")
        #expect(GraphText.fit("abc", width: 5) == "abc")
    }

    @Test func boxWithManyInputsGrowsARowPerInput() {
        let picture = GraphPicture(
            nodes: (0..<5).map { GraphBox(id: $0, title: "s\($0)", kind: .input) } + [GraphBox(id: 9, title: "sum")],
            edges: (0..<5).map { GraphArrow(from: $0, to: 9) })
        let layout = GraphLayout(picture)
        let sum = layout.placement(of: 9)?.rect
        #expect(sum?.height == 7)
        let rows = layout.routes.compactMap { $0.points.last?.y }
        #expect(rows.count == 5)
        #expect(Set(rows).count == 5)
    }

    @Test func nodeUsedTwiceGetsTwoArrows() {
        let picture = GraphPicture(nodes: [
            GraphBox(id: 0, title: "x", lines: ["3.0"], kind: .input),
            GraphBox(id: 1, title: "mul", lines: ["x·x = 9.0"]),
        ], edges: [GraphArrow(from: 0, to: 1), GraphArrow(from: 0, to: 1)])
        let layout = GraphLayout(picture)
        #expect(layout.routes.count == 2)
        #expect(layout.routes[0].points.last != layout.routes[1].points.last)
    }

    @Test func emptyAndBrokenPicturesStillLayOut() {
        #expect(GraphLayout(GraphPicture()).boxes.isEmpty)
        #expect(GraphLayout(GraphPicture()).width == 0)
        let picture = GraphPicture(nodes: [
            GraphBox(id: 1, title: "a"), GraphBox(id: 2, title: "b"), GraphBox(id: 1, title: "again"),
        ], edges: [
            GraphArrow(from: 1, to: 2), GraphArrow(from: 2, to: 1), GraphArrow(from: 2, to: 2),
            GraphArrow(from: 1, to: 77),
        ])
        let layout = GraphLayout(picture)
        #expect(layout.boxes.map(\.id) == [1, 2])
        #expect(layout.routes.map(\.edge) == [0])   // the cycle's back arrow, the loop, the unknown id: left out
    }

    @Test func edgesNeverEnterABox() {
        for seed in UInt64(1)...120 {
            let picture = GraphFixtures.randomDAG(nodes: Int(seed % 40) + 2, seed: seed)
            let layout = GraphLayout(picture)
            let rects = layout.boxes.map(\.rect)
            for route in layout.routes {
                for cell in GraphFixtures.cells(of: route) {
                    let inside = rects.contains { $0.contains(x: cell.x, y: cell.y) }
                    #expect(!inside, "seed \(seed): arrow \(route.from)→\(route.to) enters a box at \(cell)")
                    if inside { return }
                }
            }
        }
    }

    @Test func routesLeaveTheSourceAndEndAtTheTargetsLeftBorder() {
        for seed in UInt64(1)...60 {
            let picture = GraphFixtures.randomDAG(nodes: 30, seed: seed)
            let layout = GraphLayout(picture)
            for route in layout.routes {
                guard let from = layout.placement(of: route.from)?.rect, let to = layout.placement(of: route.to)?.rect,
                      let first = route.points.first, let last = route.points.last else {
                    Issue.record("seed \(seed): route without ends")
                    return
                }
                #expect(first.x == from.maxX && first.y > from.y && first.y < from.maxY - 1)
                #expect(last.x == to.x - 1 && last.y > to.y && last.y < to.maxY - 1)
                for (a, b) in zip(route.points, route.points.dropFirst()) {
                    #expect((a.x == b.x) != (a.y == b.y), "seed \(seed): diagonal or empty step \(a)→\(b)")
                }
            }
        }
    }

    @Test func arrowsFromDifferentSourcesNeverRunAlongTheSameCells() {
        var shared = 0
        for seed in UInt64(1)...400 {
            let layout = GraphLayout(GraphFixtures.randomDAG(nodes: Int(seed % 40) + 2, seed: seed))
            // Unit steps between neighbouring cells, keyed by the owning source.
            var owner: [Int: Int] = [:]
            for route in layout.routes {
                let cells = GraphFixtures.cells(of: route)
                for (a, b) in zip(cells, cells.dropFirst()) where a != b {
                    let key = (min(a.x, b.x) * 100_000 + min(a.y, b.y)) * 2 + (a.y == b.y ? 0 : 1)
                    if let other = owner[key], other != route.from { shared += 1 } else { owner[key] = route.from }
                }
            }
        }
        #expect(shared == 0)
    }

    @Test func boxesNeverOverlapAndStayInsideTheDrawing() {
        for seed in UInt64(1)...80 {
            let layout = GraphLayout(GraphFixtures.randomDAG(nodes: 25, seed: seed))
            let rects = layout.boxes.map(\.rect)
            for (i, a) in rects.enumerated() {
                #expect(a.x >= 0 && a.y >= 0 && a.maxX <= layout.width && a.maxY <= layout.height)
                for b in rects[(i + 1)...] { #expect(a.intersection(b).isEmpty, "seed \(seed): \(a) overlaps \(b)") }
            }
        }
    }

    @Test func arrowsPointLeftToRight() {
        for seed in UInt64(1)...40 {
            let layout = GraphLayout(GraphFixtures.randomDAG(nodes: 40, seed: seed))
            for route in layout.routes {
                let from = layout.placement(of: route.from)?.layer ?? 0, to = layout.placement(of: route.to)?.layer ?? 0
                #expect(from < to)
            }
        }
    }

    @Test func sameGraphAlwaysLaysOutTheSame() {
        for seed in UInt64(1)...20 {
            let picture = GraphFixtures.randomDAG(nodes: 50, seed: seed)
            #expect(GraphLayout(picture) == GraphLayout(picture))
        }
    }

    @Test func threeHundredNodeGraphLaysOutCompletely() {
        // Timing is measured with a release build outside the tests; here only correctness.
        let picture = GraphFixtures.randomDAG(nodes: 300, seed: 42)
        let layout = GraphLayout(picture)
        #expect(layout.boxes.count == 300)
        #expect(layout.routes.count == picture.edges.count)
        #expect(layout.placement(of: picture.nodes[299].id)?.layer == layout.layerCount - 1)
        let rects = layout.boxes.map(\.rect)
        let sorted = rects.sorted { ($0.x, $0.y) < ($1.x, $1.y) }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.x == b.x { #expect(a.maxY < b.y) }
    }

    @Test func isotonicRegressionKeepsOrderAndMeetsTargetsWhenItCan() {
        #expect(GraphMath.isotonic([1, 2, 3], weights: [1, 1, 1]) == [1, 2, 3])
        #expect(GraphMath.isotonic([3, 1], weights: [1, 1]) == [2, 2])
        #expect(GraphMath.isotonic([3, 1], weights: [3, 1]) == [2.5, 2.5])
        var values = [3, 1, 2, 0]
        #expect(GraphMath.countInversions(&values) == 5)
        #expect(values == [0, 1, 2, 3])
    }
}

/// A graph whose arrows skip more layers than can be laid out (a chain of 400 steps that all use
/// one param: 80 000 bends) is said, not laid out: it took seconds a frame while keys waited, and
/// a chain of 2000 minutes. The screen still works; a chain of 100 is drawn.
@Test func aGraphWithTooManyBendsIsSaidNotLaidOut() throws {
    func chain(_ n: Int) throws -> TestScreen {
        let steps = ["\"h0 = x * w\""] + (1..<n).map { "\"h\($0) = h\($0 - 1) * w\"" } + ["\"y_pred = h\(n - 1)\""]
        let text = "title = \"chain\"\n[data]\nx = [1.0, 2.0]\ny = [2.0, 4.0]\n[params]\nw = 1.0\n[model]\nforward = ["
            + steps.joined(separator: ", ") + "]\nloss = \"(y_pred - y)^2\"\n[train]\nepochs = 1\nlr = 0.01\n"
        let scenario = try ScenarioLoader.load(bytes: Array(text.utf8), file: "chain.toml")
        return TestScreen(timeline: try Timeline(scenario: scenario), width: 80, height: 24)
    }
    var long = try chain(400)
    let big = try #require(long.graphGeometry?.panel.layout.tooBig)
    #expect(big.nodes > 400 && big.bends > GraphLayout.mostVertices)
    #expect(long.screenText.contains("this graph has 405 nodes, and its arrows skip 79800 layers: too many to"), "\(long.screenText)")
    long.press(.right, .right, .character("f"), .character("v"))
    #expect(long.render().width == 80, "keys still work")
    let short = try chain(100)
    #expect(short.graphGeometry?.panel.layout.tooBig == nil)
    #expect(!short.screenText.contains("too many to"))
}
