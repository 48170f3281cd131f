import CMatmulKernel
import Dispatch
import Foundation

/// The loops a float32 matrix product can run on: Swift's portable SIMD loops, or a C kernel for a
/// wider instruction set. Every one gives every entry the same bits (the naive loop's).
public enum MatmulPath: String, CaseIterable, Sendable {
    /// Swift's SIMD loops as the baseline instruction set compiles them (SSE2 on x86-64, NEON on arm64): every processor.
    case portable
    /// AVX2, 8 floats a register (x86-64 since 2013).
    case avx2
    /// AVX-512F, 16 floats a register.
    case avx512
    /// Advanced SIMD on arm64, 4 floats a register, in C with a tile of 16 registers.
    case neon

    /// The C kernel's number, nil for the Swift loops.
    var kernel: Int32? {
        switch self {
        case .portable: return nil
        case .avx2: return Int32(BACKPROP_KERNEL_AVX2)
        case .avx512: return Int32(BACKPROP_KERNEL_AVX512)
        case .neon: return Int32(BACKPROP_KERNEL_NEON)
        }
    }

    /// Bits in one of its registers.
    public var vectorBits: Int {
        switch self {
        case .portable, .neon: return 128
        case .avx2: return 256
        case .avx512: return 512
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
///
/// Float products run on the widest kernel this processor has (`BACKPROP_KERNEL=portable|avx2|
/// avx512|neon` forces a narrower one, to measure or test it). Products big enough to pay for a
/// thread are shared among the processors by rows of out (`BACKPROP_THREADS=N` caps them): an
/// entry's whole sum stays in one thread, so the bits do not depend on the thread count either.
public enum MatmulKernel {
    /// The paths this processor can run, narrowest first.
    public static let available: [MatmulPath] = {
        let kernels = backprop_matmul_kernels()
        return MatmulPath.allCases.filter { path in path.kernel.map { kernels & (1 << UInt32($0)) != 0 } ?? true }
    }()

    /// The path products take, and why: the widest available, or the one `BACKPROP_KERNEL` names.
    public static let choice: (path: MatmulPath, note: String) = {
        let widest = available.last ?? .portable
        guard let asked = ProcessInfo.processInfo.environment["BACKPROP_KERNEL"], !asked.isEmpty else { return (widest, "the widest this processor has") }
        guard let path = MatmulPath(rawValue: asked.lowercased()) else {
            let names = MatmulPath.allCases.map(\.rawValue).joined(separator: ", ")
            return (widest, "BACKPROP_KERNEL=\(asked) is none of \(names); the widest this processor has instead")
        }
        guard available.contains(path) else { return (widest, "this processor cannot run \(asked) (BACKPROP_KERNEL); the widest it has instead") }
        return (path, "forced by BACKPROP_KERNEL=\(asked)")
    }()

    public static var chosen: MatmulPath { choice.path }

    /// Threads a big product may use: `BACKPROP_THREADS`, else the processors online.
    public static let threads: Int = {
        if let text = ProcessInfo.processInfo.environment["BACKPROP_THREADS"], let n = Int(text), n >= 1 { return min(n, 256) }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()

    /// Multiply-adds a thread must have to be worth waking (tens of microseconds of work).
    static let workPerThread = 1 << 19

    /// How many parts a product of `rows` rows and `work` multiply-adds is shared into.
    static func parts(rows: Int, work: Int, threads: Int, workPerThread: Int = workPerThread) -> Int {
        max(1, min(threads, rows / 8, work / workPerThread))
    }

    static func product<S: EngineScalar>(out: UnsafeMutablePointer<S>, a: UnsafePointer<S>, rows: Int, inner: Int, aT: Bool,
                                         b: UnsafePointer<S>, cols: Int, bT: Bool, scratch: inout ScratchBuffer,
                                         path: MatmulPath = chosen, threads: Int = threads, workPerThread: Int = workPerThread) {
        guard rows > 0, cols > 0 else { return }
        let kernel = S.self == Float.self ? path.kernel : nil
        // The C kernels read A where it lies, transposed or not (a tile's scalars of Aᵀ sit side by
        // side); the Swift loops want it straight. A row of B is read as whole registers, so a
        // transposed B is always copied straight first.
        let copyA = aT && kernel == nil
        let aSize = copyA ? rows * inner : 0, bSize = bT ? inner * cols : 0
        guard let s = scratch.reserve(S.self, count: aSize + bSize).baseAddress else { return }
        var a = a, b = b
        if copyA {
            transpose(a, rows: rows, cols: inner, into: s)
            a = UnsafePointer(s)
        }
        if bT {
            transpose(b, rows: inner, cols: cols, into: s + aSize)
            b = UnsafePointer(s + aSize)
        }
        let transposed = aT && !copyA
        let rowStep = transposed ? 1 : inner, kStep = transposed ? rows : 1
        let rowsOf = Rows(count: rows, parts: parts(rows: rows, work: rows * inner * cols, threads: threads, workPerThread: workPerThread))
        let operands = Operands(out: out, a: a, b: b)
        let run: @Sendable (Int) -> Void = { part in
            let range = rowsOf[part]
            guard !range.isEmpty else { return }
            let o = operands.out + range.lowerBound * cols, pa = operands.a + range.lowerBound * rowStep
            if let kernel {
                let fo = UnsafeMutableRawPointer(o).assumingMemoryBound(to: Float.self)
                let fa = UnsafeRawPointer(pa).assumingMemoryBound(to: Float.self), fb = UnsafeRawPointer(operands.b).assumingMemoryBound(to: Float.self)
                if backprop_matmul_f32(kernel, fo, fa, rowStep, kStep, range.count, inner, fb, cols) { return }
                // Only a path this processor lacks gets here (a test asking for it), and A is then straight.
            }
            ikj(out: o, a: pa, rows: range.count, inner: inner, b: operands.b, cols: cols)
        }
        if rowsOf.parts == 1 {
            run(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: rowsOf.parts, execute: run)
        }
    }

    /// The rows of out cut into `parts` runs of whole 4-row tiles (the last takes what is left).
    struct Rows {
        let count: Int
        let parts: Int
        subscript(part: Int) -> Range<Int> {
            let start = part == 0 ? 0 : min(count, (count * part / parts) & ~3)
            let end = part == parts - 1 ? count : min(count, (count * (part + 1) / parts) & ~3)
            return start..<max(start, end)
        }
    }

    /// A product's operands, handed to the threads that share it (each writes its own rows of out).
    struct Operands<S>: @unchecked Sendable {
        let out: UnsafeMutablePointer<S>
        let a: UnsafePointer<S>
        let b: UnsafePointer<S>
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
