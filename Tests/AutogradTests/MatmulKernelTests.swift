import Testing
@testable import Autograd

/// The vectorised i-k-j product against the naive i-j-k loop it replaced (kept here verbatim as
/// the reference): every sum in the order of k, every step rounded, so the bits must be equal.
private func naiveProduct(a: [Double], rows: Int, inner: Int, aT: Bool, b: [Double], cols: Int, bT: Bool, dtype: DType) -> [Double] {
    var out = [Double](repeating: 0, count: rows * cols)
    for i in 0..<rows {
        for j in 0..<cols {
            var acc = 0.0
            for k in 0..<inner {
                let av = a[aT ? k * rows + i : i * inner + k]
                let bv = b[bT ? j * inner + k : k * cols + j]
                acc = dtype.round(acc + dtype.round(av * bv))
            }
            out[i * cols + j] = acc
        }
    }
    return out
}

private struct Numbers {
    var state: UInt64
    mutating func next(_ dtype: DType) -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let unit = Double(state >> 11) / Double(1 << 53)
        // Mixed magnitudes and signs, zeros and negative zeros now and then.
        switch state >> 60 {
        case 0: return 0
        case 1: return -0.0
        case 2: return dtype.round((unit - 0.5) * 1e-6)
        case 3: return dtype.round((unit - 0.5) * 1e6)
        default: return dtype.round(unit * 4 - 2)
        }
    }
}

/// Every kernel this processor can run (portable, AVX2, AVX-512 or NEON), on one thread and shared
/// among three: bit for bit the naive loop's, which the portable kernel is too.
@Test(arguments: MatmulKernel.available, [1, 3])
func everyMatmulKernelHasTheNaiveLoopsBits(path: MatmulPath, threads: Int) {
    checkAgainstNaive(dtype: .float32, path: path, threads: threads)
}

/// A float64 tape's products (always the Swift loops), on one thread and shared.
@Test(arguments: [1, 3])
func float64MatmulHasTheNaiveLoopsBits(threads: Int) {
    checkAgainstNaive(dtype: .float64, path: .portable, threads: threads)
}

private func checkAgainstNaive(dtype: DType, path: MatmulPath, threads: Int) {
    var numbers = Numbers(state: 7)
    var shapes: [(Int, Int, Int)] = []
    for rows in [1, 2, 3, 5, 8] { for inner in [1, 2, 7, 9] { for cols in [1, 3, 4, 8, 17] { shapes.append((rows, inner, cols)) } } }
    shapes += [(33, 17, 40), (64, 65, 31), (1, 256, 64), (8, 9, 64), (6, 5, 80), (7, 3, 33), (9, 4, 129), (5, 3, 95)]
    // Shared among threads (a low bar for sharing, so small products are: 2 and 3 parts, rows not a multiple of 4).
    shapes += [(21, 30, 37), (45, 40, 37)]
    var scratch = ScratchBuffer()
    for (rows, inner, cols) in shapes {
        for (aT, bT) in [(false, false), (false, true), (true, false)] {
            let a = (0..<(rows * inner)).map { _ in numbers.next(dtype) }
            let b = (0..<(inner * cols)).map { _ in numbers.next(dtype) }
            let expected = naiveProduct(a: a, rows: rows, inner: inner, aT: aT, b: b, cols: cols, bT: bT, dtype: dtype)
            let out = dtype == .float32
                ? product(Float.self, a, rows, inner, aT, b, cols, bT, &scratch, path, threads)
                : product(Double.self, a, rows, inner, aT, b, cols, bT, &scratch, path, threads)
            let same = zip(out, expected).allSatisfy { $0.bitPattern == $1.bitPattern }
            #expect(same, "\(dtype) \(rows)×\(inner)×\(cols) aT \(aT) bT \(bT) \(path) threads \(threads)")
        }
    }
}

/// The rows a shared product hands each thread: all of them, once, in whole 4-row tiles but the last.
@Test func sharedProductRowsCoverOutOnceInWholeTiles() {
    #expect(MatmulKernel.parts(rows: 256, work: 256 * 256 * 64, threads: 2) == 2)
    #expect(MatmulKernel.parts(rows: 8, work: 8 * 8 * 8, threads: 2) == 1, "a small product stays in one thread")
    #expect(MatmulKernel.parts(rows: 1, work: 1 << 30, threads: 8) == 1, "one row is one sum per entry: nothing to share")
    for count in [1, 4, 7, 8, 9, 131, 203, 1024] {
        for parts in 1...5 {
            let rows = MatmulKernel.Rows(count: count, parts: parts)
            let ranges = (0..<parts).map { rows[$0] }
            #expect(ranges.flatMap { Array($0) } == Array(0..<count), "\(count) rows in \(parts) parts")
            #expect(ranges.dropLast().allSatisfy { $0.lowerBound % 4 == 0 && $0.upperBound % 4 == 0 })
        }
    }
}

/// The kernel on operands stored as `S` (a float32 tape's Floats, a float64 tape's Doubles).
private func product<S: EngineScalar>(_: S.Type, _ a: [Double], _ rows: Int, _ inner: Int, _ aT: Bool, _ b: [Double], _ cols: Int,
                                      _ bT: Bool, _ scratch: inout ScratchBuffer, _ path: MatmulPath, _ threads: Int) -> [Double] {
    let a = a.map { S($0) }, b = b.map { S($0) }
    var out = [S](repeating: .nan, count: rows * cols)
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            out.withUnsafeMutableBufferPointer { po in
                guard let o = po.baseAddress, let ra = pa.baseAddress, let rb = pb.baseAddress else { return }
                MatmulKernel.product(out: o, a: ra, rows: rows, inner: inner, aT: aT, b: rb, cols: cols, bT: bT, scratch: &scratch,
                                     path: path, threads: threads, workPerThread: 1 << 12)
            }
        }
    }
    return out.map(\.double)
}
