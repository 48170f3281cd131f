import Autograd

/// Where each node's events sit in a step (indices into the step's template): the moment forward
/// computes it, backward's rule makes its gradient, and the update changes it.
public struct StepMoments: Sendable {
    public private(set) var forwardAt: [Int]
    public private(set) var backwardAt: [Int]
    public private(set) var updateAt: [Int]

    public init(template: [(phase: NoteMoment.Phase, node: Int)], nodeCount: Int) {
        forwardAt = [Int](repeating: -1, count: nodeCount)
        backwardAt = [Int](repeating: Int.max, count: nodeCount)
        updateAt = [Int](repeating: Int.max, count: nodeCount)
        for (i, t) in template.enumerated() where t.node >= 0 && t.node < nodeCount {
            switch t.phase {
            case .forward: forwardAt[t.node] = i
            case .backward: backwardAt[t.node] = min(backwardAt[t.node], i)
            case .update: updateAt[t.node] = i
            }
        }
    }
}

/// What exists at one event of a step (the one clock): which values forward has computed, which
/// gradients backward has made, which params the update has changed. Every panel asks this and
/// none decides for itself, so no panel shows what has not happened yet.
public struct EventState {
    public let record: StepRecord
    /// The event's position within its step.
    public let now: Int
    public let moments: StepMoments

    /// The state at `indexInStep` of the step `record` holds (moments from the timeline's template).
    public init(record: StepRecord, moments: StepMoments, now indexInStep: Int) {
        self.record = record
        self.moments = moments
        now = indexInStep
    }

    /// What a grad holds at an event.
    public enum Grad: Equatable, Sendable {
        /// `None`: no backward has made it yet (a param before its first backward; any other node
        /// before backward reaches it this step).
        case notYet
        /// A param's `.grad` before this step's gradient arrived: zeros after zero_grad, or what
        /// earlier steps accumulated.
        case held([Double])
        /// This step's: ∂loss/∂node, or a param's `.grad` once its gradient has arrived.
        case arrived([Double])

        /// The numbers, whichever they are (nil for None).
        public var values: [Double]? {
            switch self {
            case .notYet: return nil
            case .held(let v), .arrived(let v): return v
            }
        }

        /// `.held` with something other than zeros in it: earlier steps' gradients, not zeroed.
        public var holdsEarlierSteps: Bool {
            if case .held(let v) = self { return v.contains { $0 != 0 } }
            return false
        }
    }

    public func isParam(_ node: Int) -> Bool { node >= 0 && node < record.parameterCount }

    /// Whether forward has computed `node` (params, data and constants are there from the start).
    public func isComputed(_ node: Int) -> Bool {
        guard node >= 0, node < record.nodes.count else { return false }
        return isParam(node) || moments.forwardAt[node] <= now
    }

    /// Whether this step's gradient of `node` exists (backward's rule for it has run).
    public func hasGrad(_ node: Int) -> Bool {
        guard node >= 0, node < record.nodes.count, record.nodes[node].requiresGrad else { return false }
        return moments.backwardAt[node] <= now
    }

    /// Whether the update has changed param `p`.
    public func isUpdated(_ p: Int) -> Bool { isParam(p) && moments.updateAt[p] <= now }

    /// Whether every param's gradient of this step exists (backward is over).
    public var backwardDone: Bool { (0..<record.parameterCount).allSatisfy { !record.nodes[$0].requiresGrad || hasGrad($0) } }

    /// The value of `node` now: nil before forward computes it; a param's before or after its update.
    public func value(_ node: Int) -> [Double]? {
        if isParam(node) { return paramValue(node) }
        return isComputed(node) ? record.value(node) : nil
    }

    /// Param `p`'s value now.
    public func paramValue(_ p: Int) -> [Double] { isUpdated(p) ? record.paramsAfter[p] : record.paramsBefore[p] }

    /// Every param's value now, in param order.
    public var paramValues: [[Double]] { (0..<record.parameterCount).map(paramValue) }

    /// The grad of `node` now: a param's `.grad` attribute as PyTorch holds it; another node's
    /// ∂loss/∂node once backward reached it.
    public func grad(_ node: Int) -> Grad {
        guard node >= 0, node < record.nodes.count else { return .notYet }
        if hasGrad(node) { return .arrived(record.grad(node)) }
        if isParam(node), node < record.gradsBefore.count, let held = record.gradsBefore[node] { return .held(held) }
        return .notYet
    }

    /// This step's gradient of `node`, or nil before it exists.
    public func arrivedGrad(_ node: Int) -> [Double]? {
        hasGrad(node) ? record.grad(node) : nil
    }
}
