import Scenario
import Testing
import TextCanvas
@testable import Screen

/// Pictures for a projector at the size most terminals open at: every row of every heat map, and
/// a legend for the neuron view's lines.
struct PicturesAt80x24Tests {
    /// deep193's five matrices (W2 and W3 have 7 rows) in the 8 rows the box has at 80×24: the
    /// maps take them all (no `…` for rows left out) and the legend moves to the box's border.
    @Test(arguments: ["vv", "vvv"])
    func everyRowOfEveryHeatMapShowsAt80x24(_ keys: String) throws {
        var state = try makeState("deep193", width: 80, height: 24)
        for k in keys { state.press(.character(k)) }
        while state.event.phase != .update { state.press(.right) }  // every gradient made: the gradients' maps too
        let canvas = state.render()
        let lines = canvas.lines
        let top = try #require(lines.firstIndex { $0.contains("┌ weights: ") }, "\(canvas.text)")
        let titles = Array(lines[top + 1])
        let record = state.timeline.firstStep
        for p in 0..<record.parameterCount where record.nodes[p].shape.rank == 2 && record.nodes[p].shape.count > 1 {
            let name = "\(NodeNames(record)[p]) \(record.nodes[p].shape.rows)×\(record.nodes[p].shape.cols)"
            let title = try #require(lines[top + 1].range(of: name), "\(name) in \(lines[top + 1])")
            let x = lines[top + 1].distance(from: lines[top + 1].startIndex, to: title.lowerBound)
            #expect(x < titles.count)
            // The map's first column: one shaded (or zero) cell per row of the matrix, none cut.
            let drawn = (1...record.nodes[p].shape.rows).map { Array(lines[top + 1 + $0])[x] }
            #expect(drawn.allSatisfy { $0 != " " && $0 != "…" && $0 != "─" }, "\(name): \(drawn) \n\(canvas.text)")
        }
        #expect(!lines[(top + 1)...(top + 8)].contains { $0.contains("…") }, "\(canvas.text)")
        // The legend, in the bottom border: the shades and where they begin.
        let bottom = lines[top + 9]
        #expect(bottom.hasPrefix("└") && bottom.contains("░ <2 %") && bottom.contains("▓ <50 %"), "\(bottom)")
    }

    /// The neuron view says what its lines' colours mean, in the box's bottom border at 80×24: a
    /// weight's sign by colour (the strong styles the lines use), brighter for a larger |w|; and in
    /// backward, the lines lit by the gradient.
    @Test func theNeuronViewsLinesHaveALegend() throws {
        var state = try makeState("xor", width: 80, height: 24)
        state.press(.character("v"))
        var canvas = state.render()
        let bottom = try #require(canvas.lines.indices.first { canvas.line($0).hasPrefix("└") })
        let legend = canvas.line(bottom)
        #expect(legend.contains("lines: w > 0 ━━━ w < 0 ━━━ brighter: larger |w|"), "\(legend)")
        let plus = try #require(Array(legend).firstIndex(of: "━"))
        #expect(canvas[plus, bottom].style == .weightPositiveStrong)
        #expect(canvas[plus + 10, bottom].style == .weightNegativeStrong, "\(legend)")
        // Backward lights lines by |∂loss/∂w|: the legend says so.
        let names = NodeNames(state.timeline.firstStep)
        while !(state.event.phase == .backward && names[state.event.node] == "z3") { state.press(.right) }
        canvas = state.render()
        #expect(canvas.line(bottom).contains("lit by backward: |∂loss/∂w| small ━━━━━━━━━ large"), "\(canvas.line(bottom))")
        // The white line of the weight the inspector writes out is in the legend too, where it shows.
        var wide = try makeState("xor", width: 120, height: 40)
        wide.press(.character("v"))
        while !(wide.event.phase == .backward && names[wide.event.node] == "z3") { wide.press(.right) }
        let wideCanvas = wide.render()
        let wideBottom = try #require(wideCanvas.lines.indices.first { wideCanvas.line($0).hasPrefix("└") })
        #expect(wideCanvas.line(wideBottom).contains("━━━ the weight discussed"), "\(wideCanvas.line(wideBottom))")
        // Everything whole at 80 columns, and ASCII throughout under --ascii.
        var options = AppOptions()
        options.glyphs = .ascii
        var ascii = try makeState("xor", width: 80, height: 24, options: options)
        ascii.press(.character("v"))
        let text = ascii.render().line(bottom)
        #expect(text.allSatisfy(\.isASCII) && text.contains("lines: w > 0 === w < 0 ==="), "\(text)")
    }
}
