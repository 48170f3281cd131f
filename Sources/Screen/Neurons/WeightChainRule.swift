import Scenario
import TextCanvas

/// The chain rule for one weight of the layer backward is in, as the neuron view's inspector
/// writes it: `∂loss/∂W2[0,1] = ∂loss/∂z3[0] · h[1]`, summed over the samples of a batch, with
/// the numbers. The weight shown is the one with the largest gradient.
public enum WeightChainRule {
    public static func lines(net: NeuronNet, record: StepRecord, event: TimelineEvent,
                             template: [(phase: NoteMoment.Phase, node: Int)], names: NodeNames) -> [(String, Style)] {
        guard event.phase == .backward, let k = net.layer(of: event.node), k > 0,
              let w = net.layers[k].weight, let m = net.layers[k].matmul else { return [] }
        // Only once ∂loss/∂z has arrived at the product: before that there is nothing to multiply.
        let base = template.firstIndex { $0.phase == .backward && $0.node == m } ?? Int.max
        guard base <= event.indexInStep else { return [] }
        let input = net.layers[k - 1].node
        let shape = record.nodes[w].shape
        let grads = record.grad(w)
        guard !grads.isEmpty else { return [] }
        var best = 0
        for (i, g) in grads.enumerated() where g.magnitude > grads[best].magnitude { best = i }
        let (j, i) = (best / shape.cols, best % shape.cols)
        let W = names[w], z = names[m], a = names[input]
        let samples = record.nodes[m].shape.cols
        let dz = record.grad(m), av = record.value(input)
        let aCols = record.nodes[input].shape.cols
        func n(_ v: Double) -> String { NumberFormat.compact(v, maxWidth: 8, significantDigits: 3) }
        func o(_ v: Double) -> String { v < 0 ? "(\(n(v)))" : n(v) }
        var result: [(String, Style)] = [("One weight of \(W) (the largest gradient): unit \(i) of \(a) → unit \(j) of \(z)", .strong)]
        if samples == 1 {
            result.append(("∂loss/∂\(W)[\(j),\(i)] = ∂loss/∂\(z)[\(j)] · \(a)[\(i)]", .gradient))
            result.append(("  = \(n(dz[j])) × \(o(av[i * aCols])) = \(n(grads[best]))", .gradient))
        } else {
            result.append(("∂loss/∂\(W)[\(j),\(i)] = Σₛ ∂loss/∂\(z)[\(j),s] · \(a)[\(i),s]   over \(samples) samples", .gradient))
            let shown = min(samples, 3)
            var terms = (0..<shown).map { s in "\(o(dz[j * samples + s]))·\(o(av[i * aCols + min(s, aCols - 1)]))" }
            if samples > shown { terms.append("…") }
            result.append(("  = " + terms.joined(separator: " + ") + " = \(n(grads[best]))", .gradient))
        }
        return result
    }
}
