import Autograd
import Scenario

/// The chain rule of one step as sentences, built from the op table's formulas (operands as
/// slots): the one builder the inspector and the quiz read. Names come from `NodeNames`, numbers
/// from the step's record; matrix products keep their operands' names, order and shapes.
public struct ChainRule {
    public let record: StepRecord
    public let names: NodeNames

    public init(record: StepRecord, names: NodeNames) {
        self.record = record
        self.names = names
    }

    func inputs(of id: Int) -> [Int] {
        let node = record.nodes[id]
        return [node.a, node.b].filter { $0 >= 0 }
    }

    func isScalar(_ id: Int) -> Bool { id >= 0 && id < record.nodes.count && record.nodes[id].shape.count == 1 }

    /// A formula of node `id` with names in its slots (`x · w`, `∂loss/∂z3 · hᵀ`).
    func symbols(_ formula: Formula, node id: Int) -> Sentence {
        let inputs = [record.nodes[id].a, record.nodes[id].b]
        return Sentence(formula.terms.map { term in
            switch term {
            case .text(let s): return .text(s)
            case .operand(let i): return .name(i < inputs.count && inputs[i] >= 0 ? names[inputs[i]] : "?")
            case .result: return .name(names[id])
            case .upstream: return upstream(id)
            case .times: return .dot
            }
        })
    }

    /// A formula of scalar node `id` with numbers in its slots (`1.0 × (-2.0)`); nil for tensors.
    func numbers(_ formula: Formula, node id: Int) -> Sentence? {
        let node = record.nodes[id]
        guard isScalar(id), inputs(of: id).allSatisfy(isScalar) else { return nil }
        let inputs = [node.a, node.b]
        return Sentence(formula.terms.map { term in
            switch term {
            case .text(let s): return .text(s)
            case .operand(let i): return i < inputs.count && inputs[i] >= 0 ? .factor(record.value(inputs[i])[0]) : .unknown
            case .result: return .factor(record.value(id)[0])
            case .upstream: return .factor(record.grad(id)[0])
            case .times: return .times
            }
        })
    }

    /// ∂loss/∂z for node `id`; the loss itself reads ∂loss/∂loss.
    func upstream(_ id: Int) -> Term { .partial(of: "loss", by: id == record.lossNode ? "loss" : names[id]) }

    // MARK: forward

    /// `y_pred = x · w = 1.0 × 1.0 = ` (scalars, to be followed by the value) or `z3 = W2 @ h` (tensors).
    public func forward(_ id: Int) -> (symbols: Sentence, numbers: Sentence?) {
        let node = record.nodes[id]
        let head: Sentence = [.name(names[id]), .text(" = ")]
        let symbolic = head + symbols(node.op.valueFormula, node: id)
        guard let numeric = numbers(node.op.valueFormula, node: id) else { return (symbolic, nil) }
        return (symbolic, numeric)
    }

    /// What forward keeps for backward, one sentence per input: `kept: ∂y_pred/∂w = x = 1.0`; for
    /// ops whose gradient is not a product with a local derivative (a matrix product, a transpose),
    /// the rule backward will use: `kept: ∂loss/∂W1 = ∂loss/∂z1 · xᵀ`.
    public func kept(_ id: Int) -> [Sentence] {
        let node = record.nodes[id]
        let locals = node.op.localFormulas
        var result: [Sentence] = []
        // A number constant gets no gradient (PyTorch keeps none for it): no kept derivative.
        for (slot, input) in [node.a, node.b].enumerated() where input >= 0 && slot < locals.count && record.nodes[input].op != .constant {
            let rule = slot < node.op.gradientFormulas.count ? node.op.gradientFormulas[slot] : nil
            if let rule, rule != Formula([.upstream, .times] + locals[slot].terms) {
                // A matrix rule: forward keeps the operands backward will need (MM keeps h for
                // ∂loss/∂W2 = ∂loss/∂z3 · hᵀ); the rule itself is backward's to write.
                let needed = rule.operands.filter { $0 != slot && $0 < 2 && [node.a, node.b][$0] >= 0 }.map { [node.a, node.b][$0] }
                if needed.isEmpty {
                    result.append([.text("kept: "), .partial(of: "loss", by: names[input]), .text(" = ")] + symbols(rule, node: id))
                } else {
                    var line: Sentence = [.text("kept: ")]
                    for (i, kept) in needed.enumerated() {
                        line += (i == 0 ? [] : [.text(", ")]) + [.name(names[kept]), .text(" "), .shape(record.nodes[kept].shape)]
                    }
                    result.append(line + [.text(" (backward needs it for "), .partial(of: "loss", by: names[input]), .text(")")])
                }
                continue
            }
            var line: Sentence = [.text("kept: "), .partial(of: names[id], by: names[input]), .text(" = ")] + symbols(locals[slot], node: id)
            // A constant derivative (1, −1) is its own value: `−1 = -1.0` would write one number twice, with two minus signs.
            let constant = !locals[slot].terms.contains { if case .text = $0 { return false } else { return true } }
            if !constant, let v = localValue(node: id, slot: slot) { line += [.text(" = "), .number(v)] }
            result.append(line)
        }
        return result
    }

