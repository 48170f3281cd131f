/// The shape of a tensor: a scalar (rank 0), a column vector (rank 1, n×1) or a matrix (rank 2).
///
/// Everything is stored as rows × cols so that broadcasting and matmul need one code path;
/// the rank only says how to print it.
public struct Shape: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var rows: Int
    public var cols: Int
    public var rank: Int

    public init(rows: Int, cols: Int, rank: Int = 2) {
        self.rows = rows
        self.cols = cols
        self.rank = rank
    }

    public static let scalar = Shape(rows: 1, cols: 1, rank: 0)
    public static func vector(_ n: Int) -> Shape { Shape(rows: n, cols: 1, rank: 1) }
    public static func matrix(_ rows: Int, _ cols: Int) -> Shape { Shape(rows: rows, cols: cols, rank: 2) }

    public var count: Int { rows * cols }

    /// The most numbers one tensor may hold: 2^24 (64 MB in float32), room for a hidden layer of 16
    /// over a million samples. `x @ x.T` of a 100 000-wide row would ask for 10^10 and end the
    /// process in the allocator; past this bound it is an error at the expression instead.
    public static let mostNumbers = 1 << 24

    /// Whether a tensor of this shape is within `mostNumbers` (a product too big for Int is not).
    public var isWithinBound: Bool {
        let (n, overflow) = rows.multipliedReportingOverflow(by: cols)
        return !overflow && n <= Shape.mostNumbers
    }
    public var isScalar: Bool { rows == 1 && cols == 1 }

    public var description: String {
        switch rank {
        case 0: return "scalar"
        case 1: return "\(rows)"
        default: return "\(rows)×\(cols)"
        }
    }

    /// The shape of an elementwise result: equal sizes, or 1 broadcasting against anything.
    public static func broadcast(_ a: Shape, _ b: Shape) -> Shape? {
        guard a.rows == b.rows || a.rows == 1 || b.rows == 1,
              a.cols == b.cols || a.cols == 1 || b.cols == 1 else { return nil }
        let rows = max(a.rows, b.rows), cols = max(a.cols, b.cols)
        var rank = max(a.rank, b.rank)
        if rank == 1 && cols > 1 { rank = 2 }
        return Shape(rows: rows, cols: cols, rank: rank)
    }

    /// The shape of a matrix product, if the inner sizes agree.
    public static func matmul(_ a: Shape, _ b: Shape) -> Shape? {
        guard a.cols == b.rows else { return nil }
        let rank = (b.rank == 1 && b.cols == 1) ? 1 : 2
        return Shape(rows: a.rows, cols: b.cols, rank: rank)
    }

    public var transposed: Shape {
        Shape(rows: cols, cols: rows, rank: rank == 0 ? 0 : 2)
    }
}

/// The floating-point type a tape computes in. PyTorch's default is float32.
public enum DType: String, Sendable, CaseIterable {
    case float32, float64

    /// Rounds a double to this type's precision and widens it back, so float32 arithmetic done in
    /// double (exact for + - * / before the rounding) gives the float32 result bit for bit.
    @inlinable @inline(__always)
    public func round(_ x: Double) -> Double {
        self == .float32 ? Double(Float(x)) : x
    }
}

/// What can go wrong inside the engine; every case says it in the lecture's words.
public enum AutogradError: Error, Equatable, CustomStringConvertible {
    case shapeMismatch(op: String, Shape, Shape)
    case graphFreed
    case staleTensor
    case lossNotScalar(Shape)
    /// A target of cross_entropy that is not a class index 0…classes−1.
    case notAClassIndex(Double, classes: Int)
    /// A result with more numbers than one tensor may hold (`Shape.mostNumbers`).
    case tooLarge(op: String, Shape)

    public var description: String {
        switch self {
        case .shapeMismatch(let op, let a, let b):
            return "shapes do not fit for \(op): \(a) and \(b)"
        case .graphFreed:
            return "Trying to backward through the graph a second time: the graph was freed after the first backward()"
        case .staleTensor:
            return "this tensor belongs to a graph that has been freed"
        case .lossNotScalar(let shape):
            return "backward() needs a scalar loss, got shape \(shape)"
        case .tooLarge(let op, let shape):
            let (n, overflow) = shape.rows.multipliedReportingOverflow(by: shape.cols)
            let numbers = overflow ? "more than \(Int.max)" : "\(n)"
            return "\(op) would make a \(shape.rows)×\(shape.cols) tensor, \(numbers) numbers; one tensor may hold at most \(Shape.mostNumbers)"
        case .notAClassIndex(let value, let classes):
            return "cross_entropy needs class indices 0…\(classes - 1) (whole numbers, one per sample), got \(value)"
        }
    }
}
