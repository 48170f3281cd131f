import Autograd

/// Everything one update step did, as the screen shows it: the graph with its values, each
/// gradient backward sent, and each parameter before and after the update.
public struct StepRecord: Sendable {
    public var epoch: Int
    public var batch: Int
    /// Steps since the start of training.
    public var step: Int
    public var nodes: [Node]
    public var labels: [String]
    public var values: [Double]
    /// After backward: ∂loss/∂node for every node reached (params: their accumulated grad).
    public var grads: [Double]
    public var backward: BackwardLog
    public var parameterCount: Int
    public var lossNode: Int
    public var loss: Double
    public var paramsBefore: [[Double]]
    /// Param grads before this step's backward (nil = None, as before the first backward).
    public var gradsBefore: [[Double]?]
    public var paramsAfter: [[Double]]
    /// Per param: what the optimizer computed on the way from before to after (velocity, moments).
    public var updates: [ParameterUpdate] = []
    /// What weight decay did in this step (nil: the scenario has none).
    public var decay: WeightDecayStep?

    public func value(_ node: Int) -> [Double] {
        let n = nodes[node]
        return Array(values[n.offset..<(n.offset + n.shape.count)])
    }

    public func grad(_ node: Int) -> [Double] {
        let n = nodes[node]
        return Array(grads[n.offset..<(n.offset + n.shape.count)])
    }

    /// The grad_fn PyTorch records for this node (`MulBackward0`; `AccumulateGrad` for a param), so a
    /// student can match `print(z.grad_fn)`; a number as the first operand is a Python number there.
    public func gradFn(_ node: Int) -> String? {
        guard nodes.indices.contains(node) else { return nil }
        let n = nodes[node]
        return n.op.gradFn(afterNumber: nodes.indices.contains(n.a) && nodes[n.a].op == .constant)
    }

    public func label(_ node: Int) -> String? {
        let id = nodes[node].label
        return id >= 0 && Int(id) < labels.count ? labels[Int(id)] : nil
    }
}

extension Trainer {
    /// One update step like `step(batch:)`, recording everything the screen needs.
    public func recordedStep(batch b: Int, epoch: Int, step: Int) throws -> StepRecord {
        let params = runner.parameters
        let before = params.map(\.value)
        let gradsBefore = params.map(\.grad)
        let loss = try runner.run(batch: b)
        var log = BackwardLog()
        try tape.backward(loss, recorder: &log)
        let record = StepRecord(epoch: epoch, batch: b, step: step, nodes: tape.nodes, labels: tape.labels,
                                values: tape.allValues, grads: tape.allGrads, backward: log,
                                parameterCount: tape.parameterCount, lossNode: loss.id, loss: loss.item,
                                paramsBefore: before, gradsBefore: gradsBefore, paramsAfter: [])
        let stateBefore = optimizer
        optimizer.step(tape, thenZeroGrad: zeroesGrad)
        var done = record
        done.paramsAfter = params.map(\.value)
        let grads = (0..<record.parameterCount).map(record.grad)
        done.updates = optimizer.updates(since: stateBefore, grads: grads, paramsBefore: before, dtype: tape.dtype)
        done.decay = optimizer.decayStep(grads: grads, paramsBefore: before, dtype: tape.dtype)
        return done
    }
}
