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
    /// compute there (data arriving, ∂loss/∂loss, tensor nodes). `lr` enables questions at update
    /// events: plain SGD's w − lr·grad, momentum's velocity (its first step: the step), Adam's step.
    public static func question(record: StepRecord, event: TimelineEvent, names: NodeNames, lr: Literal? = nil) -> Question? {
        let id = event.node
        guard id >= 0, id < record.nodes.count else { return nil }
        switch event.phase {
        case .forward: return forwardQuestion(record, id, names)
        case .backward: return backwardQuestion(record, id, names)
        case .update: return lr.flatMap { updateQuestion(record, id, names, $0) }
        }
    }

    /// Most products a question's sum may have: a longer one does not fit the caption's rows and
    /// is no sum to work out by hand (deep193's sums over 8 samples are not asked; xor's over 4 are).
    public static let mostTerms = 4

    /// The entry a question about a tensor asks for: the largest by magnitude, as the inspector's
    /// grid lights it (in the update, the first: the update's lines follow it).
    public static func entry(_ values: [Double]) -> Int { InspectorPanel.largest(values) ?? 0 }

    private static func forwardQuestion(_ r: StepRecord, _ id: Int, _ names: NodeNames) -> Question? {
        let node = r.nodes[id]
        guard !node.op.isLeaf else { return nil }
        let rule = ChainRule(record: r, names: names)
        if node.shape.count > 1 || node.op == .sum || node.op == .mean {
            // A tensor: one entry, its arithmetic written out (`z3[0,1] = Σₖ W2[0,k] · h[k,1] = …`).
            let k = entry(r.value(id))
            guard let e = rule.forwardEntry(id, entry: k), e.terms <= mostTerms, let numbers = e.numbers else { return nil }
            let head: Sentence = [.name(rule.indexed(id, entry: k)), .text(" = ")] + e.rule + [.text(" = ")] + numbers + [.text(" = ")]
            return question(head, answer: r.value(id)[k], node: id)
        }
        guard node.op != .matmul, node.op != .transpose else { return nil }
        let (symbols, numbers) = rule.forward(id)
        guard let numbers else { return nil }
        return question(symbols + [.text(" = ")] + numbers + [.text(" = ")], answer: r.value(id)[0], node: id)
    }

    private static func backwardQuestion(_ r: StepRecord, _ id: Int, _ names: NodeNames) -> Question? {
        // ∂loss/∂loss = 1 is given, not computed.
        guard id != r.lossNode, r.nodes[id].requiresGrad else { return nil }
        let rule = ChainRule(record: r, names: names)
        if let sum = rule.gradientSum(id) {
            let head: Sentence = [.partial(of: "loss", by: names[id]), .text(" = ")] + sum.rule + [.text(" = ")] + sum.numbers + [.text(" = ")]
            return question(head, answer: r.grad(id)[0], node: id)
        }
        // A tensor (or a number summed over a batch): one entry, its sum written out.
        let k = entry(r.grad(id))
        guard let e = rule.gradientEntry(id, entry: k), e.terms <= mostTerms, let numbers = e.numbers else { return nil }
        let head: Sentence = [.partial(of: "loss", by: rule.indexed(id, entry: k)), .text(" = ")] + e.rule + [.text(" = ")] + numbers + [.text(" = ")]
        return question(head, answer: r.grad(id)[k], node: id)
    }

    private static func updateQuestion(_ r: StepRecord, _ id: Int, _ names: NodeNames, _ lr: Literal) -> Question? {
        guard id < r.parameterCount, id < r.paramsBefore.count, id < r.paramsAfter.count,
              let before = r.paramsBefore[id].first, let after = r.paramsAfter[id].first, after.isFinite else { return nil }
        let grad = r.grad(id)[0]
        // A tensor's first entry, which the update's lines follow.
        let w = ChainRule(record: r, names: names).indexed(id, entry: 0)
        let update = id < r.updates.count ? r.updates[id] : .sgd
        // Weight decay's λ·w makes sgd's and momentum's lines two steps of arithmetic: not asked (Adam's step still is).
        if r.decay != nil {
            guard case .adam = update else { return nil }
        }
        switch update {
        case .sgd:
            // Plain SGD only when the numbers say so (a step that is not one line of arithmetic is not asked).
            let sgd = before - lr.value * grad
            guard abs(sgd - after) <= 1e-6 * max(1, abs(after)) else { return nil }
            let head: Sentence = [.name(w), .text(" = "), .name(w), .text(" - lr"), .dot, .partial(of: "loss", by: w), .text(" = "),
                                  .number(before), .text(" - \(lr.text)"), .times, .factor(grad), .text(" = ")]
            return question(head, answer: after, node: id)
        case .momentum(let u):
            guard let v = u.velocity.first else { return nil }
            // The velocity is the new arithmetic; on the first step it is the grad itself, so the step is asked.
            if let previous = u.velocityBefore?.first {
                let head: Sentence = [.text("v = \(NumberFormat.short(u.momentum))"), .dot, .text("v + "), .partial(of: "loss", by: w),
                                      .text(" = \(NumberFormat.short(u.momentum))"), .times, .factor(previous), .text(" + "), .factor(grad), .text(" = ")]
                return question(head, answer: v, node: id)
            }
            let head: Sentence = [.name(w), .text(" = "), .name(w), .text(" - lr"), .dot, .text("v (v = g on the first step) = "),
                                  .number(before), .text(" - \(lr.text)"), .times, .factor(v), .text(" = ")]
            return question(head, answer: after, node: id)
        case .adam(let u):
            guard let mHat = u.mHat.first, let vHat = u.vHat.first, let step = u.step.first else { return nil }
            // The step from the corrected moments: on the first steps about lr whatever the gradient's size.
            let head: Sentence = [.text("step = -lr"), .dot, .text("m̂/(√v̂ + eps) = -\(lr.text)"), .times, .factor(mHat),
                                  .text(" / (\(NumberFormat.short(vHat.squareRoot())) + \(NumberFormat.short(u.eps))) = ")]
            return question(head, answer: step, node: id)
        }
    }

    /// A question from its sentence up to the `=` before the answer: the prompt ends in `?`, the
    /// explanation in the answer.
    private static func question(_ head: Sentence, answer: Double, node: Int) -> Question {
        Question(prompt: (head + [.unknown]).text(), answer: answer, explanation: (head + [.number(answer)]).text(), node: node)
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
            .replacingOccurrences(of: "−", with: "-")   // a typographic minus, as notes and other tools write it
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
