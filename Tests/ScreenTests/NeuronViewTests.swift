import Scenario
import Testing
import TextCanvas
@testable import Screen

/// The neuron view: units as circles with their values, weights as lines, layer by layer.
@Suite struct NeuronViewTests {
    /// The cells of the neuron panel (the box titled "neurons") as text lines and their styles.
    private func panel(_ state: TestScreen) -> (lines: [String], styles: Set<Style>) {
        let canvas = state.render()
        guard let top = (0..<canvas.height).first(where: { canvas.line($0).contains("neurons") }),
              let bottom = ((top + 1)..<canvas.height).first(where: { canvas.line($0).hasPrefix("└") }) else { return ([], []) }
        let lines = (top + 1..<bottom).map { canvas.line($0) }
        var styles = Set<Style>()
        for y in (top + 1)..<bottom { for x in 1..<(canvas.width / 2) { styles.insert(canvas[x, y].style) } }
        return (lines, styles)
    }

    private func unitCount(_ lines: [String]) -> Int {
        lines.reduce(0) { count, line in
            count + line.split(separator: "(", omittingEmptySubsequences: false).dropFirst().filter { part in
                guard let close = part.firstIndex(of: ")") else { return false }
                let inside = part.prefix(upTo: close)
                return inside.allSatisfy { "0123456789.-e? ".contains($0) }
            }.count
        }
    }

    @Test func networkScenariosReadAsLayersOfUnits() throws {
        let expected = ["deep193": [5, 6, 7, 7, 6, 5], "xor": [2, 2, 1], "activation": [2, 3, 1], "collapse": [2, 3, 1]]
        for (name, units) in expected {
            let state = try makeState(name)
            #expect(state.neuronNet?.layers.map(\.units) == units, "\(name)")
        }
        #expect(try makeState("linear").neuronNet == nil, "one weight, no layers")
    }

    /// l1-l2 trains two models on one x; the view draws the first and says the other is not drawn.
    @Test func aModelBesideTheOneDrawnIsNamed() throws {
        for width in [80, 120] {
            var state = try makeState("l1-l2", width: width, height: width == 80 ? 24 : 40)
            state.press(.character("v"))
            #expect(state.view == .neurons)
            #expect(state.screenText.contains("neurons · the W_L1 model; W_L2 not drawn"), "\(state.screenText)")
        }
        var xor = try makeState("xor", width: 120, height: 40)
        xor.press(.character("v"))
        #expect(!xor.screenText.contains("not drawn"), "one model: nothing to say")
    }

    @Test func vShowsTheNeuronViewAndEveryUnitFitsAt160x45() throws {
        for (name, count) in [("deep193", 36), ("xor", 5)] {
            var state = try makeState(name, width: 160, height: 45)
            let effect = state.update(.key(.character("v")))
            #expect(effect == .idle)
            #expect(state.view == .neurons)
            let (lines, _) = panel(state)
            #expect(!lines.isEmpty, "\(name): a panel titled neurons")
            #expect(unitCount(lines) == count, "\(name): \(unitCount(lines)) units drawn\n\(lines.joined(separator: "\n"))")
        }
    }

    @Test func forwardLightsUnitsLayerByLayer() throws {
        var state = try makeState("deep193", width: 160, height: 45)
        state.press(.character("v"))
        // Forward until h1 is computed: its units have values, h2's are still unknown.
        while !(state.event.phase == .forward && state.timeline.firstStep.label(state.event.node) == "h1") { state.press(.right) }
        let (lines, styles) = panel(state)
        let text = lines.joined(separator: "\n")
        #expect(text.contains("(0.5204)"), "h1's first unit for sample 1: sigmoid(W1 · x)\n\(text)")
        #expect(text.contains("(  ?   )"), "later layers wait")
        #expect(styles.contains(.active))
        #expect(styles.contains(.weightPositiveStrong) || styles.contains(.heatPositive))
        #expect(styles.contains(.weightNegativeStrong) || styles.contains(.heatNegative))
    }

    @Test func backwardShowsGradientsLightsTheWeightsAndWritesOneWeightsChainRule() throws {
        var state = try makeState("deep193", width: 160, height: 45)
        state.press(.character("v"))
        let names = NodeNames(state.timeline.firstStep)
        while !(state.event.phase == .backward && names[state.event.node] == "W2") { state.press(.right) }
        let (lines, styles) = panel(state)
        #expect(lines.joined().contains("∂"), "units show their gradients")
        #expect(styles.contains(.gradient) && styles.contains(.accent), "the weights carrying the gradient are lit")
        let text = state.screenText
        #expect(text.contains("∂loss/∂W2["))
        #expect(text.contains("= Σₛ ∂loss/∂z2["), "\(text)")
        #expect(text.contains("· h1["))
        // The number the rule ends with is backward's own gradient of that weight.
        let record = try state.timeline.record(ofStep: 0)
        let grads = record.grad(1)
        let largest = grads.max { $0.magnitude < $1.magnitude } ?? 0
        #expect(text.contains("= \(NumberFormat.compact(largest, maxWidth: 8, significantDigits: 3))"))
    }

