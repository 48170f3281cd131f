import Foundation

/// What PyTorch's vectorised kernels compute in a dtype (the scalar functions are `EngineScalar`'s).
extension DType {
    /// exp and log as PyTorch's vectorised kernels compute them (`VectorMath`).
    @inline(__always) func vectorExp(_ x: Double) -> Double { self == .float32 ? Double(VectorMath.expf(Float(x))) : VectorMath.exp(x) }
    @inline(__always) func vectorLog(_ x: Double) -> Double { self == .float32 ? Double(VectorMath.logf(Float(x))) : VectorMath.log(x) }

    /// Lanes of one AVX-512 register, PyTorch's `Vectorized<T>::size()` on the machines we match.
    var vectorWidth: Int { self == .float32 ? 16 : 8 }

    /// Σ values as PyTorch's `vec::reduce_all` adds them: fewer than a register's lanes one after
    /// another; more, lane by lane across registers, then the lanes folded — float32 in halves
    /// (lane i with lane i^8, ^4, ^2, ^1), float64 one after another.
    func vectorSum(_ values: UnsafeBufferPointer<Double>) -> Double {
        let width = vectorWidth, n = values.count
        if n < width {
            var acc = 0.0
            for v in values { acc = round(acc + v) }
            return acc
        }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * width) { buffer in
            var lanes = UnsafeMutableBufferPointer(rebasing: buffer[0..<width])
            var folded = UnsafeMutableBufferPointer(rebasing: buffer[width..<(2 * width)])
            for l in 0..<width { lanes[l] = values[l] }
            var d = width
            while d < n {
                for l in 0..<Swift.min(width, n - d) { lanes[l] = round(lanes[l] + values[d + l]) }
                d += width
            }
            if self == .float32 {
                var step = width / 2
                while step >= 1 {
                    for l in 0..<width { folded[l] = round(lanes[l] + lanes[l ^ step]) }
                    swap(&lanes, &folded)
                    step /= 2
                }
                return lanes[0]
            }
            var acc = lanes[0]
            for l in 1..<width { acc = round(acc + lanes[l]) }
            return acc
        }
    }

    /// a·b + c with one rounding.
    @inlinable public func fusedMultiplyAdd(_ a: Double, _ b: Double, _ c: Double) -> Double {
        self == .float32 ? Double(Float(c).addingProduct(Float(a), Float(b))) : c.addingProduct(a, b)
    }
}