    /// ∂z/∂operand `slot` of scalar node `id` at this step's values.
    func localValue(node id: Int, slot: Int) -> Double? {
        let node = record.nodes[id]
        guard isScalar(node.a), isScalar(id) else { return nil }
        let a = record.value(node.a)[0]
        let b = node.b >= 0 && isScalar(node.b) ? record.value(node.b)[0] : 0
        return node.op.localDerivative(slot: slot, a: a, b: b, z: record.value(id)[0], count: record.nodes[node.a].shape.count)
    }

    // MARK: backward

    /// What node `id` sends back to each input that needs a gradient: the rule with names, then
    /// the numbers. Scalars: `∂loss/∂w = ∂loss/∂y_pred · ∂y_pred/∂w` and `    = -2.0 × 1.0 = -2.0`;
    /// matrix products with their operands in order and the shapes: `∂loss/∂W2 = ∂loss/∂z3 · hᵀ
    /// (1×8 · 8×3 = 1×3)` and `    = 1×3 […]`.
    /// A broadcast operand (a bias) gets the sum over the batch: `∂loss/∂b2 = Σₛ ∂loss/∂z4[s]
    /// (1×4 → 1×1)` and `    = 0.1011 + (-0.15) + … = -0.0952`; a tensor one its largest entry's
    /// sum with numbers as `entry` (`∂loss/∂b1[1] = Σₛ ∂loss/∂z2[1,s] = … = 0.0123`).
    public func sends(_ id: Int) -> [(input: Int, rule: Sentence, numbers: Sentence, entry: Sentence?)] {
        let node = record.nodes[id]
        var result: [(input: Int, rule: Sentence, numbers: Sentence, entry: Sentence?)] = []
        // An input used twice (w·w) gets a part for each use: each written with the factor it is.
        let twice = node.a == node.b && node.a >= 0
        let parts = record.backward.messages.filter { $0.from == id }
        for (slot, input) in [node.a, node.b].enumerated() where input >= 0 && record.nodes[input].requiresGrad {
            let mine = parts.filter { $0.to == input }
            guard let sent = twice && slot < mine.count ? mine[slot].contribution : record.backward.contribution(from: id, to: input) else { continue }
            let use: Sentence = twice ? [.text(slot == 0 ? " (left \(names[input]))" : " (right \(names[input]); the parts add)")] : []
            let target: Sentence = [.partial(of: "loss", by: names[input]), .text(" = ")]
            if isScalar(id), sent.count == 1, let local = localValue(node: id, slot: slot) {
                // The loss node's own name would make ∂loss/∂loss · ∂loss/∂z1 look circular: its formula instead.
                let z = id == record.lossNode ? "(" + symbols(node.op.valueFormula, node: id).text() + ")" : names[id]
                result.append((input, target + [upstream(id), .dot, .partial(of: z, by: names[input])] + use,
                               [.text("    = "), .number(record.grad(id)[0]), .times, .factor(local), .text(" = "), .number(sent[0])], nil))
                continue
            }
            let k = InspectorPanel.largest(sent) ?? 0
            if let sum = broadcastSum(node: id, slot: slot, entry: k) {
                let rule = target + sum.rule + [.text("  ("), .shape(node.shape), .text(" → "), .shape(record.nodes[input].shape), .text(")")] + use
                let total: Sentence = sum.entry.numbers.map { $0 + [.text(" = ")] } ?? []
                if sent.count == 1 {
                    result.append((input, rule, [.text("    = ")] + total + [.number(sent[0])], nil))
                } else {
                    let entry: Sentence = [.partial(of: "loss", by: indexed(input, entry: k)), .text(" = ")] + sum.entry.rule
                        + [.text(" = ")] + total + [.number(sent[k])]
                    result.append((input, rule, [.text("    = "), .tensor(sent, record.nodes[input].shape)], entry))
                }
                continue
            }
            var rule = target
            if slot < node.op.gradientFormulas.count {
                // `∂loss/∂h · (1−h²)`: a local derivative that is a difference is one factor, in
                // parentheses (`∂loss/∂h · 1−h²` read as a product minus h²).
                let locals = node.op.localFormulas, formula = node.op.gradientFormulas[slot]
                if slot < locals.count, formula == Formula([.upstream, .times] + locals[slot].terms) {
                    rule += [upstream(id), .dot] + Self.grouped(symbols(locals[slot], node: id))
                } else {
                    rule += symbols(formula, node: id)
                }
            }
            if let shapes = shapes(node: id, slot: slot) { rule += [.text("  (")] + shapes + [.text(")")] }
            rule += use
            result.append((input, rule, [.text("    = "), .tensor(sent, record.nodes[input].shape)], nil))
        }
        return result
    }

