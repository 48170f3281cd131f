import Autograd

/// Trains a scenario as the lecture's loop does: for each epoch, for each batch in order —
/// forward, loss, backward, update, zero the grads.
public final class Trainer {
    public let scenario: Scenario
    public let runner: ModelRunner
    public var optimizer: OptimizerState
    /// Skip `zero_grad()` after the update (the "forgot to zero the grads" lesson).
    public var zeroesGrad: Bool

    public init(scenario: Scenario) {
        self.scenario = scenario
        zeroesGrad = scenario.train.zeroGrad
        runner = ModelRunner(scenario: scenario, program: scenario.program)
        optimizer = OptimizerState(optimizer: scenario.train.optimizer, lr: scenario.train.lr.value,
                                   weightDecay: scenario.train.weightDecay.value, parameterCount: runner.parameters.count)
    }

    public var tape: Tape { runner.tape }

    /// One update step on batch `b`; `afterBackward` sees the grads before they are used and zeroed.
    /// Returns the step's loss, taken before the update.
    @discardableResult
    public func step(batch b: Int, afterBackward: (Trainer, Double) -> Void = { _, _ in }) throws -> Double {
        let value: Double
        if let replayed = runner.trainingStep(batch: b) {
            value = replayed
        } else {
            let loss = try runner.run(batch: b)
            value = loss.item
            try tape.backward(loss)
        }
        afterBackward(self, value)
        optimizer.step(tape, thenZeroGrad: zeroesGrad)
        return value
    }

    /// `forward(x).item()` for each predict entry: y_pred's values and shape.
    public func predictions() throws -> [(values: [Double], shape: Shape)] {
        try PredictInputs.batches(of: scenario, program: scenario.program).map { inputs in
            let y = try runner.predict(inputs)
            return (y.value, y.shape)
        }
    }

    /// Everything the optimizer and parameters are now, to come back to later (the screen's rewind).
    public struct Checkpoint: Sendable {
        public var values: [[Double]]
        public var grads: [[Double]?]
        public var optimizer: OptimizerState
    }

    public func checkpoint() -> Checkpoint {
        Checkpoint(values: runner.parameters.map(\.value), grads: runner.parameters.map(\.grad), optimizer: optimizer)
    }

    public func restore(_ c: Checkpoint) {
        tape.clearGrad()
        for (i, p) in runner.parameters.enumerated() {
            tape.setValue(p, c.values[i])
        }
        tape.restoreGrads(c.grads)
        optimizer = c.optimizer
    }
}
