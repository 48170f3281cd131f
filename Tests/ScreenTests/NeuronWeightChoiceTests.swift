import Scenario
import Testing
import TextCanvas
@testable import Screen

/// The neuron view's inspector discusses the weight the lecturer picks (↑↓ its unit, ⇧↑↓ its
/// input, a click on a unit or a line), in the layer backward is in; ⇧←→ picks the sample shown.
@Suite struct NeuronWeightChoiceTests {
    /// deep193 (or `name`) in the neuron view with the cursor on `node`'s backward event.
    private func atBackward(_ node: String, in name: String = "deep193", width: Int = 160, height: Int = 45) throws -> TestScreen {
        var state = try makeState(name, width: width, height: height)
        state.press(.character("v"))
        #expect(state.view == .neurons)
        let names = NodeNames(state.timeline.firstStep)
        let id = try #require(state.timeline.firstStep.nodes.indices.first { names[$0] == node })
        while !(state.event.phase == .backward && state.event.node == id) { state.press(.right) }
        return state
    }

    /// The inspector's rule line `∂loss/∂W[j,i] = …` and the line of numbers under it.
    private func rule(_ state: TestScreen) -> (rule: String, numbers: String)? {
        let lines = state.screenText.split(separator: "\n").map(String.init)
        guard let k = lines.firstIndex(where: { $0.contains("] = Σₛ ∂loss/∂") || $0.contains("] = ∂loss/∂") }), k + 1 < lines.count else { return nil }
        return (lines[k], lines[k + 1])
    }

    private func short(_ v: Double) -> String { NumberFormat.compact(v, maxWidth: 8, significantDigits: 3) }

    @Test func arrowKeysChooseTheWeightAndItsNumbersAreBackwards() throws {
        var state = try atBackward("z2")
        let record = state.timeline.firstStep
        let w = try #require(state.neuronNet?.layers[2].weight)
        let grads = try state.timeline.record(ofStep: 0).grad(w)
        let start = try #require(state.discussedWeight)
        #expect(start.layer == 2)
        #expect(state.screenText.contains("One weight of W2 (the largest gradient): unit \(start.weight.from) of h1 → unit \(start.weight.to) of z2"))
        // ↑ moves to the unit above, ⇧↓ to the next input; the rule and its number follow.
        state.press(.up, .shiftDown)
        let (j, i) = (max(0, start.weight.to - 1), min(5, start.weight.from + 1))
        #expect(state.weightChoices[2] == WeightChoice(to: j, from: i))
        let (line, numbers) = try #require(rule(state))
        #expect(line.contains("∂loss/∂W2[\(j),\(i)] = Σₛ ∂loss/∂z2[\(j),s] · h1[\(i),s]"))
        #expect(line.contains("over 8 samples"))
        #expect(numbers.contains("= \(short(grads[j * 6 + i]))"), "\(numbers)")
        #expect(!state.screenText.contains("(the largest gradient)"))
        #expect(record.nodes[w].shape.rows == 7 && record.nodes[w].shape.cols == 6)
        // The ends stop the keys: a 7×6 matrix has no row 7.
        for _ in 0..<10 { state.press(.down) }
        #expect(state.weightChoices[2]?.to == 6)
        for _ in 0..<10 { state.press(.shiftUp) }
        #expect(state.weightChoices[2]?.from == 0)
        // Both ends of the chosen weight are drawn in brackets.
        let panel = state.screenText.split(separator: "\n").prefix { !$0.contains("inspector") }.joined()
        #expect(panel.filter { $0 == "[" }.count == 2, "\(panel)")
    }

    @Test func theInspectorsGridLightsTheEntryTheRuleIsAbout() throws {
        var state = try atBackward("z2")
        state.press(.down, .shiftUp)
        let choice = try #require(state.weightChoices[2])
        // At the product: the entry of ∂loss/∂z2 for the weight's unit and the sample shown.
        #expect(state.screenText.contains(try Regex("∂loss/∂z2 7×8 · (rows [0-9]–[0-9] of 7 · )?\\[\(choice.to),0\\] = ")))
        #expect(state.screenText.contains("(in the rule above)"))
        state.press(.shiftRight)
        #expect(state.screenText.contains(try Regex("∂loss/∂z2 7×8 · (rows [0-9]–[0-9] of 7 · )?\\[\(choice.to),1\\] = ")))
        // At W2's own gradient: the weight itself.
        let names = NodeNames(state.timeline.firstStep)
        while !(state.event.phase == .backward && names[state.event.node] == "W2") { state.press(.right) }
        #expect(state.weightChoices[2] == choice, "the choice is kept")
        let text = state.screenText
        #expect(text.contains("W2.grad 7×6 · [\(choice.to),\(choice.from)] = "), "\(text)")
        #expect(text.contains("(in the rule above)"))
    }