    /// The shapes of a matrix product's gradient, in the formula's order: `1×8 · 8×3 = 1×3`.
    func shapes(node id: Int, slot: Int) -> Sentence? {
        let node = record.nodes[id]
        guard node.op == .matmul, node.b >= 0 else { return nil }
        let a = record.nodes[node.a].shape, b = record.nodes[node.b].shape, z = node.shape
        return slot == 0 ? [.shape(z), .dot, .shape(b.transposed), .text(" = "), .shape(a)]
                         : [.shape(a.transposed), .dot, .shape(z), .text(" = "), .shape(b)]
    }

    /// Where node `id`'s gradient came from, when it came by more than one path: the sum of what
    /// each consumer sent, `∂loss/∂y_pred = 0.667 (via z6) + (-0.667) (via z3)` (tensors in short).
    public func arrivals(_ id: Int) -> Sentence? {
        let parts = record.backward.messages.filter { $0.to == id }
        guard parts.count > 1 else { return nil }
        var sentence: Sentence = [.partial(of: "loss", by: names[id]), .text(" = ")]
        for (k, part) in parts.enumerated() {
            if k > 0 { sentence += [.text(" + ")] }
            sentence += [part.contribution.count == 1 ? (k == 0 ? .number(part.contribution[0]) : .factor(part.contribution[0]))
                                                      : .tensor(part.contribution, record.nodes[id].shape),
                         .text(" (via \(names[part.from]))")]
        }
        return sentence
    }

    /// ∂loss/∂`id` as the chain rule over every path, for scalar chains: the rule
    /// (`∂loss/∂y_pred · ∂y_pred/∂w + …`) and its arithmetic (`-2.0 × 1.0 + …`); nil when a path
    /// is not one multiplication (tensors). Without zero_grad the grad it held comes first.
    public func gradientSum(_ id: Int) -> (rule: Sentence, numbers: Sentence)? {
        var rules: [Sentence] = [], products: [Sentence] = []
        var seen: [Int: Int] = [:]
        for message in record.backward.messages where message.to == id {
            let c = message.from
            let consumer = record.nodes[c]
            guard isScalar(c), message.contribution.count == 1 else { return nil }
            let k = seen[c, default: 0]
            seen[c] = k + 1
            let slot = k == 0 && consumer.a == id ? 0 : 1
            guard isScalar(consumer.a), let local = localValue(node: c, slot: slot) else { return nil }
            // The loss node's own name would read ∂loss/∂loss · ∂loss/∂z1: its formula instead.
            let z = c == record.lossNode ? "(" + symbols(consumer.op.valueFormula, node: c).text() + ")" : names[c]
            rules.append([upstream(c), .dot, .partial(of: z, by: names[id])])
            products.append([.number(record.grad(c)[0]), .times, .factor(local)])
        }
        guard !products.isEmpty else { return nil }
        var rule = Sentence(rules.enumerated().flatMap { k, r in (k > 0 ? [Term.text(" + ")] : []) + r.terms })
        var numbers = products.count == 1 ? products[0]
            : Sentence(products.enumerated().flatMap { k, p in (k > 0 ? [Term.text(" + ")] : []) + [.text("(")] + p.terms + [.text(")")] })
        if id < record.parameterCount, id < record.gradsBefore.count, let held = record.gradsBefore[id]?.first, held != 0 {
            rule = [.name(names[id]), .text(".grad + ")] + rule
            numbers = [.number(held), .text(" + ")] + (products.count == 1 ? [.text("(")] + numbers + [.text(")")] : numbers)
        }
        return (rule, numbers)
    }
}
