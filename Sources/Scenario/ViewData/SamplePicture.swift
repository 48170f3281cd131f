import Autograd
import Foundation

/// One image sample and what the model makes of it: the pixels, the class probabilities
/// (softmax of the logits) and the true class. What the sample panel draws for image data.
public struct SamplePicture: Equatable, Sendable {
    /// The step whose params made the probabilities, and the sample shown (the step's first).
    public var step: Int
    public var sample: Int
    /// Pixels row by row, `side` × `side`.
    public var pixels: [Double]
    public var side: Int
    /// softmax(logits) for this sample, one per class.
    public var probabilities: [Double]
    /// The true class, when the label is a class index.
    public var label: Int?

    public init(step: Int, sample: Int, pixels: [Double], side: Int, probabilities: [Double], label: Int?) {
        self.step = step
        self.sample = sample
        self.pixels = pixels
        self.side = side
        self.probabilities = probabilities
        self.label = label
    }

    /// The image column and its side, when the model reads one square image per sample
    /// (at least 4×4) and classifies it with cross_entropy.
    static func imageColumn(of scenario: Scenario) -> (name: String, side: Int)? {
        guard AccuracyRule.of(scenario)?.kind == .argmax else { return nil }
        let program = scenario.program
        guard program.inputCount == 1, let column = scenario.data.first(where: { $0.name == program.columns[0] }),
              let n = column.vectorLength else { return nil }
        let side = Int(clamping: Double(n).squareRoot().rounded(), to: 0...n)
        return side >= 4 && side * side == n ? (column.name, side) : nil
    }

    public static func applies(to scenario: Scenario) -> Bool { imageColumn(of: scenario) != nil }

    /// The picture of the step's first sample from the step's own record: its logits are the first
    /// column of the node cross_entropy reads, as this step's forward computed them (one forward,
    /// the record's, for every panel: the picture runs none of its own).
    public static func make(scenario: Scenario, record: StepRecord, sample: Int) -> SamplePicture? {
        guard let (name, side) = imageColumn(of: scenario), let rule = AccuracyRule.of(scenario),
              let column = scenario.data.first(where: { $0.name == name }), (0..<column.count).contains(sample),
              let logitsNode = logitsNode(in: record) else { return nil }
        let shape = record.nodes[logitsNode].shape
        let values = record.value(logitsNode)
        guard shape.cols >= 1, values.count == shape.rows * shape.cols else { return nil }
        // Samples travel as columns: the step's first sample is column 0.
        let logits = (0..<shape.rows).map { values[$0 * shape.cols] }
        let top = logits.max() ?? 0
        let exps = logits.map { Foundation.exp($0 - top) }
        let total = exps.reduce(0, +)
        let label = scenario.data.first { $0.name == rule.target }.flatMap { sample < $0.count ? $0.value(sample) : nil }
        return SamplePicture(step: record.step, sample: sample, pixels: Array(column.sample(sample)), side: side,
                             probabilities: exps.map { $0 / total }, label: label.flatMap { $0 >= 0 ? Int(exactly: $0) : nil })
    }

    /// The node whose values are the logits: what the step's cross_entropy reads first.
    public static func logitsNode(in record: StepRecord) -> Int? {
        record.nodes.first { $0.op == .crossEntropy && $0.a >= 0 }?.a
    }

    /// The class the model picks (the first largest probability).
    public var predicted: Int {
        probabilities.indices.max { probabilities[$0] < probabilities[$1] || (probabilities[$0] == probabilities[$1] && $0 > $1) } ?? 0
    }
}
