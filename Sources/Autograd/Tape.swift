/// One node of the tape: which op made it, from which nodes, and where its numbers live.
public struct Node: Equatable, Sendable {
    public var op: Op
    public var a: Int          // first input node, -1 for leaves
    public var b: Int          // second input node, -1 when unary
    public var shape: Shape
    public var offset: Int     // where value and grad start in the flat storage
    public var label: Int32    // index into `Tape.labels`, -1 when unnamed
    public var requiresGrad: Bool

    public var inputs: [Int] { [a, b].filter { $0 >= 0 } }
}

/// A Wengert list: nodes appended in creation order are already in topological order, and
/// backward walks the array backwards. Values and grads live in two flat buffers (`Storage`), of
/// Floats on a float32 tape.
///
/// Parameters are the first nodes and survive `startGraph()`; everything after them is one
/// step's graph, freed (and its storage reused) when the next graph starts.
public final class Tape {
    public let dtype: DType
    public private(set) var nodes: [Node] = []
    var values: Storage
    var grads: Storage
    /// Every value on the tape, node after node (a copy).
    public var allValues: [Double] { values.array }
    /// Every grad on the tape, node after node (a copy).
    public var allGrads: [Double] { grads.array }
    /// Names shown on the screen; interned once, nodes keep the index.
    public private(set) var labels: [String] = []
    /// Whether each parameter's grad exists yet (PyTorch's `None` before the first backward).
    public private(set) var hasGrad: [Bool] = []

    /// Reused by backward() for each gradient it sends (and that gradient summed to a broadcast
    /// input's shape), so a step allocates nothing.
    var gradientScratch = ScratchBuffer()
    var reducedScratch = ScratchBuffer()
    /// Lent to matrix products for their transposed operands.
    var matmulScratch = ScratchBuffer()
    /// A float32 matrix product's gradient before it is widened into `gradientScratch`.
    var matmulResult = ScratchBuffer()
    /// The graph on the tape compiled for replay (`Tape+Replay.swift`), when a program planned it.
    var compiled = CompiledGraph()

    public private(set) var parameterCount = 0
    private(set) var parameterStorage = 0
    /// Counts graphs, so a tensor from a freed graph is recognised.
    public private(set) var generation = 0
    /// True after backward() until a new graph starts.
    public internal(set) var isFreed = false

    public init(dtype: DType = .float32, capacity: Int = 64) {
        self.dtype = dtype
        nodes.reserveCapacity(capacity)
        values = Storage(capacity: capacity * 4, dtype: dtype)
        grads = Storage(capacity: capacity * 4, dtype: dtype)
    }

    deinit {
        values.free()
        grads.free()
        gradientScratch.free()
        reducedScratch.free()
        matmulScratch.free()
        matmulResult.free()
        compiled.free()
    }

    // MARK: names

    /// The label id for a name, adding it the first time.
    public func intern(_ name: String) -> Int32 {
        if let i = labels.firstIndex(of: name) { return Int32(i) }
        labels.append(name)
        return Int32(labels.count - 1)
    }

    public func label(of node: Int) -> String? {
        let id = nodes[node].label
        return id >= 0 ? labels[Int(id)] : nil
    }

    public func setLabel(_ tensor: Tensor, _ label: Int32) {
        nodes[tensor.id].label = label
    }

    // MARK: graphs

    /// Drops the previous step's graph and keeps the parameters (with their grads).
    public func startGraph() {
        nodes.removeLast(nodes.count - parameterCount)
        values.removeLast(values.count - parameterStorage)
        grads.removeLast(grads.count - parameterStorage)
        generation &+= 1
        isFreed = false
    }

    /// Whether a handle still points at live storage: a parameter, or a node of the current graph.
    @inline(__always)
    public func isLive(_ t: Tensor) -> Bool {
        t.generation == Tensor.permanent || (t.generation == generation && t.id < nodes.count)
    }

    /// A tensor may feed a new op if it is a parameter or belongs to the graph being built.
    @inline(__always)
    func check(_ t: Tensor) throws {
        if t.generation == Tensor.permanent { return }
        if t.generation != generation || isFreed || t.id >= nodes.count { throw AutogradError.staleTensor }
    }

    @inline(__always)
    func beginOp() {
        if isFreed { startGraph() }
    }

    /// Appends a node whose storage the caller then fills; returns its id.
    @inline(__always)
    func append(_ op: Op, _ a: Int, _ b: Int, _ shape: Shape, requiresGrad: Bool) -> Int {
        let offset = values.count
        // −0.0 is the identity of +: the first gradient to arrive is stored as it is (PyTorch
        // stores the first one too, it does not add it to zero).
        values.append(0, count: shape.count)
        grads.append(-0.0, count: shape.count)
        nodes.append(Node(op: op, a: a, b: b, shape: shape, offset: offset, label: -1, requiresGrad: requiresGrad))
        return nodes.count - 1
    }

    /// Takes back the node just appended (its forward refused its inputs).
    func removeLast() {
        let n = nodes.removeLast()
        values.removeLast(n.shape.count)
        grads.removeLast(n.shape.count)
    }

    func tensor(_ id: Int) -> Tensor { Tensor(id: id, generation: generation, tape: self) }

    // MARK: leaves

