import Autograd

/// What a live fork (the screen's `A` and `O`) changes from some step on: the hidden layers'
/// activation, the optimizer. nil keeps what the run had.
public struct ModelChange: Equatable, Sendable {
    public var step: Int
    public var activation: Op?
    public var optimizer: Optimizer?

    public init(step: Int, activation: Op? = nil, optimizer: Optimizer? = nil) {
        self.step = step
        self.activation = activation
        self.optimizer = optimizer
    }
}

extension Scenario {
    /// The activations a hidden layer can be forked to, in the order `A` cycles them.
    public static let hiddenActivations: [Op] = [.sigmoid, .tanh, .relu]
    /// The optimizers `O` cycles through, with PyTorch's defaults.
    public static let forkOptimizers: [Optimizer] = [.sgd(momentum: 0), .sgd(momentum: 0.9), .adam(beta1: 0.9, beta2: 0.999, eps: 1e-8)]

    /// Where the hidden activations are called: (forward line, column) of every sigmoid, tanh or
    /// relu in forward except one that makes y_pred itself (the output's activation stays).
    var hiddenActivationCalls: [(line: Int, column: Int, op: Op)] {
        var calls: [(line: Int, column: Int, op: Op)] = []
        func walk(_ e: Expression, line: Int, top: Bool) {
            switch e {
            case .number, .name: break
            case .binary(_, let l, let r, _): walk(l, line: line, top: false); walk(r, line: line, top: false)
            case .negate(let x, _), .power(let x, _, _), .transpose(let x, _): walk(x, line: line, top: false)
            case .call(let op, let arguments, let at):
                let isOutput = top && line == forward.count - 1
                if Scenario.hiddenActivations.contains(op) && !isOutput { calls.append((line, at, op)) }
                for a in arguments { walk(a, line: line, top: false) }
            }
        }
        for (line, assignment) in forward.enumerated() { walk(assignment.expression, line: line, top: true) }
        return calls
    }

    /// Whether the call at `column` of forward's line `line` is a hidden layer's activation (one a fork of `A` changes).
    public func isHiddenActivationCall(line: Int, column: Int) -> Bool {
        hiddenActivationCalls.contains { $0.line == line && $0.column == column }
    }

    /// The hidden layers' activation, when every hidden one is the same (nil: none, or mixed).
    public var hiddenActivation: Op? {
        let ops = hiddenActivationCalls.map(\.op)
        guard let first = ops.first, ops.allSatisfy({ $0 == first }) else { return nil }
        return first
    }

    /// The same model with every hidden activation `op` (forward's text and the compiled program alike).
    public func withHiddenActivation(_ op: Op) -> Scenario {
        let calls = hiddenActivationCalls
        var s = self
        func rewrite(_ e: Expression, line: Int) -> Expression {
            switch e {
            case .number, .name: return e
            case .binary(let o, let l, let r, let at): return .binary(o, rewrite(l, line: line), rewrite(r, line: line), at: at)
            case .negate(let x, let at): return .negate(rewrite(x, line: line), at: at)
            case .power(let x, let p, let at): return .power(rewrite(x, line: line), p, at: at)
            case .transpose(let x, let at): return .transpose(rewrite(x, line: line), at: at)
            case .call(let f, let arguments, let at):
                let hidden = calls.contains { $0.line == line && $0.column == at }
                return .call(hidden ? op : f, arguments.map { rewrite($0, line: line) }, at: at)
            }
        }
        s.forward = forward.enumerated().map { line, a in
            var a = a
            a.expression = rewrite(a.expression, line: line)
            return a
        }
        for (i, instruction) in s.program.instructions.enumerated() {
            guard case .unary(let f, let slot) = instruction, Scenario.hiddenActivations.contains(f) else { continue }
            let origin = s.program.origins[i]
            if calls.contains(where: { $0.line == origin.expression && $0.column == origin.column }) {
                s.program.instructions[i] = .unary(op, slot)
            }
        }
        return s
    }

    /// The same scenario trained by `optimizer` (lr and weight decay as written).
    public func withOptimizer(_ optimizer: Optimizer) -> Scenario {
        var s = self
        s.train.optimizer = optimizer
        return s
    }

    /// The optimizer after `current` in `O`'s cycle (one not in it goes to the cycle's first).
    public static func nextForkOptimizer(after current: Optimizer) -> Optimizer {
        guard let i = forkOptimizers.firstIndex(of: current) else { return forkOptimizers[0] }
        return forkOptimizers[(i + 1) % forkOptimizers.count]
    }

    /// The activation after `current` in `A`'s cycle.
    public static func nextHiddenActivation(after current: Op) -> Op {
        guard let i = hiddenActivations.firstIndex(of: current) else { return hiddenActivations[0] }
        return hiddenActivations[(i + 1) % hiddenActivations.count]
    }
}
