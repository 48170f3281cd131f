import Scenario
import TextCanvas

/// One weight of a layer, as the neuron view picks it: the edge from unit `from` of the layer
/// before to unit `to` of this layer, that is W[to, from].
public struct WeightChoice: Sendable, Equatable {
    public var to: Int
    public var from: Int

    public init(to: Int, from: Int) {
        self.to = to
        self.from = from
    }
}

/// The chain rule for one weight of the layer backward is in, as the neuron view's inspector
/// writes it: `∂loss/∂W2[0,1] = ∂loss/∂z3[0] · h[1]`, summed over the samples of a batch, with
/// the numbers. The weight is the lecturer's choice for that layer, else the largest gradient.
public enum WeightChainRule {
    /// The layer whose weights the view discusses at `event`: the one the cursor is in (its W, MM,
    /// bias or activation), so the choice follows backward from layer to layer; nil outside them.
    public static func layer(net: NeuronNet, event: TimelineEvent) -> Int? {
        guard let k = net.layer(of: event.node), k > 0, net.layers[k].weight != nil else { return nil }
        return k
    }

    /// The weight of layer `k` under discussion: `choice` (kept inside the matrix), else the largest |gradient|.
    public static func weight(net: NeuronNet, record: StepRecord, layer k: Int, choice: WeightChoice?) -> WeightChoice {
        let rows = net.layers[k].units, cols = net.layers[k - 1].units
        if let choice {
            return WeightChoice(to: min(max(0, choice.to), rows - 1), from: min(max(0, choice.from), cols - 1))
        }
        guard let w = net.layers[k].weight else { return WeightChoice(to: 0, from: 0) }
        let grads = record.grad(w)
        var best = 0
        for (i, g) in grads.enumerated() where g.magnitude > grads[best].magnitude { best = i }
        return WeightChoice(to: best / max(1, cols), from: best % max(1, cols))
    }

    /// The rule's lines once ∂loss/∂z has reached the layer's product (in backward) or in the update.
    public static func lines(net: NeuronNet, record: StepRecord, event: TimelineEvent,
                             template: [(phase: NoteMoment.Phase, node: Int)], names: NodeNames,
                             choice: WeightChoice? = nil, sample: Int = 0, terse: Bool = false) -> [(String, Style)] {
        guard event.phase != .forward, let k = layer(net: net, event: event),
              let w = net.layers[k].weight, let m = net.layers[k].matmul else { return [] }
        // Only once ∂loss/∂z has arrived at the product: before that there is nothing to multiply.
        let base = template.firstIndex { $0.phase == .backward && $0.node == m } ?? Int.max
        // In the update, at the weight matrix's own update (its grad is what moves it).
        guard event.phase == .update ? event.node == w : base <= event.indexInStep else { return [] }
        let input = net.layers[k - 1].node
        let grads = record.grad(w)
        guard !grads.isEmpty else { return [] }
        let (j, i) = { let c = weight(net: net, record: record, layer: k, choice: choice); return (c.to, c.from) }()
        let g = grads[j * record.nodes[w].shape.cols + i]
        let W = names[w], z = names[m], a = names[input]
        let samples = record.nodes[m].shape.cols
        let dz = record.grad(m), av = record.value(input)
        let aCols = record.nodes[input].shape.cols
        func n(_ v: Double) -> String { NumberFormat.compact(v, maxWidth: 8, significantDigits: 3) }
        func o(_ v: Double) -> String { v < 0 ? "(\(n(v)))" : n(v) }
        let why = choice == nil ? " (the largest gradient)" : ""
        // Terse (a narrow inspector): no heading, no `over …` (Σ says it), a long sum in fewer terms.
        var result: [(String, Style)] = terse ? [] : [("One weight of \(W)\(why): unit \(i) of \(a) → unit \(j) of \(z)", .strong)]
        if samples == 1 {
            result.append(("∂loss/∂\(W)[\(j),\(i)] = ∂loss/∂\(z)[\(j)] · \(a)[\(i)]", .gradient))
            result.append(("  = \(n(dz[j])) × \(o(av[i * aCols])) = \(n(g))", .gradient))
        } else {
            // Indexed as the inspector indexes them (a 1×4 product is `z3[s]`, as in `Σₛ ∂loss/∂z3[s]`).
            let entries = ChainRule(record: record, names: names)
            let zs = entries.indexed(m, row: "\(j)", col: "s"), asample = entries.indexed(input, row: "\(i)", col: "s")
            result.append(("∂loss/∂\(W)[\(j),\(i)] = Σₛ ∂loss/∂\(zs) · \(asample)" + (terse ? "" : "   over \(samples) samples"), .gradient))
            func term(_ s: Int) -> String { "\(o(dz[j * samples + s]))·\(o(av[i * aCols + min(s, aCols - 1)]))" }
            // The first three samples, and the sample the view shows (⇧←→) when it is a later one.
            let first = min(samples, 3), picked = min(max(0, sample), samples - 1)
            var terms = (0..<first).map(term)
            if picked >= first {
                terms += (picked > first ? ["…"] : []) + [term(picked)]
            }
            if samples > max(first, picked + 1) { terms.append("…") }
            result.append(("  = " + terms.joined(separator: " + ") + " = \(n(g))", .gradient))
        }
        // The same product sends the hidden unit the weight leaves from its gradient: the sum over
        // every unit of the layer it feeds, for the sample shown (the one sentence builder's entry).
        if event.phase == .backward, event.node == m {
            result += hiddenUnitSum(record: record, names: names, unit: i, sample: sample, layer: input, product: m, terse: terse)
        }
        return result
    }

    /// `∂loss/∂h[1,0] = Σₖ W2[k,1] · ∂loss/∂z3[k,0]   over the 7 units of z3` and its numbers, for
    /// hidden layer `input` (none for the data, which gets no gradient).
    static func hiddenUnitSum(record: StepRecord, names: NodeNames, unit i: Int, sample: Int, layer input: Int,
                              product m: Int, terse: Bool = false) -> [(String, Style)] {
        let grads = record.grad(input), cols = record.nodes[input].shape.cols
        guard !record.nodes[input].op.isLeaf, !grads.isEmpty else { return [] }
        let entry = i * cols + min(max(0, sample), cols - 1)
        let rule = ChainRule(record: record, names: names)
        guard entry < grads.count, let sum = rule.gradientEntry(input, entry: entry, most: terse ? 3 : ChainRule.mostTerms) else { return [] }
        let units = record.nodes[m].shape.rows
        let over = units > 1 && !terse ? "   over the \(units) units of \(names[m])" : ""
        var lines: [(String, Style)] = [("∂loss/∂\(rule.indexed(input, entry: entry)) = \(sum.rule.text())\(over)", .gradient)]
        if let numbers = sum.numbers {
            lines.append(("  = " + (numbers + [.text(" = "), .number(grads[entry])]).text(digits: 3), .gradient))
        }
        return lines
    }
}
