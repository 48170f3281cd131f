import Testing
import Scenario
@testable import Screen

@Test func compactKeepsWhatFitsAndRoundsTheRest() {
    #expect(NumberFormat.compact(-7.840000152587891, maxWidth: 7) == "-7.84")
    #expect(NumberFormat.compact(0.0312345, maxWidth: 6) == "0.0312")
    #expect(NumberFormat.compact(1.2345e-5, maxWidth: 7) == "1.2e-05")
    #expect(NumberFormat.compact(31234.5, maxWidth: 5) == "3e+04")
    #expect(NumberFormat.compact(31234.5, maxWidth: 7) == "31234.5")
    #expect(NumberFormat.compact(123456789, maxWidth: 7) == "1.2e+08")
    #expect(NumberFormat.compact(9.094947017729282e-13, maxWidth: 7) == "9.1e-13")
    #expect(NumberFormat.compact(2, maxWidth: 7) == "2.0")
    #expect(NumberFormat.compact(-0.0, maxWidth: 7) == "-0.0")
    #expect(NumberFormat.compact(.nan, maxWidth: 7) == "nan")
    #expect(NumberFormat.compact(-.infinity, maxWidth: 7) == "-inf")
    #expect(NumberFormat.compact(0.03125, maxWidth: 6) == "0.0312") // an exact tie rounds to even, as printf does
    #expect(NumberFormat.compact(99999.99, maxWidth: 7) == "1e+05")
}

@Test func compactUsesTheFloat32Reading() {
    #expect(NumberFormat.compact(7.315943717956543, maxWidth: 20) == "7.3159437")
    #expect(NumberFormat.compact(1e-50, maxWidth: 20) == "1e-50")  // below float32: keeps the double
}

@Test func compactCapsSignificantDigits() {
    #expect(NumberFormat.compact(7.315943717956543, maxWidth: 9, significantDigits: 2) == "7.3")
    #expect(NumberFormat.compact(2.7027e-06, maxWidth: 9, significantDigits: 2) == "2.7e-06")
    #expect(NumberFormat.compact(9.99, maxWidth: 9, significantDigits: 2) == "10.0")
}

@Test func compactHandlesWhatCannotFitFiveColumns() {
    #expect(NumberFormat.compact(1e300, maxWidth: 5) == "huge")
    #expect(NumberFormat.compact(1e300, maxWidth: 6) == "1e+300")
    #expect(NumberFormat.compact(-1e300, maxWidth: 5) == "-huge")
    #expect(NumberFormat.compact(1e-300, maxWidth: 5) == "0.0")
    #expect(NumberFormat.compact(1e-300, maxWidth: 6) == "1e-300")
    #expect(NumberFormat.compact(-1e-300, maxWidth: 6) == "-0.0")
    // No five-column form of these in Python's style: the caller gives a minus sign its column.
    #expect(NumberFormat.compact(-2e-5, maxWidth: 5) == "-0.0")
    #expect(NumberFormat.compact(-2e-5, maxWidth: 6) == "-2e-05")
    #expect(NumberFormat.compact(-0.009, maxWidth: 6) == "-0.009")
}

/// One exponent style on every screen: Python's (`3e-05`, `1e+16`), never `-2e-5` beside `3e-05`.
@Test func compactWritesEveryExponentAsPythonDoes() throws {
    let pythonStyle = try Regex(#"^-?[0-9](\.[0-9]+)?e[+-][0-9]{2,3}$"#)
    var values: [Double] = [-2e-5, 3e-5, -9e-3, -7e-4, 1e300, -1e300, 1e-300, -1e-300, 1e16, -1e16, 31234.5,
                            .greatestFiniteMagnitude, -.leastNonzeroMagnitude, 9.094947017729282e-13]
    var generator = SplitMix(seed: 11)
    for _ in 0..<3000 {
        let mantissa = Double(generator.next() % 2_000_001) / 1_000_000 - 1
        values.append(mantissa * pow10(Int(generator.next() % 80) - 40))
        let bits = Double(bitPattern: generator.next())
        if bits.isFinite { values.append(bits) }
    }
    var scientific = 0
    for value in values {
        for width in 3...12 {
            for digits in [1, 2, 3, 4, 17] {
                let text = NumberFormat.compact(value, maxWidth: width, significantDigits: digits)
                guard text.contains(/[0-9]e/) else { continue }
                scientific += 1
                #expect(text.wholeMatch(of: pythonStyle) != nil, "\(NumberFormat.python(value)) at \(width): \(text)")
            }
        }
    }
    #expect(scientific > 10_000, "the sweep reaches the scientific forms")
}

@Test func compactNeverExceedsItsWidth() {
    var values: [Double] = [0, -0.0, .nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                            .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, 1e16, -1e16, 1e15,
                            -999999.5, 99999.5, 0.00009999, -0.00009999]
    var generator = SplitMix(seed: 7)
    for _ in 0..<3000 {
        let bits = generator.next()
        let value = Double(bitPattern: bits)
        if value.isFinite { values.append(value) }
        let mantissa = Double(generator.next() % 2_000_001) / 1_000_000 - 1
        values.append(mantissa * pow10(Int(generator.next() % 60) - 30))
    }
    for value in values {
        for width in 5...12 {
            let text = NumberFormat.compact(value, maxWidth: width)
            #expect(text.count <= width, "\(NumberFormat.python(value)) at \(width): \(text)")
        }
    }
}

/// A tiny deterministic generator, so the sweep is the same on every run.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private func pow10(_ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<abs(exponent) { result *= 10 }
    return exponent < 0 ? 1 / result : result
}
