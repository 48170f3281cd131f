import Foundation

/// The two types the engine's loops run in: `Float` for a float32 tape, whose storage holds
/// Floats, and `Double`, for a float64 tape and for the walked paths that read any tape as Double.
///
/// The op rules (`ElementRule`) are written once, generic over this, with every step rounded by
/// `rounded`: in Float each operation already rounds to float32, so `rounded` is nothing and the
/// compiled step runs native float32 arithmetic; in Double it rounds to the tape's dtype, which
/// gives float32's bits too, since + − × ÷ and √ done in double and rounded once to float32 give
/// the float32 result (double has more than twice float's precision). The functions below are
/// the C library's or PyTorch's in the dtype's precision, written once: `Float`'s entry is the
/// float32 function, and `Double`'s calls it for a float32 tape (the float64 function otherwise),
/// so both forms compute the same bits — `CompiledStepTests` holds them to it on every shipped
/// scenario, `EngineScalarTests` each function against a reference of its own.
public protocol EngineScalar: BinaryFloatingPoint, Sendable {
    /// x rounded to `dtype` (a Float already is).
    static func rounded(_ x: Self, _ dtype: DType) -> Self
    var double: Double { get }
    static func exp(_ x: Self, _ dtype: DType) -> Self
    static func log(_ x: Self, _ dtype: DType) -> Self
    static func log1p(_ x: Self, _ dtype: DType) -> Self
    static func tanh(_ x: Self, _ dtype: DType) -> Self
    static func sin(_ x: Self, _ dtype: DType) -> Self
    static func cos(_ x: Self, _ dtype: DType) -> Self
    /// 1 − x·x with one rounding (a fused multiply-add).
    static func oneMinusSquareFused(_ x: Self, _ dtype: DType) -> Self
    /// x^p by the C library, for the exponents PyTorch's pow kernel does not special-case (`power`).
    static func libraryPower(_ x: Self, _ p: Double, _ dtype: DType) -> Self
    /// p · x rounded, p a Python float (pow's exponent).
    static func scaled(_ p: Double, _ x: Self, _ dtype: DType) -> Self
}

extension Double: EngineScalar {
    @inline(__always) public static func rounded(_ x: Double, _ dtype: DType) -> Double { dtype.round(x) }
    @inline(__always) public var double: Double { self }
    /// `single` on a float32 tape (Float's entry, widened back), `double` on a float64 one.
    @inline(__always) static func inDType(_ x: Double, _ dtype: DType, _ single: (Float, DType) -> Float, _ double: (Double) -> Double) -> Double {
        dtype == .float32 ? Double(single(Float(x), dtype)) : double(x)
    }
    @inline(__always) public static func exp(_ x: Double, _ dtype: DType) -> Double { inDType(x, dtype, Float.exp) { Foundation.exp($0) } }
    @inline(__always) public static func log(_ x: Double, _ dtype: DType) -> Double { inDType(x, dtype, Float.log) { Foundation.log($0) } }
    @inline(__always) public static func log1p(_ x: Double, _ dtype: DType) -> Double { inDType(x, dtype, Float.log1p) { Foundation.log1p($0) } }
    @inline(__always) public static func tanh(_ x: Double, _ dtype: DType) -> Double { inDType(x, dtype, Float.tanh) { Foundation.tanh($0) } }
    @inline(__always) public static func sin(_ x: Double, _ dtype: DType) -> Double { inDType(x, dtype, Float.sin) { Foundation.sin($0) } }
    @inline(__always) public static func cos(_ x: Double, _ dtype: DType) -> Double { inDType(x, dtype, Float.cos) { Foundation.cos($0) } }
    @inline(__always) public static func oneMinusSquareFused(_ x: Double, _ dtype: DType) -> Double {
        inDType(x, dtype, Float.oneMinusSquareFused) { 1.0.addingProduct(-$0, $0) }
    }
    @inline(__always) public static func libraryPower(_ x: Double, _ p: Double, _ dtype: DType) -> Double {
        inDType(x, dtype, { Float.libraryPower($0, p, $1) }) { Foundation.pow($0, p) }
    }
    @inline(__always) public static func scaled(_ p: Double, _ x: Double, _ dtype: DType) -> Double { dtype.round(p * x) }
}

/// Only ever on a float32 tape: `dtype` is float32 here.
extension Float: EngineScalar {
    @inline(__always) public static func rounded(_ x: Float, _ dtype: DType) -> Float { x }
    @inline(__always) public var double: Double { Double(self) }
    /// The C library's float32 functions (expf, logf …), as PyTorch's scalar kernels call them.
    @inline(__always) public static func exp(_ x: Float, _ dtype: DType) -> Float { Foundation.exp(x) }
    @inline(__always) public static func log(_ x: Float, _ dtype: DType) -> Float { Foundation.log(x) }
    @inline(__always) public static func log1p(_ x: Float, _ dtype: DType) -> Float { Foundation.log1p(x) }
    /// float32 tanh correctly rounded (through the float64 tanh). PyTorch's CPU tanh is MKL's
    /// closed vsTanh (high accuracy) wherever PyTorch is built with MKL (the x86 wheels), SLEEF's
    /// elsewhere; MKL's is within 1 ulp of the correctly rounded value and equal to it for all but
    /// about 1 in 4000 inputs, where glibc's tanhf differs from it for 1 in 20 (TanhTests).
    @inline(__always) public static func tanh(_ x: Float, _ dtype: DType) -> Float { Float(Foundation.tanh(Double(x))) }
    /// float32 sin and cos correctly rounded (through the float64 ones), as tanh: PyTorch's CPU
    /// kernels (MKL's) agree with that for about 19 inputs in 20 and are within 1 ulp of it.
    @inline(__always) public static func sin(_ x: Float, _ dtype: DType) -> Float { Float(Foundation.sin(Double(x))) }
    @inline(__always) public static func cos(_ x: Float, _ dtype: DType) -> Float { Float(Foundation.cos(Double(x))) }
    @inline(__always) public static func oneMinusSquareFused(_ x: Float, _ dtype: DType) -> Float { Float(1).addingProduct(-x, x) }
    @inline(__always) public static func libraryPower(_ x: Float, _ p: Double, _ dtype: DType) -> Float { Foundation.pow(x, Float(p)) }
    /// When p is a float32 (2, 0.5 …) the double product p·x is exact and rounds as Float's does:
    /// one float32 multiply, and no conversion on a training step's critical path.
    @inline(__always) public static func scaled(_ p: Double, _ x: Float, _ dtype: DType) -> Float {
        let p32 = Float(p)
        return Double(p32) == p ? p32 * x : Float(p * Double(x))
    }
}

extension EngineScalar {
    /// x^p as PyTorch's pow kernel special-cases it: 2 and 3 are products, ±0.5 roots, −1 and −2
    /// reciprocals; any other exponent goes to the C library.
    @inline(__always) static func power(_ x: Self, _ p: Double, _ dtype: DType) -> Self {
        @inline(__always) func r(_ v: Self) -> Self { rounded(v, dtype) }
        switch p {
        case 0: return 1
        case 1: return x
        case 2: return r(x * x)
        case 3: return r(r(x * x) * x)
        case 0.5: return r(x.squareRoot())
        case -0.5: return r(1 / r(x.squareRoot()))
        case -1: return r(1 / x)
        case -2: return r(1 / r(x * x))
        default: return libraryPower(x, p, dtype)
        }
    }
}
