import Testing
import Scenario

/// A million numbers, each printed by the fast formatter and by the reference one it replaced
/// (`ReferenceNumberFormat`, kept verbatim): the two must agree byte for byte.
///
/// The values are drawn to reach every layout: raw bit patterns of doubles and of float32s (every
/// exponent, subnormals, signed zeros), short decimals such as a scenario writes (`0.01`, `-7.84`),
/// and neighbours of the layout boundaries (1e-4 and 1e16 for Python, 2^53 and 2^54 for Swift).
private struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private func value(_ kind: Int, _ random: inout SplitMix64) -> Double {
    let bits = random.next()
    switch kind {
    case 0: return Double(bitPattern: bits)
    case 1: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
    case 2:
        let mantissa = Double(Int64(bitPattern: bits) % 100_000_000)
        let power = Int(bits >> 56) % 48 - 24
        let decimal = mantissa * pow10(power)
        return bits & 1 == 0 ? decimal : Double(Float(decimal))
    default:
        let anchors: [Double] = [1e-4, 1e-5, 1e15, 1e16, 1e17, 9007199254740992, 18014398509481984, 1, 0.1]
        let anchor = anchors[Int(bits % UInt64(anchors.count))]
        let step = Int64(bits >> 40) % 2048 - 1024
        let near = Double(bitPattern: UInt64(Int64(anchor.bitPattern) + step))
        return (bits >> 39) & 1 == 0 ? near : -Double(Float(near))
    }
}

private func pow10(_ n: Int) -> Double {
    var result = 1.0
    for _ in 0..<abs(n) { result *= 10 }
    return n < 0 ? 1 / result : result
}

/// 16 slices of 62 500 values, so the slices run side by side.
@Test(arguments: 0..<16)
func fastFormatterEqualsTheReferenceOnAMillionValues(slice: Int) {
    var random = SplitMix64(state: UInt64(slice) &* 0x1234_5678_9ABC_DEF1)
    var mismatches: [String] = []
    for i in 0..<62_500 {
        let v = value(i % 4, &random)
        let fast = NumberFormat.python(v), reference = ReferenceNumberFormat.python(v)
        if fast != reference, mismatches.count < 5 { mismatches.append("python bits 0x\(String(v.bitPattern, radix: 16)): \(fast) vs \(reference)") }
        guard i % 4 == 0 else { continue }  // the float32 reading on a quarter of them: it shares the layout code
        let fastShort = NumberFormat.short(v), referenceShort = ReferenceNumberFormat.short(v)
        if fastShort != referenceShort, mismatches.count < 5 { mismatches.append("short bits 0x\(String(v.bitPattern, radix: 16)): \(fastShort) vs \(referenceShort)") }
    }
    #expect(mismatches.isEmpty, "\(mismatches)")
}

@Test func fastFormatterCoversSpecialValues() {
    let specials: [Double] = [0, -0.0, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                              .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                              Double(Float.leastNonzeroMagnitude), Double(Float.greatestFiniteMagnitude), 1e16, 1e-5, 1e100, 1e-100]
    for v in specials {
        #expect(NumberFormat.python(v) == ReferenceNumberFormat.python(v))
        #expect(NumberFormat.short(v) == ReferenceNumberFormat.short(v))
    }
    #expect(NumberFormat.python(1e100) == "1e+100")
    #expect(NumberFormat.python(-1e-100) == "-1e-100")
    #expect(NumberFormat.python(18014398509481984) == "1.8014398509481984e+16")
}
