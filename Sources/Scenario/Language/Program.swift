import Autograd

/// The model's expressions compiled once into a flat list of tape operations, so each training
/// step runs without looking names up.
public struct Program: Sendable {
    /// What one instruction puts in its slot.
    public enum Instruction: Equatable, Sendable {
        case data(column: Int)                 // index into `Program.columns`
        case parameter(Int)                    // index into the scenario's parameters (order of first use)
        case constant(Double)
        case binary(Op, Int, Int)              // slots
        case unary(Op, Int)
    }

    /// Where an instruction came from: which expression (forward line index, or -1 for the loss) and column.
    public struct Origin: Equatable, Sendable {
        public var expression: Int
        public var column: Int
    }

    public var instructions: [Instruction] = []
    public var origins: [Origin] = []
    /// Names given to slots (data columns, params, assignments, y_pred), shown on the graph.
    public var labels: [String?] = []
    /// Data columns in order of first use: forward's inputs, then the loss's targets.
    public var columns: [String] = []
    /// How many of `columns` the forward pass reads (the rest are targets).
    public var inputCount = 0
    /// Parameter names in order of first use.
    public var parameters: [String] = []
    public var forwardEnd = 0
    public var yPredSlot = 0
    public var lossSlot = 0

    /// Names known before the model runs, and how the compiler should treat them.
    struct Scope {
        var data: [String]
        var parameters: [String]
    }

    /// An undefined name, at an origin; the loader turns it into a Diagnostic.
    struct UnknownName: Error {
        var name: String
        var origin: Origin
        var known: [String]
    }

    static func compile(forward: [Assignment], loss: Expression, scope: Scope) throws(UnknownName) -> Program {
        var program = Program()
        var named: [String: Int] = [:]
        var namedOrder: [String] = []

        func emit(_ instruction: Instruction, _ origin: Origin, label: String? = nil) -> Int {
            program.instructions.append(instruction)
            program.origins.append(origin)
            program.labels.append(label)
            return program.instructions.count - 1
        }

        func compile(_ e: Expression, _ line: Int) throws(UnknownName) -> Int {
            let origin = Origin(expression: line, column: e.position)
            switch e {
            case .number(let v, _):
                return emit(.constant(v), origin)
            case .name(let n, _):
                if let slot = named[n] { return slot }
                if let c = scope.data.firstIndex(of: n) {
                    program.columns.append(scope.data[c])
                    let slot = emit(.data(column: program.columns.count - 1), origin, label: n)
                    named[n] = slot
                    return slot
                }
                if scope.parameters.contains(n) {
                    program.parameters.append(n)
                    let slot = emit(.parameter(program.parameters.count - 1), origin, label: n)
                    named[n] = slot
                    return slot
                }
                let known = scope.data + scope.parameters + namedOrder
                throw UnknownName(name: n, origin: origin, known: known)
            case .binary(let op, let l, let r, _):
                let a = try compile(l, line)
                let b = try compile(r, line)
                let tapeOp: Op
                switch op {
                case .add: tapeOp = .add
                case .subtract: tapeOp = .sub
                case .multiply: tapeOp = .mul
                case .divide: tapeOp = .div
                case .matmul: tapeOp = .matmul
                }
                return emit(.binary(tapeOp, a, b), origin)
            case .negate(let x, _):
                return emit(.unary(.neg, try compile(x, line)), origin)
            case .power(let x, let p, _):
                return emit(.unary(.pow(p), try compile(x, line)), origin)
            case .transpose(let x, _):
                return emit(.unary(.transpose, try compile(x, line)), origin)
            case .call(let op, let arguments, _):
                let a = try compile(arguments[0], line)
                if arguments.count > 1 { return emit(.binary(op, a, try compile(arguments[1], line)), origin) }
                return emit(.unary(op, a), origin)
            }
        }

        for (i, assignment) in forward.enumerated() {
            let slot = try compile(assignment.expression, i)
            program.labels[slot] = assignment.name
            named[assignment.name] = slot
            namedOrder.append(assignment.name)
        }
        program.forwardEnd = program.instructions.count
        program.inputCount = program.columns.count
        program.yPredSlot = named["y_pred"] ?? max(0, program.instructions.count - 1)
        program.lossSlot = try compile(loss, -1)
        return program
    }
}

extension Program {
    /// A watch expression as a program of its own: params only, its value in `lossSlot`.
    static func compile(watch expression: Expression, parameters: [String]) throws(UnknownName) -> Program {
        try compile(forward: [], loss: expression, scope: Scope(data: [], parameters: parameters))
    }

    /// The tensor instruction `k` makes on `tape` from the slots before it: the one evaluator of
    /// the model language — training, prediction, the checks and watch expressions all run it.
    @inline(__always)
    func tensor(_ k: Int, on tape: Tape, slots: [Tensor], data: (Int) throws -> Tensor, parameter: (Int) -> Tensor) throws -> Tensor {
        switch instructions[k] {
        case .data(let c): return try data(c)
        case .parameter(let p): return parameter(p)
        case .constant(let v): return tape.constant(v)
        case .binary(let op, let a, let b): return try tape.apply(op, slots[a], slots[b])
        case .unary(let op, let a): return try tape.apply(op, slots[a])
        }
    }

    /// The program's value in float64 on a scratch tape, its params taken by name: a watch
    /// expression on the params as they are at some moment.
    public func evaluate(parameters given: [(name: String, values: [Double], shape: Shape)]) throws -> (values: [Double], shape: Shape) {
        let tape = Tape(dtype: .float64, capacity: instructions.count)
        let leaves = try parameters.map { name in
            guard let p = given.first(where: { $0.name == name }) else { throw AutogradError.staleTensor }
            return tape.input(p.values, shape: p.shape)
        }
        var slots: [Tensor] = []
        for k in instructions.indices {
            slots.append(try tensor(k, on: tape, slots: slots, data: { _ in throw AutogradError.staleTensor }, parameter: { leaves[$0] }))
        }
        guard lossSlot < slots.count else { throw AutogradError.staleTensor }
        return (slots[lossSlot].value, slots[lossSlot].shape)
    }
}
