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

    @Test func functionsAgree() {
        same("exp", { Float.exp($0, .float32) }, { Double.exp($0, .float32) })
        same("log", { Float.log($0, .float32) }, { Double.log($0, .float32) })
        same("log1p", { Float.log1p($0, .float32) }, { Double.log1p($0, .float32) })
        same("tanh", { Float.tanh($0, .float32) }, { Double.tanh($0, .float32) })
        same("1 − x²", { Float.oneMinusSquareFused($0, .float32) }, { Double.oneMinusSquareFused($0, .float32) })
    }
}