    @Test func theDiscussedWeightFollowsBackwardFromLayerToLayer() throws {
        var state = try atBackward("z5")
        let names = NodeNames(state.timeline.firstStep)
        let net = try #require(state.neuronNet)
        state.press(.down)   // a choice in layer 5, kept when backward comes back there
        let chosenIn5 = state.weightChoices[5]
        var seen: [String] = []
        while state.event.phase == .backward {
            if let k = state.discussedWeight?.layer, let (line, _) = rule(state) {
                let W = names[net.layers[k].weight ?? 0]
                #expect(line.contains("∂loss/∂\(W)["), "the rule is about the layer the cursor is in: \(line)")
                #expect(net.layer(of: state.event.node) == k)
                if seen.last != W { seen.append(W) }
            }
            state.press(.right)
        }
        // Down the layers from the loss to the data once: each W's grad arrives inside its own
        // layer, right after the product's rule (PyTorch's AccumulateGrad), not after all of backward.
        #expect(seen == ["W5", "W4", "W3", "W2", "W1"])
        while !(state.event.phase == .backward && names[state.event.node] == "z5") { state.press(.left) }
        #expect(state.discussedWeight?.weight == chosenIn5)
    }

    @Test func aClickOnALineOrAUnitChoosesTheWeight() throws {
        // xor's output layer: two lines, h[0] → y_pred and h[1] → y_pred.
        var state = try atBackward("z3", in: "xor")
        let (panel, rect) = try #require(state.neuronGeometry)
        let places = panel.positions(in: rect)
        let from = places[1][1], to = places[2][0]
        let x0 = from.x + panel.footprint(1, picture: panel.pictureSize(in: rect)), x1 = to.x - 1
        let x = (x0 + x1) / 2
        let y = Int((Double(from.y) + Double(to.y - from.y) * Double(x - x0) / Double(x1 - x0)).rounded())
        let effect = state.update(.mouse(MouseEvent(.left, x: x, y: y)))
        #expect(effect == .idle)
        #expect(state.weightChoices[2] == WeightChoice(to: 0, from: 1))
        #expect(rule(state)?.rule.contains("∂loss/∂W2[0,1]") == true)
        // deep193: a click on a unit of the layer before picks the weight's input.
        var deep = try atBackward("z3")
        let (deepPanel, deepRect) = try #require(deep.neuronGeometry)
        let unit = deepPanel.positions(in: deepRect)[2][4]
        _ = deep.update(.mouse(MouseEvent(.left, x: unit.x + 2, y: unit.y)))
        #expect(deep.weightChoices[3]?.from == 4)
        #expect(rule(deep)?.rule.contains(",4] = Σₛ ∂loss/∂z3[") == true)
        // ... and one of its own layer the weight's unit.
        let own = deepPanel.positions(in: deepRect)[3][6]
        _ = deep.update(.mouse(MouseEvent(.left, x: own.x + 1, y: own.y)))
        #expect(deep.weightChoices[3] == WeightChoice(to: 6, from: 4))
    }

    @Test func aNarrowTitleDropsTheKeyHintWholeRatherThanCuttingIt() throws {
        let narrow = try atBackward("z1", in: "xor", width: 80, height: 24)
        let top = narrow.screenText.split(separator: "\n").map(String.init)[1]
        #expect(top.contains("neurons · sample 0/3 of the batch (⇧←→) ─"))
        #expect(!top.contains("weight"))
        let wide = try atBackward("z1", in: "xor", width: 160, height: 45)
        #expect(wide.screenText.contains("(⇧←→) · ↑↓ ⇧↑↓ or a click: the weight discussed ─"))
    }

