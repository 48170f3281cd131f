import Autograd
import Scenario

/// One entry of a tensor node as arithmetic: `z3[0,1] = Σₖ W2[0,k] · h[k,1] = …` in forward and
/// `∂loss/∂W2[0,1] = Σₛ ∂loss/∂z3[0,s] · h[1,s] = …` in backward, sums over the batch and over
/// units written out term by term (the quiz's matrix questions and the inspector's sums).
extension ChainRule {
    /// Most products a sum writes out with its numbers: longer is no sum to work out by hand.
    public static let mostTerms = 8

    /// One entry as arithmetic: the rule with names (`Σₛ ∂loss/∂z4[s]`), and its numbers when the
    /// sum is short enough to write (`0.1011 + (-0.15) + …`).
    public struct EntryRule: Equatable, Sendable {
        public var rule: Sentence
        public var numbers: Sentence?
        /// Products in the sum (1 for a single product).
        public var terms: Int
    }

    /// `W2[0,1]`, `b1[2]`, `z4[3]`, `w`: a node's name with the indices its shape needs (a matrix
    /// param two, another row or column one, a number none). Indices may be letters (`z3[0,s]`).
    public func indexed(_ id: Int, row: String, col: String) -> String {
        let shape = record.nodes[id].shape
        if shape.count == 1 { return names[id] }
        // A param written as a matrix keeps both indices, as PyTorch's W2[0,1] (xor's W2 is 1×2).
        if id < record.parameterCount && shape.rank == 2 { return "\(names[id])[\(row),\(col)]" }
        if shape.rows == 1 { return "\(names[id])[\(col)]" }
        if shape.cols == 1 { return "\(names[id])[\(row)]" }
        return "\(names[id])[\(row),\(col)]"
    }

    /// Entry `k` (row-major) of node `id` by its indices.
    public func indexed(_ id: Int, entry k: Int) -> String {
        let cols = max(1, record.nodes[id].shape.cols)
        return indexed(id, row: String(k / cols), col: String(k % cols))
    }

    private func broadcast(_ id: Int, _ row: Int, _ col: Int) -> Int {
        let s = record.nodes[id].shape
        return (s.rows == 1 ? 0 : row) * s.cols + (s.cols == 1 ? 0 : col)
    }

    /// The letter a sum runs over: samples are columns (`s`), units rows (`k`).
    private static func letter(overColumns: Bool) -> String { overColumns ? "s" : "k" }
    private static func sigma(overColumns: Bool) -> String { overColumns ? "Σₛ " : "Σₖ " }

    /// A formula of elementwise node `id` at its entry (row, col): names with indices in the
    /// operand slots, or the operands' values there (`result` is the node's own entry).
    private func entryFormula(_ formula: Formula, node id: Int, row: String, col: String, r: Int, c: Int,
                              numbers: Bool) -> Sentence {
        let node = record.nodes[id]
        let inputs = [node.a, node.b]
        let terms = formula.terms
        return Sentence(terms.indices.compactMap { t -> Term? in
            // A negative number alone in a function's parentheses needs none of its own: tanh(-9.3).
            let enclosed: Bool = {
                guard t > 0, t + 1 < terms.count, case .text(let before) = terms[t - 1], case .text(let after) = terms[t + 1] else { return false }
                return before.hasSuffix("(") && after.hasPrefix(")")
            }()
            switch terms[t] {
            case .text(let s): return .text(s)
            case .operand(let i):
                guard i < inputs.count, inputs[i] >= 0 else { return .unknown }
                let input = inputs[i]
                let v = record.value(input)[broadcast(input, r, c)]
                if numbers { return enclosed ? .number(v) : .factor(v) }
                return .name(indexed(input, row: row, col: col))
            case .result:
                return numbers ? .factor(record.value(id)[r * node.shape.cols + c]) : .name(indexed(id, row: row, col: col))
            case .upstream:
                return numbers ? .factor(record.grad(id)[r * node.shape.cols + c]) : .partial(of: "loss", by: indexed(id, row: row, col: col))
            case .times:
                return numbers ? .times : .dot
            }
        })
    }

