import Autograd

/// How a classification scenario's predictions are counted right: a sigmoid output with BCE is
/// right when it is on the label's side of 0.5; cross_entropy's logits when their largest row is
/// the label. Other scenarios (regression) have no accuracy.
public struct AccuracyRule: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// ŷ > 0.5 says 1, else 0 (PyTorch's `(y_pred > 0.5).float() == y`).
        case threshold
        /// The row of the largest logit in each column (PyTorch's `logits.argmax(0) == y`, first max wins).
        case argmax
    }

    public var kind: Kind
    /// The slot holding the predictions (ŷ, or the logits).
    public var outputSlot: Int
    /// The data column with the labels.
    public var target: String

    /// The rule for this scenario, or nil when it is not a classification.
    public static func of(_ scenario: Scenario) -> AccuracyRule? {
        let program = scenario.program
        guard program.columns.count > program.inputCount else { return nil }
        let lossOps = program.instructions[program.forwardEnd...]
        for instruction in lossOps {
            if case .binary(let op, let logits, let labels) = instruction, op.isClassCrossEntropy,
               case .data(let c) = program.instructions[labels], program.columns.indices.contains(c) {
                return AccuracyRule(kind: .argmax, outputSlot: logits, target: program.columns[c])
            }
        }
        guard program.instructions.indices.contains(program.yPredSlot),
              case .unary(.sigmoid, _) = program.instructions[program.yPredSlot],
              lossOps.contains(.unary(.log, program.yPredSlot)) else { return nil }
        return AccuracyRule(kind: .threshold, outputSlot: program.yPredSlot, target: program.columns[program.inputCount])
    }

    /// Right answers and samples in the batch the runner has just run forward (before its update).
    public func count(_ runner: ModelRunner, batch: Int) -> (right: Int, samples: Int) {
        guard let output = runner.tensor(ofSlot: outputSlot),
              let labels = runner.scenario.data.first(where: { $0.name == target }) else { return (0, 0) }
        let samples = runner.samples(ofBatch: batch)
        guard !samples.isEmpty, samples.upperBound <= labels.count else { return (0, 0) }
        let right = Self.right(kind, output.value, samples: samples.count) { labels.value(samples.lowerBound + $0) }
        return (right, samples.count)
    }

    /// Right answers among `b` samples whose outputs are `values` (samples as columns), sample j's label `label(j)`.
    static func right(_ kind: Kind, _ values: [Double], samples b: Int, label: (Int) -> Double) -> Int {
        guard b > 0, !values.isEmpty else { return 0 }
        var n = 0
        switch kind {
        case .threshold:
            for j in 0..<b where j < values.count && (values[j] > 0.5 ? 1.0 : 0.0) == label(j) { n += 1 }
        case .argmax:
            let rows = values.count / b
            for j in 0..<b {
                var best = 0
                for r in 1..<max(1, rows) where values[r * b + j] > values[best * b + j] { best = r }
                if Double(best) == label(j) { n += 1 }
            }
        }
        return n
    }
}

extension Op {
    /// cross_entropy(logits, labels).
    var isClassCrossEntropy: Bool { self == .crossEntropy }
}
