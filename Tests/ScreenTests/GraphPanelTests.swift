import Testing
import TextCanvas
@testable import Screen

@Suite struct GraphPanelTests {
    /// Renders into `rect` of a canvas filled with "x", so cells the panel leaves alone show.
    private func render(_ picture: GraphPicture, width: Int, height: Int, rect: Rect? = nil, focus: Int? = nil,
                        glyphs: Glyphs = .unicode) -> Canvas {
        var canvas = Canvas(width: width, height: height, fill: Cell("x"))
        GraphPanel(picture: picture, focus: focus).render(into: &canvas, rect: rect ?? canvas.bounds, glyphs: glyphs)
        return canvas
    }

    private func trimmed(_ canvas: Canvas) -> [String] {
        canvas.lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
    }

    @Test func linearModelGraphReadsLeftToRight() {
        let canvas = render(GraphFixtures.linear, width: 100, height: 20)
        #expect(trimmed(canvas) == [
            "",
            "",
            "",
            "",
            "             ┌─────┐",
            "             │ x   ├─┐",
            "             │ 2.0 │ │  ┌───────────────┐    ┌──────────────┐    ┌────────┐    ┌──────┐",
            "             └─────┘ └─▶│ mul           ├───▶│ sub          ├───▶│ pow ^2 ├───▶│ loss │",
            "                     ┌─▶│ z = x·w = 2.0 │ ┌─▶│ z - y = -2.0 │    │ 4.0    │    │ 4.0  │",
            "             ┌─────┐ │  └───────────────┘ │  └──────────────┘    └────────┘    └──────┘",
            "             │ w   ├─┘                    │",
            "             │ 1.0 │    ┌─────┐           │",
            "             └─────┘    │ y   ├───────────┘",
            "                        │ 4.0 │",
            "                        └─────┘",
            "",
            "",
            "",
            "",
            "",
        ])
    }

    @Test func mlpGraphStartsAtTheInputsWithAHintToScroll() {
        let canvas = render(GraphFixtures.mlp, width: 100, height: 16)
        #expect(trimmed(canvas) == [
            "",
            "┌───────────────┐",
            "│ W1            ├─┐",
            "│ 2×3           │ │  ┌────────────┐    ┌────────────┐    ┌──────────────┐    ┌──────────────┐    ┌──",
            "│ [0.12 -0.4 …] │ └─▶│ MM         ├───▶│ ADD        ├───▶│ sigmoid      ├───▶│ MM           ├───▶│ A",
            "└───────────────┘ ┌─▶│ 4×3        │ ┌─▶│ 4×3        │    │ 4×3          │ ┌─▶│ 4×1          │ ┌─▶│ 4",
            "                  │  │ [0 0.12 …] │ │  │ [0 0.12 …] │    │ [0.5 0.53 …] │ │  │ [0.21 0.3 …] │ │  │ [",
            "┌───────────────┐ │  └────────────┘ │  └────────────┘    └──────────────┘ │  └──────────────┘ │  └──",
            "│ x             ├─┘                 │                                     │                   │",
            "│ 4×2           │    ┌─────────┐    │                    ┌──────────────┐ │  ┌─────┐          │  ┌──",
            "│ [0 0] [0 1] … │    │ b1      ├────┘                    │ W2           ├─┘  │ b2  ├──────────┘  │ y",
            "└───────────────┘    │ 1×3     │                         │ 3×1          │    │ 1×1 │             │ 4",
            "                     │ [0 0 0] │                         │ [0.3 -0.2 …] │    │ [0] │             │ [",
            "                     └─────────┘                         └──────────────┘    └─────┘             └──",
            "",
            "                                                                                              more ▶",
        ])
    }

    @Test func mlpGraphScrollsToTheFocusedLoss() {
        let canvas = render(GraphFixtures.mlp, width: 100, height: 16, focus: 13)
        #expect(trimmed(canvas) == [
            "",
            "",
            "",
            "┌──────────────┐    ┌──────────────┐    ┌───────────────┐    ┌───────────────┐    ┌──────┐",
            "│ MM           ├───▶│ ADD          ├───▶│ sub           ├───▶│ pow ^2        ├───▶│ mean │",
            "│ 4×1          │ ┌─▶│ 4×1          │ ┌─▶│ 4×1           │    │ 4×1           │    │ 0.26 │",
            "│ [0.21 0.3 …] │ │  │ [0.21 0.3 …] │ │  │ [0.21 -0.7 …] │    │ [0.04 0.49 …] │    └──────┘",
            "└──────────────┘ │  └──────────────┘ │  └───────────────┘    └───────────────┘",
            "                 │                   │",
            "┌─────┐          │  ┌───────────┐    │",
            "│ b2  ├──────────┘  │ y         ├────┘",
            "│ 1×1 │             │ 4×1       │",
            "│ [0] │             │ [0 1 1 0] │",
            "└─────┘             └───────────┘",
            "",
            "◀ more",
        ])
    }

    @Test func asciiGraphStaysInsideItsRect() {
        let canvas = render(GraphFixtures.linear, width: 68, height: 14, rect: Rect(x: 2, y: 1, width: 64, height: 12),
                            glyphs: .ascii)
        #expect(canvas.lines == [
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "xx+-----+                                                         xx",
            "xx| x   +-+                                                       xx",
            "xx| 2.0 | |  +---------------+    +--------------+    +--------+  xx",
            "xx+-----+ +->| mul           +--->| sub          +--->| pow ^2 +--xx",
            "xx        +->| z = x*w = 2.0 | +->| z - y = -2.0 |    | 4.0    |  xx",
            "xx+-----+ |  +---------------+ |  +--------------+    +--------+  xx",
            "xx| w   +-+                    |                                  xx",
            "xx| 1.0 |    +-----+           |                                  xx",
            "xx+-----+    | y   +-----------+                                  xx",
            "xx           | 4.0 |                                              xx",
            "xx           +-----+                                              xx",
            "xx                                                          more >xx",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ])
    }

    @Test func activeArrowAndBoxStandOutAndUnreachedBoxesAreDim() {
        var picture = GraphFixtures.linear
        picture.nodes[3].style = .active                        // mul
        picture.edges[0].style = .active                        // x → mul
        picture.nodes[5].style = .dim                           // pow, not reached yet
        picture.edges[4].style = .dim                           // sub → pow
        picture.edges[5].style = .dim                           // pow → loss (its tee is in pow's border)
        let canvas = render(picture, width: 100, height: 20)
        let layout = GraphLayout(picture)
        let view = GraphPanel(picture: picture, layout: layout).viewport(in: canvas.bounds)
        func cell(_ p: GraphPoint) -> Cell { canvas[p.x + view.originX, p.y + view.originY] }
        for route in layout.routes {
            let expected = picture.edges[route.edge].style
            for p in GraphFixtures.cells(of: route) where route.edge == 0 || route.edge == 4 {
                #expect(cell(p).style == expected, "\(route.from)→\(route.to) at \(p)")
            }
            if let head = route.points.last {
                #expect(cell(head).character == "▶")
                #expect(cell(head).style == expected)
            }
        }
        guard let mul = layout.placement(of: 3)?.rect, let pow = layout.placement(of: 5)?.rect,
              let x = layout.placement(of: 0)?.rect else {
            Issue.record("boxes not placed")
            return
        }
        #expect(cell(GraphPoint(x: mul.x, y: mul.y)).style == .active)
        #expect(cell(GraphPoint(x: mul.x + 2, y: mul.y + 1)).style == .active)   // its title
        for dx in 0..<pow.width {
            for dy in 0..<pow.height {
                #expect(cell(GraphPoint(x: pow.x + dx, y: pow.y + dy)).style == .dim)
            }
        }
        #expect(cell(GraphPoint(x: x.x, y: x.y)).style == .border)
        #expect(cell(GraphPoint(x: x.x + 2, y: x.y + 1)).style == .strong)
        #expect(cell(GraphPoint(x: x.x + 2, y: x.y + 2)).style == .value)
        #expect(cell(GraphPoint(x: x.maxX - 1, y: x.y + 1)) == Cell("├", .active))   // the active arrow leaves here
    }

    @Test func everySizeDownTo0x0DrawsOnlyInsideItsRect() {
        let pictures = [GraphFixtures.linear, GraphFixtures.mlp, GraphFixtures.randomDAG(nodes: 30, seed: 7)]
        for picture in pictures {
            let layout = GraphLayout(picture)
            for focus in [nil] + picture.nodes.map(\.id).prefix(6).map(Optional.some) {
                let panel = GraphPanel(picture: picture, layout: layout, focus: focus)
                for width in 0...40 {
                    for height in 0...12 {
                        var canvas = Canvas(width: width + 2, height: height + 2, fill: Cell("x"))
                        let rect = Rect(x: 1, y: 1, width: width, height: height)
                        panel.render(into: &canvas, rect: rect, glyphs: .unicode)
                        for y in 0..<canvas.height {
                            for x in 0..<canvas.width where !rect.contains(x: x, y: y) {
                                if canvas[x, y] != Cell("x") {
                                    Issue.record("\(width)x\(height) focus \(String(describing: focus)) drew at (\(x),\(y))")
                                    return
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test func rectsPartlyOffTheCanvasDoNotCrash() {
        var canvas = Canvas(width: 20, height: 6, fill: Cell("x"))
        let panel = GraphPanel(picture: GraphFixtures.mlp, focus: 8)
        for rect in [Rect(x: -5, y: -3, width: 30, height: 10), Rect(x: 15, y: 4, width: 40, height: 40),
                     Rect(x: 30, y: 30, width: 5, height: 5), Rect(x: 0, y: 0, width: 1, height: 1)] {
            panel.render(into: &canvas, rect: rect, glyphs: .ascii)
        }
        var empty = Canvas(width: 0, height: 0)
        panel.render(into: &empty, rect: Rect(x: 0, y: 0, width: 10, height: 10), glyphs: .unicode)
        #expect(empty.cells.isEmpty)
    }

    @Test func focusedBoxIsFullyVisibleWhenItFits() {
        for seed in UInt64(1)...12 {
            let picture = GraphFixtures.randomDAG(nodes: 40, seed: seed)
            let layout = GraphLayout(picture)
            for size in [(40, 12), (60, 20), (100, 30), (26, 9)] {
                let rect = Rect(x: 3, y: 2, width: size.0, height: size.1)
                for node in picture.nodes {
                    let panel = GraphPanel(picture: picture, layout: layout, focus: node.id)
                    let view = panel.viewport(in: rect)
                    guard let box = layout.placement(of: node.id)?.rect,
                          box.width <= view.area.width, box.height <= view.area.height else { continue }
                    let shown = Rect(x: box.x + view.originX, y: box.y + view.originY, width: box.width, height: box.height)
                    #expect(shown.intersection(view.area) == shown, "seed \(seed) \(size) node \(node.id): \(shown) outside \(view.area)")
                    var canvas = Canvas(width: rect.maxX + 3, height: rect.maxY + 2, fill: Cell("x"))
                    panel.render(into: &canvas, rect: rect, glyphs: .unicode)
                    #expect(canvas[shown.x, shown.y].character == "┌")
                    #expect(canvas[shown.maxX - 1, shown.maxY - 1].character == "┘")
                }
            }
        }
    }

    @Test func graphThatFitsIsCentredWithoutHints() {
        let panel = GraphPanel(picture: GraphFixtures.linear)
        let view = panel.viewport(in: Rect(x: 0, y: 0, width: 100, height: 20))
        #expect(!view.isClipped)
        #expect(view.area == Rect(x: 0, y: 0, width: 100, height: 20))
        #expect(view.originX == (100 - panel.layout.width) / 2)
        let clipped = GraphPanel(picture: GraphFixtures.mlp).viewport(in: Rect(x: 0, y: 0, width: 100, height: 16))
        #expect(clipped.clippedRight && !clipped.clippedLeft && !clipped.clippedTop && !clipped.clippedBottom)
        #expect(clipped.area.height == 15)   // the last row holds the hints
    }

    @Test func layoutKeptBetweenFramesDrawsNewValuesCutToTheBox() {
        let layout = GraphLayout(GraphFixtures.linear)
        var picture = GraphFixtures.linear
        picture.nodes[5].lines = ["∂loss/∂pow = 123456.789"]   // longer than the box laid out for "4.0"
        picture.nodes[5].style = .gradient
        var canvas = Canvas(width: 100, height: 20, fill: Cell("x"))
        GraphPanel(picture: picture, layout: layout).render(into: &canvas, rect: canvas.bounds, glyphs: .unicode)
        #expect(canvas.lines.contains { $0.contains("│ pow ^2 ├───▶│ loss │") })
        #expect(canvas.lines.contains { $0.contains("│ ∂loss… │    │ 4.0  │") })
    }

    @Test func sameGraphAlwaysDrawsTheSame() {
        for seed in UInt64(1)...10 {
            let picture = GraphFixtures.randomDAG(nodes: 60, seed: seed)
            let first = render(picture, width: 90, height: 30, focus: picture.nodes[30].id)
            let second = render(picture, width: 90, height: 30, focus: picture.nodes[30].id)
            #expect(first == second)
        }
    }
}
