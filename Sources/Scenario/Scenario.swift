import Autograd

/// A number as the teacher wrote it: its value, and its text for printing (`4` stays `4`).
public struct Literal: Equatable, Sendable {
    public var value: Double
    /// The text as written when Python would print `value` differently (`4`, not `4.0`).
    private let written: String?

    /// Python's printing of `value` is made when asked for: a data set of a million numbers
    /// is loaded without formatting any of them.
    public var text: String { written ?? NumberFormat.python(value) }

    /// The text as written, when Python would print the value otherwise; nil when it prints the same.
    public var writtenText: String? { written }

    public init(_ value: Double, text: String? = nil) {
        self.value = value
        self.written = text
    }

    public static func == (a: Literal, b: Literal) -> Bool { a.value == b.value && a.text == b.text }
}

/// An expression over params shown beside the graph as training goes (`watch` in [model]).
public struct WatchExpression: Sendable {
    public var text: String
    public var expression: Expression
    var position: SourcePosition
    /// The expression compiled once, when the scenario is checked: `program.evaluate` gives its value.
    public internal(set) var program = Program()
}

/// A parameter's initial value and shape.
public struct ParameterSpec: Equatable, Sendable {
    public var name: String
    public var shape: Shape
    public var values: [Double]
}

/// The optimizer and its settings, with PyTorch's defaults.
public enum Optimizer: Equatable, Sendable {
    case sgd(momentum: Double)
    case adam(beta1: Double, beta2: Double, eps: Double)
    /// Adam with decoupled weight decay (`torch.optim.AdamW`): w shrinks by lr·λ·w before the
    /// Adam step, instead of λ·w joining the gradient.
    case adamw(beta1: Double, beta2: Double, eps: Double)

    public var name: String {
        switch self {
        case .sgd(let m): return m == 0 ? "sgd" : "sgd (momentum \(NumberFormat.short(m)))"
        case .adam: return "adam"
        case .adamw: return "adamw"
        }
    }

    /// Adam's settings, for adam and adamw alike (the same moments, the same step).
    public var adamSettings: (beta1: Double, beta2: Double, eps: Double)? {
        switch self {
        case .sgd: return nil
        case .adam(let b1, let b2, let e), .adamw(let b1, let b2, let e): return (b1, b2, e)
        }
    }

    /// Whether weight decay shrinks w directly (AdamW) rather than joining the gradient as λ·w.
    public var decouplesWeightDecay: Bool {
        if case .adamw = self { return true }
        return false
    }
}

/// How many samples make one update step.
public enum BatchSize: Equatable, Sendable {
    case count(Int)
    case all
}

/// `[train]`.
public struct TrainingSettings: Equatable, Sendable {
    public var epochs: Int = 100
    public var lr: Literal = Literal(0.01, text: "0.01")
    public var batchSize: BatchSize = .count(1)
    public var optimizer: Optimizer = .sgd(momentum: 0)
    /// λ of PyTorch's `weight_decay`: L2 added to the gradient as λ·w (sgd, momentum, adam), or
    /// w shrunk by lr·λ·w (adamw, whose default is PyTorch's 0.01).
    public var weightDecay: Literal = Literal(0, text: "0.0")
    public var dtype: DType = .float32
    /// `w.grad.data.zero_()` after each update; false shows what forgetting it does.
    public var zeroGrad = true
}

/// When a caption shows: a moment of the animation.
public struct NoteMoment: Equatable, Sendable {
    public enum Phase: String, Sendable, CaseIterable { case forward, backward, update }
    public var epoch: Int
    public var sample: Int
    public var phase: Phase
    public var node: String?
}

/// A caption from `[[notes]]`.
public struct Note: Equatable, Sendable {
    public var at: NoteMoment
    public var text: String
    public var pause: Bool
}

/// Where a piece of the file is, so later checks can point at it.
public struct SourcePosition: Equatable, Sendable {
    public var line: Int
    public var column: Int
}

/// A scenario file, read and checked: everything the trainer, the screen and the exporters need.
public struct Scenario: Sendable {
    public var file: String
    public var name: String
    public var title: String
    public var summary: String
    public var data: [DataColumn]
    public var parameters: [ParameterSpec]
    /// `forward`: the assignments in order; the last one assigns y_pred.
    public var forward: [Assignment]
    public var loss: Expression
    public var watch: [WatchExpression]
    public var train: TrainingSettings
    /// `[predict]`: samples per input column.
    public var predict: [DataColumn]
    public var notes: [Note]
    /// `[data] file = …`: the CSV the samples were read from (nil when they are written inline).
    public internal(set) var dataFile: DataFile?
    /// The held-out samples (`test_fraction`, `test_file`), column by column as `data`; empty when none.
    public internal(set) var test: [DataColumn] = []
    /// Where the held-out samples came from; nil when the scenario holds none out.
    public internal(set) var heldOut: HeldOutSplit?
    /// `[data] features`: the expressions that built x from other columns; nil when x is data itself.
    public internal(set) var features: Features?
    /// The model compiled for the tape (set when the file is checked).
    public internal(set) var program = Program()
    /// Where each expression string sits in the file (for errors found when building the model).
    var forwardPositions: [SourcePosition]
    var lossPosition: SourcePosition

    public var sampleCount: Int { data.first?.count ?? 0 }

    public var batchSize: Int {
        switch train.batchSize {
        case .all: return max(1, sampleCount)
        case .count(let n): return max(1, min(n, max(1, sampleCount)))
        }
    }

    /// Update steps in one epoch.
    public var stepsPerEpoch: Int { sampleCount == 0 ? 0 : (sampleCount + batchSize - 1) / batchSize }
}
