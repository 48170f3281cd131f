import CMatmulKernel

/// A @ B: each sum accumulated left to right as one multiply-add after another, rounded each
/// time; backward sends ∂loss/∂z · Bᵀ to A and Aᵀ · ∂loss/∂z to B, with the same kernel.
extension OpRow {
    static let matmul = OpRow(
        symbol: "MM", pytorch: .operator("@"), arity: 2, letters: ["A", "B"], formula: .infix("@"),
        locals: [[.text("· "), .operand(1), .text("ᵀ")], [.operand(0), .text("ᵀ ·")]],
        gradients: [[.upstream, .text(" · "), .operand(1), .text("ᵀ")], [.operand(0), .text("ᵀ · "), .upstream]],
        kernel: .custom(Custom(shape: { Shape.matmul($0, $1) }, forward: { $0.matmulForward($1) },
                               backward: { $0.matmulBackward($1, slot: $2, into: &$3) })))
}

extension Tape {
    func matmulForward(_ id: Int) {
        let node = nodes[id], na = nodes[node.a], nb = nodes[node.b]
        let dtype = self.dtype
        values.withUnsafeMutableBufferPointer { v in
            guard let base = v.baseAddress else { return }
            MatmulKernel.product(out: base + node.offset, a: base + na.offset, rows: na.shape.rows, inner: na.shape.cols, aT: false,
                                 b: base + nb.offset, cols: nb.shape.cols, bT: false, dtype: dtype, scratch: &matmulScratch)
        }
    }

    /// dA = G·Bᵀ, dB = Aᵀ·G.
    func matmulBackward(_ id: Int, slot: Int, into out: inout [Double]) -> Int {
        let node = nodes[id], na = nodes[node.a], nb = nodes[node.b]
        let shape = node.shape, g = node.offset
        let dtype = self.dtype
        values.withUnsafeBufferPointer { v in
            grads.withUnsafeBufferPointer { gr in
                out.withUnsafeMutableBufferPointer { o in
                    guard let vb = v.baseAddress, let gb = gr.baseAddress, let ob = o.baseAddress else { return }
                    if slot == 0 {
                        MatmulKernel.product(out: ob, a: gb + g, rows: shape.rows, inner: shape.cols, aT: false,
                                             b: vb + nb.offset, cols: nb.shape.rows, bT: true, dtype: dtype, scratch: &matmulScratch)
                    } else {
                        MatmulKernel.product(out: ob, a: vb + na.offset, rows: na.shape.cols, inner: na.shape.rows, aT: true,
                                             b: gb + g, cols: shape.cols, bT: false, dtype: dtype, scratch: &matmulScratch)
                    }
                }
            }
        }
        return slot == 0 ? na.shape.count : nb.shape.count
    }
}

/// Float buffers a tape lends its matrix products, grown as needed and kept, so a step allocates nothing.
struct MatmulScratch {
    var floats: [Float] = []
    var doubles: [Double] = []
}

/// The matrix product out[i,j] = Σ_k A[i,k]·B[k,j] (with optional transposed reads), shared by
/// forward and backward so the three products of a matmul accumulate the same way.
///
/// Every sum runs over k in order, from 0, one rounded product added and rounded at a time: the
/// bits of the naive i-j-k loop. The loops are i-k-j instead, so the innermost one walks a row of
/// B and a row of out with one scalar of A: independent lanes that vectorise, while each out[i,j]
/// still receives its products in the order of k. In float32 the work is done in Float (the
/// operands are float32 values already, and one Float operation rounds as Double-then-round
/// does); in float64 in Double. Transposed operands are copied straight first, so every inner
/// loop reads memory in order.
enum MatmulKernel {
    /// `wide`: the AVX-512 kernel where the processor has it (tests turn it off to check the portable one).
    static func product(out: UnsafeMutablePointer<Double>, a: UnsafePointer<Double>, rows: Int, inner: Int, aT: Bool,
                        b: UnsafePointer<Double>, cols: Int, bT: Bool, dtype: DType, scratch: inout MatmulScratch, wide: Bool = true) {
        guard rows > 0, cols > 0 else { return }
        if dtype == .float32 {
            let need = rows * inner + inner * cols + rows * cols
            if scratch.floats.count < need { scratch.floats = [Float](repeating: 0, count: need) }
            scratch.floats.withUnsafeMutableBufferPointer { f in
                guard let fa = f.baseAddress else { return }
                let fb = fa + rows * inner, fo = fb + inner * cols
                copy(a, transposed: aT, rows: rows, cols: inner, into: fa)
                copy(b, transposed: bT, rows: inner, cols: cols, into: fb)
                if !(wide && backprop_matmul_f32(fo, fa, rows, inner, fb, cols)) {
                    ikj(out: fo, a: fa, rows: rows, inner: inner, b: fb, cols: cols)
                }
                for i in 0..<(rows * cols) { out[i] = Double(fo[i]) }
            }
        } else {
            if !aT && !bT {
                ikj(out: out, a: a, rows: rows, inner: inner, b: b, cols: cols)
                return
            }
            let need = rows * inner + inner * cols
            if scratch.doubles.count < need { scratch.doubles = [Double](repeating: 0, count: need) }
            scratch.doubles.withUnsafeMutableBufferPointer { d in
                guard let da = d.baseAddress else { return }
                let db = da + rows * inner
                copy(a, transposed: aT, rows: rows, cols: inner, into: da)
                copy(b, transposed: bT, rows: inner, cols: cols, into: db)
                ikj(out: out, a: da, rows: rows, inner: inner, b: db, cols: cols)
            }
        }
    }

    /// A rows×cols matrix in row-major order, read from `source` (stored cols×rows when `transposed`).
    @inline(__always)
    static func copy<T: BinaryFloatingPoint>(_ source: UnsafePointer<Double>, transposed: Bool, rows: Int, cols: Int,
                                             into target: UnsafeMutablePointer<T>) {
        if transposed {
            for i in 0..<rows { for j in 0..<cols { target[i * cols + j] = T(source[j * rows + i]) } }
        } else {
            for i in 0..<(rows * cols) { target[i] = T(source[i]) }
        }
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