    /// Forward of entry `k` of node `id`: `h[0,1] = σ(z2[0,1])` with `σ(0.3)`, a product's
    /// `Σₖ W2[0,k] · h[k,1]`, a mean's `(z7[0] + … ) / 4`; nil for ops without an entry rule
    /// (softmax, cross-entropy, transpose) and scalars (the step's own sentence says those).
    public func forwardEntry(_ id: Int, entry k: Int) -> EntryRule? {
        let node = record.nodes[id]
        guard !node.op.isLeaf, node.shape.count >= 1, k >= 0, k < node.shape.count else { return nil }
        let r = k / node.shape.cols, c = k % node.shape.cols
        if node.op.isElementwise {
            guard node.shape.count > 1 else { return nil }
            let f = node.op.valueFormula
            return EntryRule(rule: entryFormula(f, node: id, row: String(r), col: String(c), r: r, c: c, numbers: false),
                             numbers: entryFormula(f, node: id, row: String(r), col: String(c), r: r, c: c, numbers: true), terms: 1)
        }
        switch node.op {
        case .matmul where node.b >= 0:
            let inner = record.nodes[node.a].shape.cols
            let a = record.value(node.a), b = record.value(node.b), bCols = record.nodes[node.b].shape.cols
            let rule: Sentence = [.text("Σₖ "), .name(indexed(node.a, row: String(r), col: "k")), .dot,
                                  .name(indexed(node.b, row: "k", col: String(c)))]
            let products = (0..<inner).map { j in (a[r * inner + j], b[j * bCols + c]) }
            return EntryRule(rule: rule, numbers: sum(products), terms: inner)
        case .sum, .mean:
            let count = record.nodes[node.a].shape.count
            let values = record.value(node.a)
            let all = Sentence([.text("Σ "), .name(names[node.a])])
            let rule: Sentence = node.op == .mean ? [.text("(")] + all + [.text(") / \(count)")] : all
            guard count <= Self.mostTerms else { return EntryRule(rule: rule, numbers: nil, terms: count) }
            var numbers = Sentence(values.enumerated().flatMap { i, v in (i > 0 ? [Term.text(" + ")] : []) + [i == 0 ? .number(v) : .factor(v)] })
            if node.op == .mean { numbers = [.text("(")] + numbers + [.text(") / \(count)")] }
            return EntryRule(rule: rule, numbers: numbers, terms: count)
        default:
            return nil
        }
    }

