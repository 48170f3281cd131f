import CMatmulKernel

/// A @ B: each sum accumulated left to right as one multiply-add after another, rounded each
/// time; backward sends ∂loss/∂z · Bᵀ to A and Aᵀ · ∂loss/∂z to B, with the same kernel.
extension OpRow {
    static let matmul = OpRow(
        symbol: "MM", pytorch: .operator("@"), arity: 2, letters: ["A", "B"], formula: .infix("@"),
        locals: [[.text("· "), .operand(1), .text("ᵀ")], [.operand(0), .text("ᵀ ·")]],
        gradients: [[.upstream, .text(" · "), .operand(1), .text("ᵀ")], [.operand(0), .text("ᵀ · "), .upstream]],
        kernel: .custom(Custom(shape: { Shape.matmul($0, $1) }, forward: { $0.matmulForward($1) },
                               backward: { $0.matmulBackward($1, slot: $2, into: $3) })))
}

extension Tape {
    func matmulForward(_ id: Int) {
        let node = nodes[id], na = nodes[node.a], nb = nodes[node.b]
        if values.isFloat {
            let v = values.floats
            MatmulKernel.product(out: v + node.offset, a: v + na.offset, rows: na.shape.rows, inner: na.shape.cols, aT: false,
                                 b: v + nb.offset, cols: nb.shape.cols, bT: false, scratch: &matmulScratch)
        } else {
            let v = values.doubles
            MatmulKernel.product(out: v + node.offset, a: v + na.offset, rows: na.shape.rows, inner: na.shape.cols, aT: false,
                                 b: v + nb.offset, cols: nb.shape.cols, bT: false, scratch: &matmulScratch)
        }
    }

    /// dA = G·Bᵀ, dB = Aᵀ·G, written into `out` as Double (the send adds it into the grad).
    func matmulBackward(_ id: Int, slot: Int, into out: UnsafeMutableBufferPointer<Double>) -> Int {
        let node = nodes[id], na = nodes[node.a], nb = nodes[node.b]
        let count = slot == 0 ? na.shape.count : nb.shape.count
        if values.isFloat {
            let result = matmulResult.reserve(Float.self, count: count)
            guard let r = result.baseAddress else { return count }
            gradientProduct(id, slot: slot, values: values.floats, grads: grads.floats, into: r)
            for k in 0..<count { out[k] = Double(r[k]) }
        } else if let o = out.baseAddress {
            gradientProduct(id, slot: slot, values: values.doubles, grads: grads.doubles, into: o)
        }
        return count
    }

    private func gradientProduct<S: EngineScalar>(_ id: Int, slot: Int, values v: UnsafeMutablePointer<S>, grads g: UnsafeMutablePointer<S>,
                                                  into out: UnsafeMutablePointer<S>) {
        let node = nodes[id], na = nodes[node.a], nb = nodes[node.b], shape = node.shape
        if slot == 0 {
            MatmulKernel.product(out: out, a: g + node.offset, rows: shape.rows, inner: shape.cols, aT: false,
                                 b: v + nb.offset, cols: nb.shape.rows, bT: true, scratch: &matmulScratch)
        } else {
            MatmulKernel.product(out: out, a: v + na.offset, rows: na.shape.cols, inner: na.shape.rows, aT: true,
                                 b: g + node.offset, cols: shape.cols, bT: false, scratch: &matmulScratch)
        }
    }
}

