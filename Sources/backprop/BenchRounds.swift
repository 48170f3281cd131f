import Autograd
import Foundation

/// One side of a bench row: something that runs `count` operations and says how many seconds
/// one took (wall time, so threads count), or nil when it could not run.
struct BenchSide {
    var name: String
    var run: (_ count: Int) -> Double?
}

/// What each side of a row measured: one figure (seconds an operation) per round.
struct BenchDraws {
    var name: String
    var seconds: [Double]

    var median: Double? {
        guard !seconds.isEmpty else { return nil }
        let sorted = seconds.sorted(), n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    var minimum: Double? { seconds.min() }
}

/// Runs the sides of a row round by round — ours, theirs, ours, theirs … — so that a change in
/// the machine's load falls on both alike, and each side gets the same number of draws.
enum BenchRounds {
    /// Each round of a side lasts about `roundSeconds`: a warm-up run sets how many operations
    /// that takes (at least one: a whole process is one operation).
    static func interleave(_ sides: [BenchSide], rounds: Int, roundSeconds: Double) -> [BenchDraws] {
        var counts: [Int?] = sides.map { side in
            guard let once = side.run(1) else { return nil }
            let first = Int(clamping: roundSeconds / 4 / max(once, 1e-9), to: 1...1_000_000_000)
            guard let again = side.run(first) else { return nil }
            return Int(clamping: roundSeconds / max(again, 1e-9), to: 1...1_000_000_000)
        }
        var draws = sides.map { BenchDraws(name: $0.name, seconds: []) }
        for _ in 0..<rounds {
            for (i, side) in sides.enumerated() {
                guard let count = counts[i] else { continue }
                if let seconds = side.run(count) { draws[i].seconds.append(seconds) } else { counts[i] = nil }
            }
        }
        for i in sides.indices where counts[i] == nil { draws[i].seconds = [] }
        return draws
    }

    /// Wall seconds per operation of `count` calls of `body`.
    static func perOperation(_ count: Int, _ body: () throws -> Void) -> Double? {
        let start = now()
        do {
            for _ in 0..<count { try body() }
        } catch {
            return nil
        }
        return (now() - start) / Double(count)
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

/// A figure as people read it: three digits and a unit.
enum BenchText {
    static func time(_ seconds: Double) -> String {
        let (value, unit): (Double, String) = seconds < 1e-6 ? (seconds * 1e9, "ns") : seconds < 1e-3 ? (seconds * 1e6, "µs")
            : seconds < 1 ? (seconds * 1e3, "ms") : (seconds, "s")
        return digits(value) + " " + unit
    }

    /// "median / min unit", both in the median's unit.
    static func draws(_ d: BenchDraws) -> String {
        guard let median = d.median, let minimum = d.minimum else { return "—" }
        let scale: Double = median < 1e-6 ? 1e9 : median < 1e-3 ? 1e6 : median < 1 ? 1e3 : 1
        let unit = median < 1e-6 ? "ns" : median < 1e-3 ? "µs" : median < 1 ? "ms" : "s"
        return digits(median * scale) + " / " + digits(minimum * scale) + " " + unit
    }

    static func digits(_ v: Double) -> String {
        v >= 100 ? String(format: "%.0f", v) : v >= 10 ? String(format: "%.1f", v) : String(format: "%.2f", v)
    }

    /// How ours compares with theirs, by medians (the caller names both sides: "backprop 3.2× faster than micrograd").
    static func ratio(ours: Double, theirs: Double) -> String {
        theirs >= ours ? String(format: "%.2f× faster", theirs / ours) : String(format: "%.2f× slower", ours / theirs)
    }

    static func padded(_ text: String, _ width: Int) -> String {
        let n = text.count
        return n >= width ? text + " " : text + String(repeating: " ", count: width - n)
    }
}