    @Test func shiftArrowsChooseTheSampleTheUnitsShow() throws {
        var state = try atBackward("z2")
        let record = try state.timeline.record(ofStep: 0)
        let h1 = try #require(state.neuronNet?.layers[1].node)
        #expect(state.screenText.contains("neurons · sample 0/7 of the batch"))
        state.press(.shiftRight, .shiftRight)
        #expect(state.neuronSample == 2)
        #expect(state.screenText.contains("neurons · sample 2/7 of the batch"))
        let value = NumberFormat.compact(record.value(h1)[2], maxWidth: NeuronPanel.unitWidth - 2)
        #expect(state.screenText.contains(value), "h1's first unit for sample 3")
        // The sum's terms: the first three samples, and the one the view shows when it is later.
        let w = try #require(state.discussedWeight)
        let m = try #require(state.neuronNet?.layers[2].matmul)
        func term(_ s: Int) -> String {
            func o(_ v: Double) -> String { let t = NumberFormat.compact(v, maxWidth: 8, significantDigits: 3); return v < 0 ? "(\(t))" : t }
            return "\(o(record.grad(m)[w.weight.to * 8 + s]))·\(o(record.value(h1)[w.weight.from * 8 + s]))"
        }
        #expect(rule(state)?.numbers.contains("= \(term(0)) + \(term(1)) + \(term(2)) + … = ") == true)
        state.press(.shiftRight, .shiftRight, .shiftRight)
        #expect(state.neuronSample == 5)
        #expect(rule(state)?.numbers.contains("= \(term(0)) + \(term(1)) + \(term(2)) + … + \(term(5)) + … = ") == true,
                "\(rule(state)?.numbers ?? "")")
        for _ in 0..<12 { state.press(.shiftRight) }
        #expect(state.neuronSample == 7)
        #expect(rule(state)?.numbers.contains("+ … + \(term(7)) = ") == true, "the last sample ends the sum")
        // In the graph view the same keys still pan.
        state.press(.character("v"), .character("v"), .character("v"))
        #expect(state.view == .graph)
        let x = state.camera.scroll.x
        state.press(.shiftRight)
        #expect(state.camera.scroll.x != x || state.graphGeometry.map { !$0.panel.viewport(in: $0.rect).isClipped } == true)
    }

    /// PyTorch autograd (torch 2, float32) on xor's first step, W2[0,1] = the weight from h[1] to
    /// the output: ∂loss/∂z3[0,s] and h[1,s] per sample, and W2.grad[0,1] (references/xor.py's model).
    @Test func xorsWeightChainRuleMatchesPyTorch() throws {
        var state = try atBackward("z3", in: "xor")
        state.press(.shiftDown)   // from h[0] (the largest gradient) to h[1]
        #expect(state.weightChoices[2] == WeightChoice(to: 0, from: 1))
        let record = try state.timeline.record(ofStep: 0)
        let net = try #require(state.neuronNet)
        let m = try #require(net.layers[2].matmul), h = net.layers[1].node, w = try #require(net.layers[2].weight)
        let torchDz3 = [0.10109446197748184, -0.14996373653411865, -0.14756515622138977, 0.1012546569108963]
        let torchH1 = [0.4747714698314667, 0.3564283847808838, 0.6050376296043396, 0.4841552674770355]
        let torchGrad = -0.045714061707258224
        for s in 0..<4 {
            #expect(abs(record.grad(m)[s] - torchDz3[s]) <= 1e-7 * abs(torchDz3[s]) + 1e-9, "∂loss/∂z3[0,\(s)]")
            #expect(abs(record.value(h)[4 + s] - torchH1[s]) <= 1e-7, "h[1,\(s)]")
        }
        #expect(abs(record.grad(w)[1] - torchGrad) <= 1e-7)
        let (line, numbers) = try #require(rule(state))
        #expect(line.contains("∂loss/∂W2[0,1] = Σₛ ∂loss/∂z3[s] · h[1,s]"))
        #expect(line.contains("over 4 samples"))
        #expect(numbers.contains("= 0.101·0.475 + (-0.15)·0.356 + (-0.148)·0.605 + … = -0.0457"), "\(numbers)")
    }
}

