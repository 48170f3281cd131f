import Autograd

/// Evaluates a watch expression on the params' current values, in float64 on a scratch tape.
public enum WatchEvaluator {
    public static func evaluate(_ e: Expression, parameters: [(name: String, values: [Double], shape: Shape)]) throws -> (values: [Double], shape: Shape) {
        let tape = Tape(dtype: .float64)
        func build(_ e: Expression) throws -> Tensor {
            switch e {
            case .number(let v, _): return tape.constant(v)
            case .name(let n, _):
                guard let p = parameters.first(where: { $0.name == n }) else { throw AutogradError.staleTensor }
                return tape.input(p.values, shape: p.shape)
            case .binary(let op, let l, let r, _):
                let a = try build(l), b = try build(r)
                switch op {
                case .add: return try tape.add(a, b)
                case .subtract: return try tape.sub(a, b)
                case .multiply: return try tape.mul(a, b)
                case .divide: return try tape.div(a, b)
                case .matmul: return try tape.matmul(a, b)
                }
            case .negate(let x, _): return try tape.neg(try build(x))
            case .power(let x, let p, _): return try tape.pow(try build(x), p)
            case .transpose(let x, _): return try tape.transpose(try build(x))
            case .call(let op, let arguments, _):
                let a = try build(arguments[0])
                return try tape.apply(op, a, arguments.count > 1 ? try build(arguments[1]) : nil)
            }
        }
        let result = try build(e)
        return (result.value, result.shape)
    }
}
