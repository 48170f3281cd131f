import Foundation

/// The C library's functions in a dtype's precision: float32 calls the float32 functions (expf,
/// logf …), as PyTorch's scalar kernels do, and widens the result back to Double.
extension DType {
    @inline(__always) func exp(_ x: Double) -> Double { self == .float32 ? Double(Foundation.exp(Float(x))) : Foundation.exp(x) }
    @inline(__always) func log(_ x: Double) -> Double { self == .float32 ? Double(Foundation.log(Float(x))) : Foundation.log(x) }
    @inline(__always) func log1p(_ x: Double) -> Double { self == .float32 ? Double(Foundation.log1p(Float(x))) : Foundation.log1p(x) }
    @inline(__always) func tanh(_ x: Double) -> Double { self == .float32 ? Double(Foundation.tanh(Float(x))) : Foundation.tanh(x) }
    /// 1 − x·x with one rounding (a fused multiply-add).
    @inline(__always) func oneMinusSquareFused(_ x: Double) -> Double {
        self == .float32 ? Double(Float(1).addingProduct(-Float(x), Float(x))) : 1.0.addingProduct(-x, x)
    }
    @inline(__always) func sqrt(_ x: Double) -> Double { round(x.squareRoot()) }

    /// x^p as PyTorch's pow kernel special-cases it: 2 and 3 are products, ±0.5 roots, −1 and −2 reciprocals.
    func power(_ x: Double, _ p: Double) -> Double {
        switch p {
        case 0: return 1
        case 1: return x
        case 2: return round(x * x)
        case 3: return round(round(x * x) * x)
        case 0.5: return sqrt(x)
        case -0.5: return round(1 / sqrt(x))
        case -1: return round(1 / x)
        case -2: return round(1 / round(x * x))
        default: return self == .float32 ? Double(Foundation.pow(Float(x), Float(p))) : Foundation.pow(x, p)
        }
    }
}
