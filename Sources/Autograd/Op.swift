import Foundation

/// What the rest of the program asks of an op; every answer is read off its row (`OpTable.swift`).
extension Op {
    /// pow's exponent, 0 for every other op.
    @inline(__always) public var exponent: Double {
        if case .pow(let p) = self { return p }
        return 0
    }

    public var isLeaf: Bool {
        switch self {
        case .input, .param, .constant: return true
        default: return false
        }
    }

    public var arity: Int { row.arity }

    /// Whether the op computes each element from the same elements of its operands (broadcast),
    /// so one entry of it reads as the scalar rule on entries.
    public var isElementwise: Bool {
        if case .elementwise = row.kernel { return true }
        return false
    }

    /// The shape this op makes of operands shaped `a` (and `b`, for two), nil when they do not
    /// fit: the one rule the tape applies before it computes, so a model's shapes can also be
    /// worked out without its numbers (what `check` does for a batch of a million samples).
    public func shape(_ a: Shape, _ b: Shape? = nil) -> Shape? {
        switch row.kernel {
        case .leaf:
            return a
        case .elementwise:
            if let b, row.arity == 2 { return Shape.broadcast(a, b) }
            return a
        case .custom(let kernel):
            return kernel.shape(a, row.arity == 2 ? b ?? a : a)
        }
    }

    /// The name the screen shows on an op node (the lecture writes MM, ADD …).
    public var symbol: String { row.symbol(exponent) }

    /// The function's name in model expressions (`sigmoid`), nil for operators and leaves.
    public var name: String? { row.name }

    /// Whether it is a layer's activation (sigmoid, tanh, relu): the neuron view keeps it in the layer.
    public var isActivation: Bool { row.isActivation }

    /// The lecture's short notation (`σ`, `CE`), if the op has one: what a small graph box shows.
    public var shortSymbol: String? { row.shortSymbol }

    /// How PyTorch spells the op.
    public var pytorch: PyTorchSpelling? { row.pytorch }

    /// The node PyTorch's autograd records for this op, as `print(z.grad_fn)` names it
    /// (`MulBackward0`, `MmBackward0`; `AccumulateGrad` for a parameter); nil for data and
    /// constants, which have none. `afterNumber`: the first operand is a number written in the
    /// expression, a Python number in PyTorch (`1 - y` is `RsubBackward1` there).
    public func gradFn(afterNumber: Bool = false) -> String? {
        afterNumber ? row.gradFnAfterNumber ?? row.gradFn : row.gradFn
    }

    /// How a `[data]` feature writes the function in Python, nil when a feature may not call it.
    public var python: PythonFloat? { row.python }

    /// The function on one float64 number, as a `[data]` feature computes it: the row's own rule
    /// in float64, which is Python's float arithmetic; nan where Python would raise, nil for an op
    /// a feature may not call.
    public func pythonValue(_ x: Double) -> Double? {
        guard let python = row.python, case .elementwise(let rule) = row.kernel else { return nil }
        if python.raises?(x) == true { return .nan }
        return rule.value(Element(a: x, b: 0, z: 0, p: exponent, dtype: .float64))
    }

    /// The value z as terms, operands as slots.
    public var valueFormula: Formula { row.valueFormula(exponent) }

    /// ∂z/∂operand for each operand, as terms.
    public var localFormulas: [Formula] { row.localFormulas(exponent) }

    /// The gradient sent to each operand, as terms with `.upstream` standing for ∂loss/∂z:
    /// upstream · local for elementwise ops, `∂loss/∂z · Bᵀ` and `Aᵀ · ∂loss/∂z` for matmul.
    public var gradientFormulas: [Formula] {
        row.gradientFormulas ?? localFormulas.map { Formula([.upstream, .times] + $0.terms) }
    }

    /// The value's formula with letters for operands ("a · b", "A @ B"): shape errors and the
    /// screens' text until the chain-rule sentence builder replaces it.
    public var formula: String { valueFormula.rendered(letters: row.letters) }

    /// The local derivatives with letters for operands ("b", "z·(1−z)", "· Bᵀ").
    public var localDerivatives: [String] { localFormulas.map { $0.rendered(letters: row.letters) } }

    /// The local derivative ∂z/∂input for one element, as a number in float64 (for the inspector),
    /// given the input values a, b and the output z; nil for ops whose derivative is a matrix.
    public func localDerivative(slot: Int, a: Double, b: Double, z: Double, count: Int) -> Double? {
        let e = Element<Double>(a: a, b: b, z: z, p: exponent, dtype: .float64)
        switch row.kernel {
        case .leaf: return nil
        case .elementwise(let rule): return rule.local(slot, e)
        case .custom(let c): return c.local?(slot, e, count)
        }
    }
}
