import Autograd

/// Where a scenario's held-out samples come from.
public enum HeldOutSplit: Sendable, Equatable {
    /// `test_fraction`: the last `count` samples of the data, in file order.
    case fraction(Literal, count: Int)
    /// `test_file`: another CSV with the same columns.
    case file(DataFile)
}

extension Scenario {
    /// Every file this scenario was read from: itself, its data file and its held-out file. An
    /// output written over one of them would destroy what it was made from.
    public var filesRead: [String] {
        var files = [file]
        if let dataFile { files.append(dataFile.path) }
        if case .file(let test)? = heldOut { files.append(test.path) }
        return files
    }
}

/// The held-out samples' loss and accuracy after an epoch, as PyTorch computes them under
/// `torch.no_grad()`: the whole test set as one batch, forward and loss only, on the parameters
/// the epoch left (nothing is trained on them, no gradient is kept).
public final class HeldOutEvaluator {
    let runner: ModelRunner
    public let accuracy: AccuracyRule?

    /// nil when the scenario holds nothing out.
    public init?(scenario: Scenario) {
        guard scenario.heldOut != nil, let count = scenario.test.first?.count, count > 0 else { return nil }
        var test = scenario
        test.data = scenario.test
        test.train.batchSize = .all
        runner = ModelRunner(scenario: test, program: scenario.program)
        accuracy = AccuracyRule.of(test)
    }

    /// One epoch's measures, the parameters given in the order of first use.
    public struct Measures: Sendable, Equatable {
        public var loss: Double
        /// nil unless the scenario classifies.
        public var accuracy: Double?
    }

    public func measure(parameters: [[Double]]) throws -> Measures {
        for (i, p) in runner.parameters.enumerated() where i < parameters.count { runner.tape.setValue(p, parameters[i]) }
        let loss = try runner.run(batch: 0)
        let right = accuracy.map { rule -> Double in
            let (right, samples) = rule.count(runner, batch: 0)
            return Double(right) / Double(max(1, samples))
        }
        return Measures(loss: loss.item, accuracy: right)
    }
}
