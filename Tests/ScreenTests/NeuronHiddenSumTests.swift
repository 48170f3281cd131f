import Scenario
import Testing
import TextCanvas
@testable import Screen

/// Sums are written in the neuron view too: at a layer's matrix product in backward, the hidden
/// unit the discussed weight leaves from gets `∂loss/∂h[j,s] = Σₖ W[k,j] · ∂loss/∂z[k,s]` with
/// its numbers, for the sample shown; the numbers add up to the gradient backward gave it.
@Suite struct NeuronHiddenSumTests {
    /// `name` in the neuron view at `product`'s backward event.
    private func atBackward(_ product: String, in name: String, width: Int, height: Int) throws -> TestScreen {
        var state = try makeState(name, width: width, height: height)
        state.press(.character("v"))
        #expect(state.view == .neurons)
        let names = NodeNames(state.timeline.firstStep)
        let id = try #require(state.timeline.firstStep.nodes.indices.first { names[$0] == product })
        while !(state.event.phase == .backward && state.event.node == id) { state.press(.right) }
        return state
    }

    private func short(_ v: Double) -> String { NumberFormat.compact(v, maxWidth: 11, significantDigits: 3) }
    private func factor(_ v: Double) -> String { v < 0 ? "(\(short(v)))" : short(v) }

    /// The screen's row that begins the unit's sum, and the rows after it (the numbers wrap).
    private func sumRows(_ state: TestScreen, unit: String) throws -> String {
        let rows = state.screenText.split(separator: "\n").map(String.init)
        let k = try #require(rows.firstIndex { $0.contains("∂loss/∂\(unit) = ") }, "\(state.screenText)")
        // The inspector's column: the text between its borders, rows joined where they wrap.
        return rows[k...].prefix(5).map { row -> String in
            let inside = row.split(separator: "│", omittingEmptySubsequences: false)
            return inside.count > 1 ? inside[1].trimmingCharacters(in: .whitespaces) : ""
        }.joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }

    /// deep193 at 160×45, at MM z3: h2's unit gets its gradient from all 7 units of z3, every
    /// product written from W3's column and ∂loss/∂z3's column, the total h2's grad; ⇧→ moves the sample.
    @Test func aHiddenUnitsGradientIsTheSumOverTheNextLayerWithItsNumbers() throws {
        var state = try atBackward("z3", in: "deep193", width: 160, height: 45)
        let record = try state.timeline.record(ofStep: 0)
        let net = try #require(state.neuronNet)
        let w3 = try #require(net.layers[3].weight), z3 = try #require(net.layers[3].matmul), h2 = net.layers[2].node
        for sample in [0, 1] {
            let j = try #require(state.discussedWeight).weight.from
            let text = try sumRows(state, unit: "h2[\(j),\(sample)]")
            #expect(text.contains("∂loss/∂h2[\(j),\(sample)] = Σₖ W3[k,\(j)] · ∂loss/∂z3[k,\(sample)]"), "\(text)")
            #expect(text.contains("over the 7 units of z3"), "\(text)")
            let w = record.value(w3), dz = record.grad(z3)
            let terms = (0..<7).map { k in (w[k * 7 + j], dz[k * 8 + sample]) }
            let written = terms.map { factor($0.0) + " × " + factor($0.1) }
            #expect(text.contains("= " + written.joined(separator: " + ") + " = " + short(record.grad(h2)[j * 8 + sample])), "\(text)")
            // The products add up to backward's ∂loss/∂h2 (float32's sum in another order).
            let sum = terms.reduce(0.0) { $0 + $1.0 * $1.1 }
            #expect(abs(sum - record.grad(h2)[j * 8 + sample]) < 1e-7)
            state.press(.shiftRight)
        }
    }

    /// xor's z3 has one unit: the sum is one product, no Σ.
    @Test func oneUnitAfterTheLayerIsOneProduct() throws {
        let state = try atBackward("z3", in: "xor", width: 120, height: 40)
        let record = try state.timeline.record(ofStep: 0)
        let net = try #require(state.neuronNet)
        let w2 = try #require(net.layers[2].weight), z3 = try #require(net.layers[2].matmul), h = net.layers[1].node
        let j = try #require(state.discussedWeight).weight.from
        let text = try sumRows(state, unit: "h[\(j),0]")
        let (w, dz) = (record.value(w2)[j], record.grad(z3)[0])
        #expect(text.contains("∂loss/∂h[\(j),0] = W2[0,\(j)] · ∂loss/∂z3[0] = \(factor(w)) × \(factor(dz)) = \(short(record.grad(h)[j * 4]))"),
                "\(text)")
    }

    /// At 80×24 the inspector's 8 rows hold the weight's rule and the unit's sum in their terse
    /// form (no heading, the sum's first terms, `…`, its last and how many), totals included.
    @Test func bothSumsFitTheInspectorAt80x24() throws {
        for (name, product, unit) in [("deep193", "z3", "h2"), ("deep193", "z5", "h4"), ("xor", "z3", "h")] {
            let state = try atBackward(product, in: name, width: 80, height: 24)
            let record = try state.timeline.record(ofStep: 0)
            let net = try #require(state.neuronNet)
            let k = try #require(net.layers.firstIndex { $0.matmul.map { NodeNames(record)[$0] } == product })
            let h = net.layers[k - 1].node, cols = record.nodes[h].shape.cols
            let j = try #require(state.discussedWeight).weight.from
            let text = try sumRows(state, unit: "\(unit)[\(j),0]")
            #expect(text.hasSuffix("= " + short(record.grad(h)[j * cols])), "\(name) \(product): \(text)")
            if record.nodes[try #require(net.layers[k].matmul)].shape.rows > 3 {
                #expect(text.contains(" + … + ") && text.contains(" terms) = "), "\(text)")
            }
            // The weight's own rule and its total are there too.
            let w = try #require(net.layers[k].weight)
            let weight = try #require(state.discussedWeight).weight
            let g = record.grad(w)[weight.to * record.nodes[w].shape.cols + weight.from]
            #expect(state.screenText.contains("= \(NumberFormat.compact(g, maxWidth: 8, significantDigits: 3))"), "\(state.screenText)")
        }
    }
}