/// The weight discussed is drawn alone in its cells, over the others: a crisp line, not its dots
/// mixed into those of the lines it crosses.
@Test func theChosenWeightIsACrispLine() {
    let unit = NeuronPicture.Unit(value: 0.5)
    let columns = [NeuronPicture.Column(name: "x 2", units: [unit, unit]), NeuronPicture.Column(name: "h 2", units: [unit, unit])]
    // Two horizontal lines and two diagonals crossing them; the top horizontal one is chosen.
    let weights = NeuronPicture.Weights(values: [[1.0, -1.0], [-1.0, 1.0]], chosen: WeightChoice(to: 0, from: 0))
    let panel = NeuronPanel(picture: NeuronPicture(columns: columns, weights: [weights]))
    var canvas = Canvas(width: 40, height: 8)
    panel.render(into: &canvas, rect: canvas.bounds)
    var strong: [Character] = []
    for y in 0..<canvas.height {
        for x in NeuronPanel.unitWidth..<(canvas.width - NeuronPanel.unitWidth) where canvas[x, y].style == .strong {
            strong.append(canvas[x, y].character)
        }
    }
    #expect(strong.count >= 20, "the chosen line runs across the gap")
    #expect(strong.allSatisfy { $0 == "⠤" }, "only the horizontal line's own dots: \(String(strong))")
}

/// At 80×24 the neuron view's inspector is eight rows: in backward the step's own lines give way
/// (ending in `…`) so the weight's chain rule shows with its numbers, which are the view's point
/// (tersely where the hidden unit's sum joins it);
/// in the update the update's own numbers show first.
@Test(arguments: ["xor", "circle", "gauss", "deep193"])
func theWeightsNumbersShowAt80x24(_ name: String) throws {
    var state = try makeState(name, width: 80, height: 24)
    state.press(.character("v"))
    #expect(state.view == .neurons)
    var shown = 0
    for _ in 0..<(state.timeline.eventsPerStep + 2) {
        let record = try state.timeline.record(ofStep: state.event.step)
        let rule = state.state.neuronWeightRule(record)
        if state.event.phase == .update, !rule.isEmpty {
            // The update's own lines come first there (`sgd: W2 … → …`, adam's `m = 0.9·m + …`):
            // at least three rows of them before the weight's rule.
            let rows = state.screenText.split(separator: "\n").map(String.init)
            let update = try #require(rows.firstIndex { $0.contains("│ Update ·") }, "\(name) event \(state.cursor)")
            let ruleRow = rows.firstIndex { $0.contains("One weight of") } ?? rows.count
            #expect(ruleRow - update >= 3, "\(name) event \(state.cursor): \(state.screenText)")
        } else if let numbers = rule.last?.0 {
            let canvas = state.render()
            let text = (0..<canvas.height).map { canvas.line($0) }.joined(separator: "\n")
            // The numbers line's first term and its result, as the screen writes them (wrapped rows allowed).
            let words = numbers.split(separator: " ")
            let first = try #require(words.dropFirst().first), result = try #require(words.last)
            #expect(text.contains(String(first)), "\(name) event \(state.cursor): \(text)")
            // The result may wrap to a row of its own after `=`.
            let inspector = text.split(separator: "\n").map { row in
                row.split(separator: "│", omittingEmptySubsequences: false).dropFirst().first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            }
            let joined = inspector.joined(separator: " ")
            #expect(joined.contains("= \(result)"), "\(name) event \(state.cursor): \(text)")
            // The box's rows ran out for the step's own lines, not for the rule; its heading gives
            // way only where the hidden unit's sum joins it (at the layer's product).
            #expect(text.contains("One weight of") || rule.count > 3, "\(name)")
            shown += 1
        }
        state.press(.right)
    }
    #expect(shown >= 2, "\(name): the rule shows in backward")
}

/// Under --ascii the weight's rule reads `sum_s` (the subscript s was a `?`), and the step's
/// lines that give way end in a whole `...` inside the box.
@Test func theWeightsRuleReadsInAsciiAt80x24() throws {
    var state = try makeState("xor", width: 80, height: 24, options: AppOptions(glyphs: .ascii))
    state.press(.character("v"))
    let names = NodeNames(state.timeline.firstStep)
    let z3 = try #require(state.timeline.firstStep.nodes.indices.first { names[$0] == "z3" })
    while !(state.event.phase == .backward && state.event.node == z3) { state.press(.right) }
    let lines = state.render().text.split(separator: "\n").map(String.init)
    let inspector = lines.drop { !$0.contains("inspector") }.prefix { !$0.hasPrefix("+---") || $0.contains("inspector") }
    let text = inspector.joined(separator: "\n")
    #expect(text.contains("sum_s dloss/dz3[s]"), "\(text)")
    #expect(!text.contains("?"), "\(text)")
    #expect(inspector.contains { $0.contains(" ...  |") && $0.hasSuffix("|||:                            |") }, "\(text)")
}
