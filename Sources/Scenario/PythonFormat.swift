/// Numbers and lists printed as Python prints them, so transcripts match PyTorch's byte for byte.
public enum PythonFormat {
    /// `repr(float)`: the shortest digits that round-trip, in exponent form when the decimal
    /// exponent is below -4 or at least 16 (`1e-05`, `1e+16`), else with a `.0` when integral.
    public static func repr(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let (negative, digits, exponent) = shortestDigits(value.description)
        return (negative ? "-" : "") + layout(digits: digits, exponent: exponent)
    }

    /// The shorter float32 form people read on screen: the shortest digits that round-trip as a
    /// Float, laid out by the same rules (`1.02`, `-7.84`, `1e-12`).
    public static func short(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let f = Float(value)
        if f.isInfinite { return repr(value) }
        let (negative, digits, exponent) = shortestDigits(f.description)
        return (negative ? "-" : "") + layout(digits: digits, exponent: exponent)
    }

    /// Splits Swift's shortest round-trip description ("1.5e-07", "-7.84", "100.0") into
    /// sign, significant digits and the decimal exponent of the first digit.
    static func shortestDigits(_ text: String) -> (Bool, [Character], Int) {
        var s = Substring(text)
        let negative = s.first == "-"
        if negative { s = s.dropFirst() }
        var exponentPart = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponentPart = Int(s[s.index(after: e)...]) ?? 0
            s = s[..<e]
        }
        let intPart = s.split(separator: ".", omittingEmptySubsequences: false).first ?? ""
        let fracPart = s.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first ?? ""
        var digits = Array(intPart) + Array(fracPart)
        var pointPosition = intPart.count + exponentPart  // digits before the decimal point
        while digits.first == "0" && digits.count > 1 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        return (negative, digits, pointPosition - 1)
    }

    static func layout(digits: [Character], exponent: Int) -> String {
        if exponent < -4 || exponent >= 16 {
            let mantissa = digits.count == 1 ? String(digits) : "\(digits[0]).\(String(digits[1...]))"
            let sign = exponent < 0 ? "-" : "+"
            let magnitude = abs(exponent)
            return "\(mantissa)e\(sign)\(magnitude < 10 ? "0" : "")\(magnitude)"
        }
        if exponent < 0 {
            return "0." + String(repeating: "0", count: -exponent - 1) + String(digits)
        }
        if digits.count <= exponent + 1 {
            return String(digits) + String(repeating: "0", count: exponent + 1 - digits.count) + ".0"
        }
        return String(digits[0...exponent]) + "." + String(digits[(exponent + 1)...])
    }

    /// A Python list of floats: `[1.0, -2.5]`.
    public static func list(_ values: some Sequence<Double>) -> String {
        "[" + values.map(repr).joined(separator: ", ") + "]"
    }
}
