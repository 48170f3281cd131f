/// How numbers are written: exactly as Python prints them, or shorter for people reading a screen.
public enum NumberFormat {
    /// Python's `repr(float)`: shortest round-trip digits, scientific iff the exponent is < -4 or >= 16.
    public static func python(_ value: Double) -> String {
        guard value.isFinite else { return nonFinite(value) }
        return ShortestDigits(value).python()
    }

    /// `python(value)` appended to a byte buffer: a csv line built without a String per number.
    public static func appendPython(_ value: Double, to bytes: inout [UInt8]) {
        guard value.isFinite else { return bytes.append(contentsOf: nonFinite(value).utf8) }
        withUnsafeTemporaryAllocation(byteCount: 32, alignment: 1) { buffer in
            let n = ShortestDigits(value).writePython(into: buffer)
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[..<n]))
        }
    }

    /// A whole number in decimal, appended to a byte buffer.
    public static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { d in
            var n = value.magnitude, k = d.count
            repeat {
                k -= 1
                d[k] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
            } while n > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[k...]))
        }
    }

    /// The float32 reading of `value` (`1.02`, `-8.0`, `1e-12`) in Python's layout; what the screen shows.
    ///
    /// Values a float32 cannot hold (beyond ±3.4e38, or non-zero below its smallest subnormal) keep
    /// their double digits: a float64 scenario's `1e-50` must not read as `0.0`.
    public static func short(_ value: Double) -> String {
        guard let digits = shortDigits(value) else { return nonFinite(value) }
        return digits.python()
    }

    /// At most `maxWidth` characters (guaranteed when `maxWidth >= 5`), fewer significant digits as needed:
    /// `-7.84`, `0.0312`, `1.2e-05`, `3e+04`.
    ///
    /// Starts from the `short` digits and drops digits until it fits: first in positional form (Python's
    /// range), then scientific, then a bare integer; a tiny value that fits no other way reads as `0.0`,
    /// a huge one as `huge`. Exponents always read as Python writes them (`2e-05`, `1e+300`, never
    /// `2e-5`), so one screen never mixes two styles; callers that must not show a non-zero number as
    /// `-0.0` give a negative one six columns. `significantDigits` caps the digits even when more would
    /// fit (axis labels use 2 or 3).
    public static func compact(_ value: Double, maxWidth: Int, significantDigits: Int = 17) -> String {
        guard let digits = shortDigits(value) else { return nonFinite(value) }
        // Every shorter form rounds the exact digits once (9.094947e-13 → 9.09e-13, not 9.095 → 9.1).
        // Each form's length is known before its text is written, so only the one returned is.
        let exact = DecimalDigits(digits)
        let decimal = exact.rounded(to: significantDigits)
        if decimal.pythonLength <= maxWidth { return decimal.python() }
        // The shortest form tried, the first of equal length: only needed when maxWidth < 5.
        var shortest = (length: decimal.pythonLength, text: { decimal.python() })
        func tried(_ length: Int, _ text: @escaping () -> String) -> Bool {
            if length <= maxWidth { return true }
            if length < shortest.length { shortest = (length, text) }
            return false
        }

        if !decimal.isZero, decimal.exponent >= -4, decimal.exponent < 16 {
            let lowest = max(1, decimal.exponent + 1)
            if decimal.digits.count - 1 >= lowest {
                for precision in stride(from: decimal.digits.count - 1, through: lowest, by: -1) {
                    let rounded = exact.rounded(to: precision)
                    if tried(rounded.pythonLength, { rounded.python() }) { return rounded.python() }
                }
            }
        }
        if !decimal.isZero {
            for precision in stride(from: decimal.digits.count, through: 1, by: -1) {
                let rounded = exact.rounded(to: precision)
                if tried(rounded.scientificLength, { rounded.scientific() }) { return rounded.scientific() }
            }
            if decimal.exponent >= 0, decimal.exponent < 16 {
                let rounded = exact.rounded(to: decimal.exponent + 1)
                if tried(rounded.integerLength, { rounded.integer() }) { return rounded.integer() }
            }
            if decimal.exponent < 0 {
                let zero = decimal.negative ? "-0.0" : "0.0"
                if tried(zero.count, { zero }) { return zero }
            } else {
                let huge = decimal.negative ? "-huge" : "huge"
                if huge.count <= maxWidth { return huge }
            }
        }
        // Only reached when maxWidth < 5: the shortest honest text we found.
        return shortest.text()
    }

    private static func nonFinite(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        return value < 0 ? "-inf" : "inf"
    }

    private static func shortDigits(_ value: Double) -> ShortestDigits? {
        guard value.isFinite else { return nil }
        let single = Float(value)
        if single.isFinite, single != 0 || value == 0 { return ShortestDigits(single) }
        return ShortestDigits(value)
    }
}