/// The matrix product out[i,j] = Σ_k A[i,k]·B[k,j] (with optional transposed reads), shared by
/// forward and backward so the three products of a matmul accumulate the same way.
///
/// Every sum runs over k in order, from 0, one rounded product added and rounded at a time: the
/// bits of the naive i-j-k loop. The loops are i-k-j instead, so the innermost one walks a row of
/// B and a row of out with one scalar of A: independent lanes that vectorise, while each out[i,j]
/// still receives its products in the order of k. A float32 tape's product runs in Float on its
/// storage (one Float operation rounds as PyTorch's float32 does), a float64 tape's in Double.
/// Transposed operands are copied straight first, so every inner loop reads memory in order.
enum MatmulKernel {
    /// `wide`: the AVX-512 kernel where the processor has it (tests turn it off to check the portable one).
    static func product<S: EngineScalar>(out: UnsafeMutablePointer<S>, a: UnsafePointer<S>, rows: Int, inner: Int, aT: Bool,
                                         b: UnsafePointer<S>, cols: Int, bT: Bool, scratch: inout ScratchBuffer, wide: Bool = true) {
        guard rows > 0, cols > 0 else { return }
        let aSize = aT ? rows * inner : 0, bSize = bT ? inner * cols : 0
        guard let s = scratch.reserve(S.self, count: aSize + bSize).baseAddress else { return }
        var a = a, b = b
        if aT {
            transpose(a, rows: rows, cols: inner, into: s)
            a = UnsafePointer(s)
        }
        if bT {
            transpose(b, rows: inner, cols: cols, into: s + aSize)
            b = UnsafePointer(s + aSize)
        }
        if S.self == Float.self && wide {
            let fo = UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self)
            let fa = UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), fb = UnsafeRawPointer(b).assumingMemoryBound(to: Float.self)
            if backprop_matmul_f32(fo, fa, rows, inner, fb, cols) { return }
        }
        ikj(out: out, a: a, rows: rows, inner: inner, b: b, cols: cols)
    }

    /// A rows×cols matrix in row-major order, read from `source`, which stores it cols×rows.
    @inline(__always)
    static func transpose<T>(_ source: UnsafePointer<T>, rows: Int, cols: Int, into target: UnsafeMutablePointer<T>) {
        for i in 0..<rows { for j in 0..<cols { target[i * cols + j] = source[j * rows + i] } }
    }

    /// out = A·B for row-major A (rows×inner) and B (inner×cols), sums in the order of k.
    @inline(__always)
    static func ikj<T: BinaryFloatingPoint>(out: UnsafeMutablePointer<T>, a: UnsafePointer<T>, rows: Int, inner: Int,
                                            b: UnsafePointer<T>, cols: Int) {
        var i = 0
        if T.self == Float.self {
            // Four rows by eight columns of out stay in registers for the whole sum over k.
            let fo = UnsafeMutableRawPointer(out), fa = UnsafeRawPointer(a), fb = UnsafeRawPointer(b)
            while i + 4 <= rows {
                var j = 0
                while j + 8 <= cols {
                    tile(out: fo, a: fa, b: fb, i: i, j: j, inner: inner, cols: cols)
                    j += 8
                }
                if j < cols { rowsByLoop(out: out, a: a, from: i, to: i + 4, inner: inner, b: b, cols: cols, fromColumn: j) }
                i += 4
            }
        }
        rowsByLoop(out: out, a: a, from: i, to: rows, inner: inner, b: b, cols: cols, fromColumn: 0)
    }

    /// A 4×8 block of out at (i, j): 4 broadcast scalars of A times one 8-wide row of B per k.
    @inline(__always)
    static func tile(out: UnsafeMutableRawPointer, a: UnsafeRawPointer, b: UnsafeRawPointer, i: Int, j: Int, inner: Int, cols: Int) {
        typealias V = SIMD8<Float>
        let stride = MemoryLayout<Float>.stride
        var o0 = V(), o1 = V(), o2 = V(), o3 = V()
        let a0 = a + i * inner * stride, a1 = a0 + inner * stride, a2 = a1 + inner * stride, a3 = a2 + inner * stride
        for k in 0..<inner {
            let row = b.loadUnaligned(fromByteOffset: (k * cols + j) * stride, as: V.self)
            let off = k * stride
            o0 = o0 + V(repeating: a0.load(fromByteOffset: off, as: Float.self)) * row
            o1 = o1 + V(repeating: a1.load(fromByteOffset: off, as: Float.self)) * row
            o2 = o2 + V(repeating: a2.load(fromByteOffset: off, as: Float.self)) * row
            o3 = o3 + V(repeating: a3.load(fromByteOffset: off, as: Float.self)) * row
        }
        out.storeBytes(of: o0, toByteOffset: (i * cols + j) * stride, as: V.self)
        out.storeBytes(of: o1, toByteOffset: ((i + 1) * cols + j) * stride, as: V.self)
        out.storeBytes(of: o2, toByteOffset: ((i + 2) * cols + j) * stride, as: V.self)
        out.storeBytes(of: o3, toByteOffset: ((i + 3) * cols + j) * stride, as: V.self)
    }

    /// Rows `from..<to` of out, columns from `fromColumn` on, one row of B at a time.
    @inline(__always)
    static func rowsByLoop<T: BinaryFloatingPoint>(out: UnsafeMutablePointer<T>, a: UnsafePointer<T>, from: Int, to: Int, inner: Int,
                                                   b: UnsafePointer<T>, cols: Int, fromColumn: Int) {
        guard from < to, fromColumn < cols else { return }
        for i in from..<to {
            let o = out + i * cols
            // The first product is the sum's start: 0 + p is p for every p but −0, and the naive
            // loop's 0 + (−0) is +0, so start from +0 and add, as it does.
            for j in fromColumn..<cols { o[j] = 0 }
            for k in 0..<inner {
                let s = a[i * inner + k]
                let row = b + k * cols
                for j in fromColumn..<cols { o[j] = o[j] + s * row[j] }
            }
        }
    }
}
