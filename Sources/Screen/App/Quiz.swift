import Foundation
import Autograd
import Scenario

/// Quiz mode (`--quiz`): before a forward value, a gradient or an update is revealed, the student
/// types it; the verdict shows the correct arithmetic, and a score is kept for the end.
public struct Quiz: Sendable, Equatable {
    /// One thing to compute, with the arithmetic that gives it.
    public struct Question: Sendable, Equatable {
        /// `z = x · w = 1.0 × 1.0 = ?`
        public var prompt: String
        public var answer: Double
        /// `z = x · w = 1.0 × 1.0 = 1.0`
        public var explanation: String
        /// The node the question is about (the event's node).
        public var node: Int
    }

    /// What a typed answer was judged to be.
    public enum Verdict: Sendable, Equatable {
        case right(String)
        case wrong(String)
        /// Not a number: nothing is counted, the student types again.
        case unreadable(String)

        public var message: String {
            switch self {
            case .right(let m), .wrong(let m), .unreadable(let m): return m
            }
        }
    }

    public private(set) var right = 0
    public private(set) var asked = 0

    public init() {}

    /// "7 of 9 right", for the end of the run.
    public var summary: String { asked == 0 ? "no questions answered" : "\(right) of \(asked) right" }

    // MARK: questions

    /// The question to ask before `event` reveals its number, or nil when there is nothing to
    /// compute there (data arriving, ∂loss/∂loss, tensor nodes, optimizers other than plain SGD).
    /// `lr` enables questions at update events (plain SGD: w − lr · grad).
    public static func question(record: StepRecord, event: TimelineEvent, names: NodeNames, lr: Literal? = nil) -> Question? {
        let id = event.node
        guard id >= 0, id < record.nodes.count, record.nodes[id].shape.count == 1 else { return nil }
        switch event.phase {
        case .forward: return forwardQuestion(record, id, names)
        case .backward: return backwardQuestion(record, id, names)
        case .update: return lr.flatMap { updateQuestion(record, id, names, $0) }
        }
    }

    private static func s(_ v: Double) -> String { NumberFormat.short(v) }
    /// A number after an operator: negatives in parentheses, as one writes 1.0 × (−2.0).
    private static func o(_ v: Double) -> String { v.sign == .minus ? "(\(s(v)))" : s(v) }

    private static func scalar(_ r: StepRecord, _ node: Int) -> Double? {
        node >= 0 && node < r.nodes.count && r.nodes[node].shape.count == 1 ? r.value(node)[0] : nil
    }

    private static func forwardQuestion(_ r: StepRecord, _ id: Int, _ names: NodeNames) -> Question? {
        let node = r.nodes[id]
        guard !node.op.isLeaf, node.op != .matmul, node.op != .transpose, let a = scalar(r, node.a) else { return nil }
        let b = node.b >= 0 ? scalar(r, node.b) : 0
        guard let b else { return nil }
        let formula = node.op.formula.substitutingWords(["a": names[node.a], "b": node.b >= 0 ? names[node.b] : ""])
        let numbers = node.op.formula
            .replacingOccurrences(of: "a · b", with: "a × b")
            .substitutingWords(["a": o(a), "b": o(b)])
        let head = "\(names[id]) = \(formula) = \(numbers) = "
        let answer = r.value(id)[0]
        return Question(prompt: head + "?", answer: answer, explanation: head + s(answer), node: id)
    }