/// A finite number as sign, significant digits and the power of ten of the first digit:
/// value = ±d0.d1d2… × 10^exponent. Zero has no digits.
fileprivate struct DecimalDigits: Equatable {
    var negative: Bool
    var digits: [UInt8]
    var exponent: Int

    var isZero: Bool { digits.isEmpty }

    init(negative: Bool, digits: [UInt8], exponent: Int) {
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
    }

    init(_ shortest: ShortestDigits) {
        self.negative = shortest.negative
        self.digits = (0..<shortest.count).map { shortest.digit($0) - UInt8(ascii: "0") }
        self.exponent = shortest.exponent
    }

    /// Rounded to at most `precision` significant digits, half to even on an exact tie of the digits.
    func rounded(to precision: Int) -> DecimalDigits {
        let keep = max(1, precision)
        guard digits.count > keep else { return self }
        var kept = Array(digits[0..<keep])
        let first = digits[keep]
        let rest = digits[(keep + 1)...]
        let roundUp = first > 5 || (first == 5 && (rest.contains { $0 != 0 } || (kept[keep - 1] % 2 == 1)))
        var exponent = self.exponent
        if roundUp {
            var index = keep - 1
            while index >= 0 {
                if kept[index] == 9 {
                    kept[index] = 0
                    index -= 1
                } else {
                    kept[index] += 1
                    break
                }
            }
            if index < 0 {
                kept.insert(1, at: 0)
                kept.removeLast()
                exponent += 1
            }
        }
        while let last = kept.last, last == 0 { kept.removeLast() }
        return DecimalDigits(negative: negative, digits: kept, exponent: exponent)
    }

    private var sign: String { negative ? "-" : "" }
    /// The digits in `range` as text, 0 past either end (one ASCII byte each, not a String per digit:
    /// a frame of deep193 writes thousands of these).
    private func text(_ range: Range<Int>) -> String {
        String(decoding: range.map { index in UInt8(ascii: "0") + (index >= 0 && index < digits.count ? digits[index] : 0) }, as: UTF8.self)
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

    /// The length of `python()`, `scientific()` and `integer()`, without writing them.
    var pythonLength: Int {
        if isZero || exponent < -4 || exponent >= 16 { return scientificLength }
        let sign = negative ? 1 : 0
        if exponent >= 0 { return sign + exponent + 2 + max(1, digits.count - exponent - 1) }
        return sign + 1 - exponent + digits.count
    }

    var scientificLength: Int {
        let sign = negative ? 1 : 0
        if isZero { return sign + 3 }
        var magnitude = 0, e = abs(exponent)
        repeat {
            magnitude += 1
            e /= 10
        } while e > 0
        return sign + (digits.count > 1 ? digits.count + 1 : 1) + 2 + max(2, magnitude)
    }

    var integerLength: Int { (negative ? 1 : 0) + (isZero || exponent < 0 ? 1 : exponent + 1) }

    /// `1.5e-07`, `1e+16`, `1e+300`: Python's exponent, signed and at least two digits.
    func scientific() -> String {
        if isZero { return sign + "0.0" }
        let mantissa = digits.count > 1 ? text(0..<1) + "." + text(1..<digits.count) : text(0..<1)
        let magnitude = String(abs(exponent))
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
    }

    /// The integer part alone (`31235`), for values >= 1 rounded to whole numbers.
    func integer() -> String {
        if isZero || exponent < 0 { return sign + "0" }
        return sign + text(0..<(exponent + 1))
    }
}

extension NumberFormat {
    /// `value` with exactly `decimals` digits after the point (`-1.390`, `0.03070`, `12` for none),
    /// rounded once from float32's shortest digits: a grid's positional form, the same for every entry.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard let digits = shortDigits(value) else { return nonFinite(value) }
        return DecimalDigits(digits).fixed(decimals: max(0, decimals))
    }

    /// `value` as `d.ddde-05` with exactly `decimals` digits after the mantissa's point (Python's
    /// exponent, signed and at least two digits): a grid's scientific form, the same for every entry.
    public static func scientific(_ value: Double, decimals: Int) -> String {
        guard let digits = shortDigits(value) else { return nonFinite(value) }
        return DecimalDigits(digits).scientific(decimals: max(0, decimals))
    }

    /// The power of ten of `value`'s first digit once rounded to `significantDigits` (9.9996 at 4
    /// digits is 10.00: 1); nil for zero and non-finite values.
    public static func exponent(_ value: Double, significantDigits: Int) -> Int? {
        guard let digits = shortDigits(value) else { return nil }
        let rounded = DecimalDigits(digits).rounded(to: significantDigits)
        return rounded.isZero ? nil : rounded.exponent
    }
}

extension DecimalDigits {
    /// Rounded at the `decimals`-th place after the point: positional, every place written.
    func fixed(decimals: Int) -> String {
        // One leading zero digit lets a value below the last place round up into it (0.0006 → 0.001).
        let padded = DecimalDigits(negative: negative, digits: [0] + digits, exponent: exponent + 1)
        let places = padded.exponent + 1 + decimals
        // Below half the last place: zero (rounded(to:) keeps at least one digit).
        var r = isZero || places < 1 ? DecimalDigits(negative: negative, digits: [], exponent: 0) : padded.rounded(to: places)
        // The padding zero goes again when nothing carried into it.
        if r.digits.first == 0 {
            r.digits.removeFirst()
            r.exponent -= 1
        }
        let sign = negative ? "-" : ""
        guard !r.isZero else { return sign + "0" + (decimals > 0 ? "." + String(repeating: "0", count: decimals) : "") }
        let integer = r.exponent >= 0 ? r.text(0..<(r.exponent + 1)) : "0"
        let fraction = decimals > 0 ? "." + r.text((r.exponent + 1)..<(r.exponent + 1 + decimals)) : ""
        return sign + integer + fraction
    }

    /// Rounded to `decimals` + 1 significant digits, as `d.ddde±XX`.
    func scientific(decimals: Int) -> String {
        let sign = negative ? "-" : ""
        let r = rounded(to: decimals + 1)
        let mantissa = r.text(0..<1) + (decimals > 0 ? "." + r.text(1..<(1 + decimals)) : "")
        let e = r.isZero ? 0 : r.exponent
        let magnitude = String(abs(e))
        return sign + mantissa + "e" + (e < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
    }
}