    @Test func theChainRuleTermsAddUpToTheGradient() throws {
        var state = try makeState("xor", width: 160, height: 45)
        state.press(.character("v"))
        let record = try state.timeline.record(ofStep: 0)
        let names = NodeNames(record)
        while !(state.event.phase == .backward && names[state.event.node] == "W1") { state.press(.right) }
        let net = try #require(state.neuronNet)
        let lines = WeightChainRule.lines(net: net, record: record, event: state.event, template: state.timeline.template, names: names)
        #expect(lines.count == 3)
        // Σₛ ∂loss/∂z[j,s] · x[i,s] over the 4 samples equals W1.grad[j,i].
        let w = 0, m = try #require(net.layers[1].matmul), x = net.layers[0].node
        let g = record.grad(w)
        let best = g.indices.max { g[$0].magnitude < g[$1].magnitude } ?? 0
        let (j, i) = (best / 2, best % 2)
        let sum = (0..<4).reduce(0.0) { $0 + record.grad(m)[j * 4 + $1] * record.value(x)[i * 4 + $1] }
        #expect(abs(sum - g[best]) < 1e-6)
        #expect(lines[1].0.contains("∂loss/∂W1[\(j),\(i)]"))
    }

    @Test func everyUnitShowsItsGradientAt80x24() throws {
        // xor's two hidden units: the lower one's ∂ line used to fall off the panel's last row.
        var state = try makeState("xor", width: 80, height: 24)
        state.press(.character("v"))
        let names = NodeNames(state.timeline.firstStep)
        while !(state.event.phase == .backward && names[state.event.node] == "z2") { state.press(.right) }
        let record = try state.timeline.record(ofStep: 0)
        let h = try #require(state.neuronNet?.layers[1].node)
        let text = panel(state).lines.joined(separator: "\n")
        for unit in 0..<2 {
            let grad = "∂" + NumberFormat.compact(record.grad(h)[unit * 4], maxWidth: NeuronPanel.unitWidth - 1)
            #expect(text.contains(grad), "h[\(unit)]'s gradient \(grad)\n\(text)")
        }
    }

    @Test func vCyclesThroughTheNeuronViewOnlyWhereThereAreLayers() throws {
        var state = try makeState("linear")
        state.press(.character("v"))
        #expect(state.view != .neurons)
        var xor = try makeState("xor")
        xor.press(.character("v"), .character("v"))
        #expect(xor.view == .heatValues)
    }

    /// Resized down to nothing and up again, with keys and clicks between, the neuron view stays on
    /// and draws its box whenever the screen is big enough for a body.
    @Test func theNeuronViewSurvivesEverySize() throws {
        var state = try makeState("deep193", width: 200, height: 60)
        state.press(.character("v"))
        for _ in 0..<30 { state.press(.right) }
        for (w, h) in [(0, 0), (40, 12), (60, 16), (80, 24), (120, 40), (200, 60)] {
            _ = state.update(.resize(width: w, height: h))
            let canvas = state.render()
            #expect(canvas.width == w && canvas.height == h)
            #expect(state.view == .neurons, "\(w)×\(h): a resize keeps the view")
            if w >= 60 && h >= 16 {
                #expect(canvas.text.contains("neurons"), "\(w)×\(h): the neuron view's box\n\(canvas.text)")
            }
            state.press(.shiftRight)
            _ = state.update(.mouse(MouseEvent(.left, x: 10, y: 5)))
        }
        #expect(state.view == .neurons)
    }

    /// A layer with more units than rows (spiral's 8 at 80×24) draws as many as fit but one, each on
    /// a row of its own (they were piled on the last row, so 6 showed of the header's 8), and says
    /// on its last row how many it leaves out.
    @Test func aLayerTallerThanItsRowsSaysHowManyItLeavesOut() throws {
        for name in ["spiral", "l1-l2"] {
            var state = try makeState(name, width: 80, height: 24)
            state.press(.character("v"))
            for _ in 0..<3 { state.press(.right) }
            let (panel, rect) = try #require(state.neuronGeometry)
            let places = panel.positions(in: rect), leftOut = panel.leftOut(in: rect)
            let text = state.screenText
            var saysMore = false
            for (k, column) in panel.picture.columns.enumerated() {
                let rows = places[k].map(\.y)
                #expect(Set(rows).count == rows.count, "\(name): layer \(k) draws a unit over another at rows \(rows)")
                #expect(places[k].count + (leftOut[k]?.count ?? 0) == column.units.count, "\(name): layer \(k)")
                if let out = leftOut[k] {
                    #expect(!rows.contains(out.y) && out.y < rect.maxY, "\(name): layer \(k) says what it leaves out on a row of its own")
                    #expect(text.contains("+\(out.count) more"), "\(name)\n\(text)")
                    saysMore = true
                }
            }
            #expect(saysMore, "\(name) at 80×24 has a layer of 8 in 6 rows\n\(text)")
        }
    }

    /// The units a tall layer draws end at the unit the inspector explains (or the one picked)
    /// when the first ones would leave it out.
    @Test func theChosenUnitIsAlwaysDrawn() {
        func column(chosen: Int?) -> NeuronPicture.Column {
            NeuronPicture.Column(name: "h", units: (0..<8).map { NeuronPicture.Unit(value: Double($0), chosen: $0 == chosen) })
        }
        #expect(NeuronPanel.shownUnits(column(chosen: nil), room: 6) == [0, 1, 2, 3, 4])
        #expect(NeuronPanel.shownUnits(column(chosen: 3), room: 6) == [0, 1, 2, 3, 4])
        #expect(NeuronPanel.shownUnits(column(chosen: 7), room: 6) == [3, 4, 5, 6, 7])
        #expect(NeuronPanel.shownUnits(column(chosen: 7), room: 8) == Array(0..<8))
    }

    @Test func asciiNeuronViewIsAscii() throws {
        var state = try makeState("xor", width: 120, height: 40, options: AppOptions(glyphs: .ascii))
        state.press(.character("v"))
        for _ in 0..<25 { state.press(.right) }
        #expect(state.render().text.unicodeScalars.allSatisfy { $0.isASCII })
    }
}