    /// A parameter: created once, before any graph, and kept across steps.
    public func parameter(_ values: [Double], shape: Shape, name: String) -> Tensor {
        precondition(nodes.count == parameterCount, "parameters are created before the first graph")
        let id = append(.param, -1, -1, shape, requiresGrad: true)
        nodes[id].label = intern(name)
        for i in 0..<shape.count { self.values[nodes[id].offset + i] = dtype.round(values[i]) }
        parameterCount += 1
        parameterStorage = self.values.count
        hasGrad.append(false)
        return Tensor(id: id, generation: Tensor.permanent, tape: self)
    }

    /// Data that needs no gradient (x, y, a batch).
    /// (An array, not any collection: a generic here would not be specialised across modules.)
    public func input(_ data: [Double], shape: Shape, label: Int32 = -1) -> Tensor {
        beginOp()
        let id = append(.input, -1, -1, shape, requiresGrad: false)
        nodes[id].label = label
        let offset = nodes[id].offset, dtype = self.dtype
        for i in 0..<min(shape.count, data.count) { values[offset + i] = dtype.round(data[i]) }
        return tensor(id)
    }

    public func constant(_ value: Double) -> Tensor {
        beginOp()
        let id = append(.constant, -1, -1, .scalar, requiresGrad: false)
        values[nodes[id].offset] = dtype.round(value)
        return tensor(id)
    }

    // MARK: reading (reading builds no graph)

    public func shape(of t: Tensor) -> Shape { isLive(t) ? nodes[t.id].shape : .scalar }

    public func value(of node: Int) -> ArraySlice<Double> {
        let n = nodes[node]
        return values[n.offset..<(n.offset + n.shape.count)]
    }

    public func grad(of node: Int) -> ArraySlice<Double> {
        let n = nodes[node]
        return grads[n.offset..<(n.offset + n.shape.count)]
    }

    /// The values of a live tensor; a handle into a graph that has been replaced reads as empty.
    public func value(_ t: Tensor) -> [Double] { isLive(t) ? Array(value(of: t.id)) : [] }

    /// A parameter's grad, or nil (PyTorch's None) before any backward reached it.
    public func grad(_ t: Tensor) -> [Double]? {
        guard isLive(t) else { return nil }
        if nodes[t.id].op == .param && !hasGrad[t.id] { return nil }
        return Array(grad(of: t.id))
    }

    // MARK: updates (outside the graph)

    /// Sets a parameter's value in place, as `w.data = …` does: no graph is built.
    public func setValue(_ param: Tensor, _ newValues: [Double]) {
        guard isLive(param) else { return }
        let n = nodes[param.id]
        for i in 0..<min(n.shape.count, newValues.count) { values[n.offset + i] = dtype.round(newValues[i]) }
    }

    /// A parameter's value and grad for an optimizer step to read and write in place, without
    /// copies (good until the next node is appended, as any view of the tape's storage).
    public func elements(ofParameter index: Int) -> (values: ParameterElements, grads: ParameterElements) {
        let n = nodes[index]
        return (ParameterElements(storage: values, offset: n.offset, count: n.shape.count),
                ParameterElements(storage: grads, offset: n.offset, count: n.shape.count))
    }

    /// `w.grad.data.zero_()` for every parameter.
    public func zeroGrad() { grads.fill(0..<parameterStorage, with: 0) }

    /// Plain SGD on every parameter in one pass, in the storage's own type: w ← w − lr·g, the
    /// product and the difference each rounded (`w.data -= lr * w.grad`), and then, when asked,
    /// g ← 0 (`zero_grad()`), element by element in the same pass.
    public func descend(lr: Double, thenZeroGrad zero: Bool) {
        if values.isFloat {
            Self.descend(values.floats, grads.floats, count: parameterStorage, lr: Float(lr), zero: zero)
        } else {
            Self.descend(values.doubles, grads.doubles, count: parameterStorage, lr: lr, zero: zero)
        }
    }

    @inline(__always)
    private static func descend<S: EngineScalar>(_ w: UnsafeMutablePointer<S>, _ g: UnsafeMutablePointer<S>, count: Int, lr: S, zero: Bool) {
        for i in 0..<count {
            w[i] = w[i] - lr * g[i]
            if zero { g[i] = 0 }
        }
    }

    /// `w.grad = None`: the grads are gone, not zero. Their slots hold −0.0, the additive
    /// identity of IEEE arithmetic, so the first gradient lands unchanged, sign of zero included.
    public func clearGrad() {
        grads.fill(0..<parameterStorage, with: -0.0)
        for i in hasGrad.indices { hasGrad[i] = false }
        compiled.reachedMarked = false
    }

    func markGradPresent(_ param: Int) { hasGrad[param] = true }
}

extension Tape {
    /// Puts parameter grads back as they were (nil = None): used to rewind to a checkpoint.
    public func restoreGrads(_ saved: [[Double]?]) {
        for p in 0..<min(parameterCount, saved.count) {
            guard let g = saved[p] else { continue }
            let n = nodes[p]
            for i in 0..<min(g.count, n.shape.count) { grads[n.offset + i] = g[i] }
            hasGrad[p] = true
        }
    }
}

/// One parameter's values (or grads) in the tape's storage, read and written as Double (a
/// float32 tape rounds what is written): what a per-parameter optimizer step works on.
public struct ParameterElements: RandomAccessCollection {
    let storage: Storage
    let offset: Int
    public let count: Int

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(i: Int) -> Double {
        get { storage[offset + i] }
        nonmutating set { storage[offset + i] = newValue }
    }
}
