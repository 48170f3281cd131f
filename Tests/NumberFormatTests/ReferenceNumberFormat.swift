/// The number formatter as it was before it learned to read Swift's digits as bytes: slow (it
/// reparses `description` with `split` and `Character.wholeNumberValue`) but long trusted, kept
/// here verbatim as the reference the fast one must equal byte for byte.
enum ReferenceNumberFormat {
    /// Python's `repr(float)`: shortest round-trip digits, scientific iff the exponent is < -4 or >= 16.
    static func python(_ value: Double) -> String {
        guard let decimal = ReferenceDecimalDigits(value.description, negative: value.sign == .minus) else {
            return nonFinite(value)
        }
        return decimal.python()
    }

    /// The float32 reading of `value` (`1.02`, `-8.0`, `1e-12`) in Python's layout; what the screen shows.
    ///
    /// Values a float32 cannot hold (beyond ±3.4e38, or non-zero below its smallest subnormal) keep
    /// their double digits: a float64 scenario's `1e-50` must not read as `0.0`.
    static func short(_ value: Double) -> String {
        guard let decimal = shortDecimal(value) else { return nonFinite(value) }
        return decimal.python()
    }

    private static func nonFinite(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        return value < 0 ? "-inf" : "inf"
    }

    private static func shortDecimal(_ value: Double) -> ReferenceDecimalDigits? {
        guard value.isFinite else { return nil }
        let single = Float(value)
        if single.isFinite, single != 0 || value == 0 {
            return ReferenceDecimalDigits(single.description, negative: value.sign == .minus)
        }
        return ReferenceDecimalDigits(value.description, negative: value.sign == .minus)
    }
}

/// A finite number as sign, significant digits and the power of ten of the first digit:
/// value = ±d0.d1d2… × 10^exponent. Zero has no digits.
private struct ReferenceDecimalDigits: Equatable {
    var negative: Bool
    var digits: [UInt8]
    var exponent: Int

    var isZero: Bool { digits.isEmpty }

    init(negative: Bool, digits: [UInt8], exponent: Int) {
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
    }

    /// Reads the text Swift's `description` gives (`-1.5e-07`, `1000.0`, `5e-324`); nil for nan/inf.
    init?(_ text: String, negative: Bool) {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
        guard let mantissa = parts.first, !mantissa.isEmpty else { return nil }
        var shift = 0
        if parts.count == 2 {
            guard let value = Int(parts[1]) else { return nil }
            shift = value
        }
        let halves = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = halves[0]
        let fractionPart = halves.count == 2 ? halves[1] : ""
        var all: [UInt8] = []
        for character in integerPart + fractionPart {
            guard let digit = character.wholeNumberValue, character.isASCII else { return nil }
            all.append(UInt8(digit))
        }
        guard !all.isEmpty else { return nil }
        var point = integerPart.count
        var start = 0
        while start < all.count, all[start] == 0 { start += 1; point -= 1 }
        var end = all.count
        while end > start, all[end - 1] == 0 { end -= 1 }
        self.negative = negative
        self.digits = Array(all[start..<end])
        self.exponent = digits.isEmpty ? 0 : point - 1 + shift
    }

    private var sign: String { negative ? "-" : "" }
    private func text(_ range: Range<Int>) -> String {
        String(range.map { index in
            Character(String(index >= 0 && index < digits.count ? digits[index] : 0))
        })
    }

    /// Python's layout: positional for exponents -4..<16, otherwise scientific.
    func python() -> String {
        if isZero { return sign + "0.0" }
        if exponent >= -4 && exponent < 16 { return positional() }
        return scientific()
    }

    func positional() -> String {
        if isZero { return sign + "0.0" }
        if exponent >= 0 {
            let integer = text(0..<(exponent + 1))
            let fraction = digits.count > exponent + 1 ? text((exponent + 1)..<digits.count) : "0"
            return sign + integer + "." + fraction
        }
        return sign + "0." + String(repeating: "0", count: -exponent - 1) + text(0..<digits.count)
    }

    /// `1.5e-07`, `1e+16`; with `padded: false`, `1e5`, `1e-300`.
    func scientific(padded: Bool = true) -> String {
        if isZero { return sign + "0.0" }
        let mantissa = digits.count > 1 ? text(0..<1) + "." + text(1..<digits.count) : text(0..<1)
        let magnitude = String(abs(exponent))
        if padded {
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
        }
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "") + magnitude
    }
}
