import Foundation
import Testing
@testable import Autograd

/// The compiled step computes a float32 tape in Float and the walked path in Double rounded to
/// float32; the two must agree bit for bit. `CompiledStepTests` holds them to it on the shipped
/// scenarios, whose exponents are 2: here every exponent pow special-cases, and the other
/// functions, on many inputs.
@Suite struct EngineScalarTests {
    static let inputs: [Float] = {
        var seed: UInt32 = 2024
        var xs: [Float] = [0, -0.0, 1, -1, 0.5, 2, 3, 1e-30, 1e30, .infinity, -.infinity, .nan]
        for _ in 0..<5000 {
            seed = seed &* 1_664_525 &+ 1_013_904_223
            xs.append(Float(bitPattern: 0x3000_0000 &+ seed % 0x2000_0000) * (seed & 1 == 0 ? 1 : -1))
        }
        return xs
    }()

    func same(_ name: String, _ float: (Float) -> Float, _ double: (Double) -> Double) {
        let differing = Self.inputs.filter { x in
            let f = float(x), d = double(Double(x))
            return !(f.isNaN && d.isNaN) && f.bitPattern != Float(d).bitPattern
        }
        let examples = Array(differing.prefix(3))
        #expect(differing.count == 0, "\(name): Float and Double differ at \(examples)")
    }

    @Test(arguments: [0, 1, 2, 3, 0.5, -0.5, -1, -2, 1.7, -2.5])
    func powerAgrees(p: Double) {
        same("pow \(p)", { Float.power($0, p, .float32) }, { Double.power($0, p, .float32) })
        same("\(p)·x", { Float.scaled(p, $0, .float32) }, { Double.scaled(p, $0, .float32) })
    }

    /// Each function against a reference of its own, not against itself: the float32 result must
    /// be the true value rounded once, worked out here in Float80 (64-bit significand), where
    /// x·x is exact; the C library's float32 exp, log and log1p within 1 ulp of it; tanh, sin and
    /// cos (rounded from float64 on purpose) and 1 − x² (fused) equal to it. Both engine forms
    /// (Float, and Double on a float32 tape) are held to it.
    @Test func functionsMatchAReferenceOfTheirOwn() {
        func check(_ name: String, ulps allowed: Int, _ float: (Float) -> Float, _ double: (Double) -> Double, _ reference: (Float80) -> Float80) {
            var worst = 0, example: Float = 0
            for x in Self.inputs where x.isFinite {
                let truth = Float(reference(Float80(x)))
                for ours in [float(x), Float(double(Double(x)))] where !(ours.isNaN && truth.isNaN) {
                    let off = ours.isNaN != truth.isNaN ? Int.max : Int(ours.bitPattern.distance(to: truth.bitPattern).magnitude)
                    if off > worst { worst = off; example = x }
                }
            }
            #expect(worst <= allowed, "\(name): \(worst) ulps from the true value at \(example) (allowed \(allowed))")
        }
        check("exp", ulps: 1, { Float.exp($0, .float32) }, { Double.exp($0, .float32) }) { Foundation.exp($0) }
        check("log", ulps: 1, { Float.log($0, .float32) }, { Double.log($0, .float32) }) { Foundation.log($0) }
        check("log1p", ulps: 1, { Float.log1p($0, .float32) }, { Double.log1p($0, .float32) }) { Foundation.log1p($0) }
        check("tanh", ulps: 0, { Float.tanh($0, .float32) }, { Double.tanh($0, .float32) }) { Foundation.tanh($0) }
        check("sin", ulps: 0, { Float.sin($0, .float32) }, { Double.sin($0, .float32) }) { Foundation.sin($0) }
        check("cos", ulps: 0, { Float.cos($0, .float32) }, { Double.cos($0, .float32) }) { Foundation.cos($0) }
        check("1 − x²", ulps: 0, { Float.oneMinusSquareFused($0, .float32) }, { Double.oneMinusSquareFused($0, .float32) }) { 1 - $0 * $0 }
    }
}