    private static func backwardQuestion(_ r: StepRecord, _ id: Int, _ names: NodeNames) -> Question? {
        // ∂loss/∂loss = 1 is given, not computed.
        guard id != r.lossNode, r.nodes[id].requiresGrad else { return nil }
        var symbols: [String] = [], products: [String] = []
        var seen: [Int: Int] = [:]
        for message in r.backward.messages where message.to == id {
            let c = message.from
            let consumer = r.nodes[c]
            // Only scalar chains: a gradient summed over a tensor is not one multiplication.
            guard consumer.shape.count == 1, message.contribution.count == 1 else { return nil }
            let k = seen[c, default: 0]
            seen[c] = k + 1
            let slot = k == 0 && consumer.a == id ? 0 : 1
            guard let av = scalar(r, consumer.a) else { return nil }
            let bv = consumer.b >= 0 ? scalar(r, consumer.b) ?? 0 : 0
            guard let local = consumer.op.localDerivative(slot: slot, a: av, b: bv, z: r.value(c)[0], count: 1) else { return nil }
            let upstreamName = c == r.lossNode ? "∂loss/∂loss" : "∂loss/∂\(names[c])"
            // The loss node's own name would read ∂loss/∂loss · ∂loss/∂z1: write its formula instead.
            let zText = c == r.lossNode
                ? "(\(consumer.op.formula.substitutingWords(["a": names[consumer.a], "b": consumer.b >= 0 ? names[consumer.b] : ""])))"
                : names[c]
            symbols.append("\(upstreamName) · ∂\(zText)/∂\(names[id])")
            products.append("\(s(r.grad(c)[0])) × \(o(local))")
        }
        guard !products.isEmpty else { return nil }
        var symbolic = symbols.joined(separator: " + ")
        var arithmetic = products.count == 1 ? products[0] : products.map { "(\($0))" }.joined(separator: " + ")
        // Without zero_grad the param's grad adds to what it held: say so in the sum.
        if id < r.parameterCount, id < r.gradsBefore.count, let held = r.gradsBefore[id]?.first, held != 0 {
            symbolic = "\(names[id]).grad + " + symbolic
            arithmetic = "\(s(held)) + " + (products.count == 1 ? "(\(arithmetic))" : arithmetic)
        }
        let head = "∂loss/∂\(names[id]) = \(symbolic) = \(arithmetic) = "
        let answer = r.grad(id)[0]
        return Question(prompt: head + "?", answer: answer, explanation: head + s(answer), node: id)
    }

    private static func updateQuestion(_ r: StepRecord, _ id: Int, _ names: NodeNames, _ lr: Literal) -> Question? {
        guard id < r.parameterCount, id < r.paramsBefore.count, id < r.paramsAfter.count,
              let before = r.paramsBefore[id].first, let after = r.paramsAfter[id].first else { return nil }
        let grad = r.grad(id)[0]
        // Ask only when the step was plain SGD; momentum and Adam are not one line of arithmetic.
        let sgd = before - lr.value * grad
        guard after.isFinite, abs(sgd - after) <= 1e-6 * max(1, abs(after)) else { return nil }
        let head = "\(names[id]) = \(names[id]) − lr · ∂loss/∂\(names[id]) = \(s(before)) − \(lr.text) × \(o(grad)) = "
        return Question(prompt: head + "?", answer: after, explanation: head + s(after), node: id)
    }

    // MARK: answers

    /// Judges a typed answer and counts it (unreadable text is not counted).
    ///
    /// Right when within 1% relative or 1e-6 absolute: `0.7` for 0.693 and `-7.84` for
    /// -7.8400002 are right, `1.0` for 1.02 (the first update's whole point) is not.
    public mutating func submit(_ typed: String, for q: Question) -> Verdict {
        guard let value = Self.read(typed) else {
            return .unreadable("type a number, like -2, 1.02 or 4e-1")
        }
        asked += 1
        if Self.isRight(value, q.answer) {
            right += 1
            return .right("right: \(q.explanation)")
        }
        return .wrong("not quite (you typed \(typed.trimmingCharacters(in: .whitespaces))): \(q.explanation)")
    }

    /// A typed number (`-2`, `1.02`, `4e-1`, `−2`, `1,5`), or nil when it is not one.
    static func read(_ typed: String) -> Double? {
        var text = typed.trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "−", with: "-")   // the minus sign the screen prints
            .replacingOccurrences(of: ",", with: ".")   // a decimal comma
            .lowercased()
        if text.hasPrefix("+") { text.removeFirst() }
        // Only plain decimal notation: Double("nan"), Double("inf") and hex like "0x1p3" would parse.
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.e".contains($0)) }),
              text.contains(where: \.isNumber), let value = Double(text), value.isFinite else { return nil }
        return value
    }

    static func isRight(_ typed: Double, _ answer: Double) -> Bool {
        guard answer.isFinite else { return false }
        let difference = abs(typed - answer)
        return difference <= 1e-6 || difference <= 0.01 * abs(answer)
    }
}

/// The line the student types an answer into: digits and the characters of a number only.
public struct AnswerInput: Sendable, Equatable {
    public private(set) var text = ""
    /// Long enough for any float's digits; a held key does not grow it forever.
    public static let maxLength = 24

    public init() {}

    /// Adds a character if it can be part of a number; returns whether it was taken.
    @discardableResult
    public mutating func type(_ c: Character) -> Bool {
        let c: Character = c == "E" ? "e" : c
        guard text.count < Self.maxLength, c.isASCII, c.isNumber || ".-e+".contains(c) else { return false }
        text.append(c)
        return true
    }

    public mutating func backspace() {
        if !text.isEmpty { text.removeLast() }
    }

    public mutating func clear() { text = "" }
}