    /// A factor in parentheses when it is a sum or difference (`· (1−h²)`, not `· 1−h²`).
    static func grouped(_ factor: Sentence) -> Sentence {
        var depth = 0
        for c in factor.text() {
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1 } else if depth == 0 && (c == "-" || c == "+") {
                return [.text("(")] + factor + [.text(")")]
            }
        }
        return factor
    }

    /// `a₀ × b₀ + a₁ × b₁ + …`, or nil when longer than `mostTerms`.
    private func sum(_ products: [(Double, Double)]) -> Sentence? {
        guard products.count <= Self.mostTerms else { return nil }
        return Sentence(products.enumerated().flatMap { i, p in
            (i > 0 ? [Term.text(" + ")] : []) + [i == 0 ? .number(p.0) : .factor(p.0), .times, .factor(p.1)]
        })
    }

    /// ∂loss/∂ entry `k` of node `id`, as backward made it: what each consumer sent there, summed
    /// over the entries of the consumer that reach it (a bias over the batch: `Σₛ ∂loss/∂z4[s]`; a
    /// weight of a matrix product: `Σₛ ∂loss/∂z3[0,s] · h[1,s]`; a hidden unit: `Σₖ W2[k,1] ·
    /// ∂loss/∂z3[k,s]`), and over the consumers; without zero_grad the held grad comes first.
    /// Nil where a consumer has no entry rule (softmax, cross-entropy).
    /// A sum of more than `most` products writes its first terms, `…` and its last.
    public func gradientEntry(_ id: Int, entry k: Int, most: Int = mostTerms) -> EntryRule? {
        let shape = record.nodes[id].shape
        guard k >= 0, k < shape.count else { return nil }
        let r = k / shape.cols, c = k % shape.cols
        var rules: [Sentence] = []
        var products: [[(Double, Double?)]] = []
        var seen: [Int: Int] = [:]
        for message in record.backward.messages where message.to == id {
            let consumer = record.nodes[message.from]
            let n = seen[message.from, default: 0]
            seen[message.from] = n + 1
            let slot = n == 0 && consumer.a == id ? 0 : 1
            guard let part = sent(from: message.from, slot: slot, to: id, row: r, col: c) else { return nil }
            rules.append(part.rule)
            products.append(part.products)
        }
        guard !rules.isEmpty else { return nil }
        var rule = Sentence(rules.enumerated().flatMap { i, s in (i > 0 ? [Term.text(" + ")] : []) + s.terms })
        let all = products.flatMap { $0 }
        var numbers = written(all, most: most) ?? elided(all, first: min(3, max(1, most - 1)))
        if id < record.parameterCount, id < record.gradsBefore.count, let held = record.gradsBefore[id], k < held.count, held[k] != 0 {
            rule = [.name(indexed(id, entry: k)), .text(".grad + ")] + rule
            numbers = numbers.map { [.number(held[k]), .text(" + (")] + $0 + [.text(")")] }
        }
        return EntryRule(rule: rule, numbers: numbers, terms: all.count)
    }

    /// A broadcast operand's part of elementwise node `id`'s gradient, summed where forward
    /// broadcast it (a bias over the batch): the rule for the whole operand (`Σₛ ∂loss/∂z2[:,s]`,
    /// `Σₛ ∂loss/∂z4[s]`) and entry `k` of it with its numbers (`Σₛ ∂loss/∂z2[1,s]`, `0.1 + (-0.2)
    /// + …`); nil when the operand has the node's shape or the op has no entry rule.
    public func broadcastSum(node id: Int, slot: Int, entry k: Int) -> (rule: Sentence, entry: EntryRule)? {
        let node = record.nodes[id]
        let input = slot == 0 ? node.a : node.b
        guard node.op.isElementwise, input >= 0, record.nodes[input].shape != node.shape else { return nil }
        let shape = record.nodes[input].shape
        guard k >= 0, k < shape.count, let whole = sent(from: id, slot: slot, to: input, row: 0, col: 0, whole: true),
              let part = sent(from: id, slot: slot, to: input, row: k / shape.cols, col: k % shape.cols) else { return nil }
        let products = part.products
        return (whole.rule, EntryRule(rule: part.rule, numbers: written(products) ?? elided(products, first: 3), terms: products.count))
    }

    /// A sum too long to write whole still shows what it adds: its first terms, `…`, its last, and how many.
    private func elided(_ products: [(Double, Double?)], first: Int) -> Sentence? {
        guard let last = products.last else { return nil }
        return written(Array(products.prefix(first))).map {
            $0 + [.text(" + … + "), .factor(last.0)] + (last.1.map { [.times, .factor($0)] } ?? []) + [.text(" (\(products.count) terms)")]
        }
    }

    /// Products `a × l + b × l + …` (a local of nil is left out), or nil when longer than `most`.
    private func written(_ products: [(Double, Double?)], most: Int = mostTerms) -> Sentence? {
        guard products.count <= most else { return nil }
        return Sentence(products.enumerated().flatMap { i, p -> [Term] in
            var terms: [Term] = i > 0 ? [.text(" + ")] : []
            terms.append(i == 0 && p.1 == nil ? .number(p.0) : .factor(p.0))
            if let local = p.1 { terms += [.times, .factor(local)] }
            return terms
        })
    }

    /// What consumer `c` sent to entry (r, col) of its operand `slot` (node `id`): the rule and the
    /// products (upstream, local; a local of exactly 1 is left out, as `· 1` says nothing). `whole`
    /// writes the rule for every entry at once: an index not summed over reads `:` (`∂loss/∂z2[:,s]`).
    private func sent(from c: Int, slot: Int, to id: Int, row r: Int, col: Int, whole: Bool = false) -> (rule: Sentence, products: [(Double, Double?)])? {
        let consumer = record.nodes[c]
        let z = record.nodes[c].shape
        let upstream = record.grad(c)
        if consumer.op.isElementwise {
            // Every entry of the consumer that this entry was broadcast to.
            var entries: [(Int, Int)] = []
            for i in 0..<z.rows { for j in 0..<z.cols where broadcast(id, i, j) == r * record.nodes[id].shape.cols + col { entries.append((i, j)) } }
            guard let first = entries.first else { return nil }
            let a = consumer.a, b = consumer.b
            var products: [(Double, Double?)] = []
            var allOne = true
            for (i, j) in entries {
                let e = i * z.cols + j
                let av = record.value(a)[broadcast(a, i, j)], bv = b >= 0 ? record.value(b)[broadcast(b, i, j)] : 0
                guard let local = consumer.op.localDerivative(slot: slot, a: av, b: bv, z: record.value(c)[e],
                                                              count: record.nodes[a].shape.count) else { return nil }
                if local != 1 { allOne = false }
                products.append((upstream[e], local))
            }
            if allOne { products = products.map { ($0.0, nil) } }
            // Summed over columns (samples) or rows (units) where the entry was broadcast.
            let overColumns = entries.count > 1 && entries.allSatisfy { $0.0 == first.0 }
            let overRows = entries.count > 1 && entries.allSatisfy { $0.1 == first.1 }
            // A number broadcast over rows and columns at once: summed over both.
            let overBoth = entries.count > 1 && !overColumns && !overRows
            let rowName = overRows || overBoth ? Self.letter(overColumns: false) : whole && z.rows > 1 ? ":" : String(first.0)
            let colName = overColumns || overBoth ? Self.letter(overColumns: true) : whole && z.cols > 1 ? ":" : String(first.1)
            var rule: Sentence = overColumns || overRows ? [.text(Self.sigma(overColumns: overColumns))]
                : overBoth ? [.text("Σₖ,ₛ ")] : []
            rule += [.partial(of: "loss", by: indexed(c, row: rowName, col: colName))]
            if !allOne {
                let local = slot < consumer.op.localFormulas.count ? consumer.op.localFormulas[slot] : Formula([])
                rule += [.dot] + Self.grouped(entryFormula(local, node: c, row: rowName, col: colName, r: first.0, c: first.1, numbers: false))
            }
            return (rule, products)
        }
        switch consumer.op {
        case .matmul where consumer.b >= 0:
            let a = consumer.a, b = consumer.b
            let av = record.value(a), bv = record.value(b)
            let aCols = record.nodes[a].shape.cols, bCols = record.nodes[b].shape.cols
            if slot == 0 {
                // ∂loss/∂A[r,col] = Σⱼ ∂loss/∂Z[r,j] · B[col,j]: over the samples.
                let products = (0..<z.cols).map { j in (upstream[r * z.cols + j], Optional(bv[col * bCols + j])) }
                let rule: Sentence = [.text(z.cols > 1 ? "Σₛ " : ""), .partial(of: "loss", by: indexed(c, row: String(r), col: z.cols > 1 ? "s" : "0")),
                                      .dot, .name(indexed(b, row: String(col), col: z.cols > 1 ? "s" : "0"))]
                return (rule, products)
            }
            // ∂loss/∂B[r,col] = Σᵢ A[i,r] · ∂loss/∂Z[i,col]: over the units of the next layer.
            let products = (0..<z.rows).map { i in (av[i * aCols + r], Optional(upstream[i * z.cols + col])) }
            let rule: Sentence = [.text(z.rows > 1 ? "Σₖ " : ""), .name(indexed(a, row: z.rows > 1 ? "k" : "0", col: String(r))), .dot,
                                  .partial(of: "loss", by: indexed(c, row: z.rows > 1 ? "k" : "0", col: String(col)))]
            return (rule, products)
        case .transpose:
            return ([.partial(of: "loss", by: indexed(c, row: String(col), col: String(r)))], [(upstream[col * z.cols + r], nil)])
        case .sum, .mean:
            let count = record.nodes[consumer.a].shape.count
            guard let local = consumer.op.localDerivative(slot: 0, a: 0, b: 0, z: 0, count: count) else { return nil }
            let rule: Sentence = [.partial(of: "loss", by: names[c])] + (local == 1 ? [] : [.dot, .text("1/\(count)")])
            return (rule, [(upstream[0], local == 1 ? nil : local)])
        default:
            return nil
        }
    }
}
