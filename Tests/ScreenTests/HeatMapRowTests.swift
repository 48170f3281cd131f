import Scenario
import Testing
import TextCanvas
@testable import Screen

/// Heat maps side by side, on their own scales or one shared scale, with a legend that has numbers.
@Suite struct HeatMapRowTests {
    /// deep193 at its first W1 gradient: backward has reached every layer.
    private func deep193Gradients(width: Int = 160, height: Int = 45) throws -> TestScreen {
        var state = try makeState("deep193", width: width, height: height)
        state.press(.character("v"), .character("v"), .character("v"))
        #expect(state.view == .heatGrads)
        let names = NodeNames(state.timeline.firstStep)
        while !(state.event.phase == .backward && names[state.event.node] == "W1") { state.press(.right) }
        return state
    }

    @Test func deep193sFiveMatricesStandSideBySideAt160x45() throws {
        let state = try deep193Gradients()
        let lines = state.render().lines
        let titleRow = try #require(lines.first { $0.contains("W1 6×5") })
        for title in ["W2 7×6", "W3 7×7", "W4 6×7", "W5 5×6"] {
            #expect(titleRow.contains(title), "\(title) beside W1, not under it")
        }
        // Every row of the tallest matrix (7 rows) shows: nothing is cut.
        #expect(!state.screenText.contains("…\n"))
    }

    @Test func theLegendGivesTheScalesNumbers() throws {
        var state = try deep193Gradients()
        #expect(state.screenText.contains("own scales:"))
        #expect(state.screenText.contains("|value| of its ±: · <0.1 %  ░ <2 %  ▒ <10 %  ▓ <50 %  █ to 100 %"))
        let effect = state.update(.key(.character("m")))
        #expect(effect == .idle)
        #expect(state.heatScaleShared)
        let record = try state.timeline.record(ofStep: 0)
        let largest = (0..<record.parameterCount).flatMap { record.grad($0) }.map(\.magnitude).max() ?? 0
        let text = state.screenText
        #expect(text.contains("one scale:"))
        let n = { (v: Double) in NumberFormat.compact(v, maxWidth: 8, significantDigits: 2) }
        #expect(text.contains("|value|: · <\(n(largest * 0.001))  ░ <\(n(largest * 0.02))  ▒ <\(n(largest * 0.1))  ▓ <\(n(largest * 0.5))  █ to \(n(largest))"),
                "the shared scale's numbers\n\(text)")
    }

    @Test func aSharedScaleShowsTheGradientVanishingTowardsTheInput() throws {
        let state = try deep193Gradients()
        let record = try state.timeline.record(ofStep: 0)
        let maps = (0..<record.parameterCount).map { p in
            let shape = record.nodes[p].shape, g = record.grad(p)
            return HeatMap(title: "W\(p + 1)", values: (0..<shape.rows).map { r in Array(g[(r * shape.cols)..<((r + 1) * shape.cols)]) })
        }
        func darkest(_ shared: Bool) -> [Int] {
            HeatMapRow(maps: maps, shared: shared).placed(in: Rect(x: 0, y: 0, width: 150, height: 20)).map { map, _ in
                map.values.joined().map { map.level(of: $0) }.max() ?? 0
            }
        }
        let top = Glyphs.unicode.shades.count - 1
        #expect(darkest(false).allSatisfy { $0 == top }, "on its own scale every map has a darkest cell")
        let shared = darkest(true)
        #expect(shared.last == top)
        #expect(shared.first.map { $0 < top } == true, "W1's gradients are pale beside W5's: \(shared)")
    }

    @Test func cellsGrowWithTheRoomThereIs() {
        let map = HeatMap(title: "W 2×2", values: [[1, -1], [0.5, -0.5]])
        let wide = HeatMapRow(maps: [map, map], shared: false).placed(in: Rect(x: 0, y: 0, width: 100, height: 20))
        let narrow = HeatMapRow(maps: [map, map], shared: false).placed(in: Rect(x: 0, y: 0, width: 30, height: 6))
        #expect(wide.first?.map.maxCellWidth == 8)
        #expect(narrow.first?.map.maxCellWidth ?? 9 < 4)
        #expect(wide[1].rect.x > wide[0].rect.maxX, "side by side, with a gap")
    }

    @Test func heatViewsSurviveEverySizeAndStayAscii() throws {
        var state = try makeState("xor", width: 120, height: 40, options: AppOptions(glyphs: .ascii))
        state.press(.character("v"), .character("v"), .character("m"))
        #expect(state.render().text.unicodeScalars.allSatisfy { $0.isASCII })
        for (w, h) in [(0, 0), (40, 12), (80, 24), (200, 60)] {
            _ = state.update(.resize(width: w, height: h))
            _ = state.render()
        }
    }
}
