/// Decimal text to a number without going through a String and strtod, when that is exact: a
/// million-number scenario spends most of its loading there. For a float, Clinger's fast path: at
/// most 2^53 in the digits and a power of ten up to 10^22 are both exact doubles, so one
/// multiplication or division rounds once, to the double strtod gives. Anything else is nil, and
/// the caller asks strtod.
enum DecimalText {
    /// Powers of ten that are exact doubles.
    private static let powers: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                           1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

    /// `[+-]digits[.digits][(e|E)[+-]digits]`, already checked to be a decimal number (no underscores).
    static func double(_ text: ArraySlice<UInt8>) -> Double? {
        var k = text.startIndex
        var negative = false
        if k < text.endIndex, text[k] == UInt8(ascii: "-") || text[k] == UInt8(ascii: "+") {
            negative = text[k] == UInt8(ascii: "-")
            k += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        var seenPoint = false
        while k < text.endIndex {
            let byte = text[k]
            if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                if mantissa != 0 || byte != UInt8(ascii: "0") { digits += 1 }
                guard digits <= 19 else { return nil }
                mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
                if seenPoint { scale -= 1 }
            } else {
                break
            }
            k += 1
        }
        if k < text.endIndex {
            guard text[k] == UInt8(ascii: "e") || text[k] == UInt8(ascii: "E") else { return nil }
            k += 1
            var negativeExponent = false
            if k < text.endIndex, text[k] == UInt8(ascii: "-") || text[k] == UInt8(ascii: "+") {
                negativeExponent = text[k] == UInt8(ascii: "-")
                k += 1
            }
            var exponent = 0
            while k < text.endIndex {
                let byte = text[k]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
                guard exponent < 1000 else { return nil }
                k += 1
            }
            scale += negativeExponent ? -exponent : exponent
        }
        guard mantissa <= 1 << 53 else { return nil }
        var value = Double(mantissa)
        if mantissa != 0 {
            guard scale >= -22, scale <= 22 else { return nil }
            value = scale < 0 ? value / powers[-scale] : value * powers[scale]
        }
        return negative ? -value : value
    }

    /// A plain decimal read in place at `start`, `[+-]digits.digits` (`-0.0123`, `12.5`), and the
    /// offset after it: most numbers of a big scenario are written so, and this reads one without
    /// cutting it out first. nil for anything else (an exponent, an underscore, no point, a leading
    /// zero, past the fast path): the caller reads that the general way, which gives the same double
    /// (`double(_:)` on the same text). What may follow the number is the caller's to check.
    static func plain(_ bytes: [UInt8], at start: Int) -> (value: Double, end: Int)? {
        var k = start
        let end = bytes.count
        var negative = false
        if k < end, bytes[k] == UInt8(ascii: "-") || bytes[k] == UInt8(ascii: "+") {
            negative = bytes[k] == UInt8(ascii: "-")
            k += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        let integerStart = k
        while k < end, bytes[k] >= UInt8(ascii: "0"), bytes[k] <= UInt8(ascii: "9") {
            if mantissa != 0 || bytes[k] != UInt8(ascii: "0") { digits += 1 }
            guard digits <= 19 else { return nil }
            mantissa = mantissa * 10 + UInt64(bytes[k] - UInt8(ascii: "0"))
            k += 1
        }
        let integerDigits = k - integerStart
        guard integerDigits == 1 || (integerDigits > 1 && bytes[integerStart] != UInt8(ascii: "0")),
              k < end, bytes[k] == UInt8(ascii: ".") else { return nil }
        k += 1
        let fractionStart = k
        while k < end, bytes[k] >= UInt8(ascii: "0"), bytes[k] <= UInt8(ascii: "9") {
            if mantissa != 0 || bytes[k] != UInt8(ascii: "0") { digits += 1 }
            guard digits <= 19 else { return nil }
            mantissa = mantissa * 10 + UInt64(bytes[k] - UInt8(ascii: "0"))
            k += 1
        }
        let scale = k - fractionStart
        guard scale > 0, mantissa <= 1 << 53 else { return nil }
        var value = Double(mantissa)
        if mantissa != 0 {
            guard scale <= 22 else { return nil }
            value /= powers[scale]
        }
        return (negative ? -value : value, k)
    }

    /// `[+-]digits` with at most 18 digits (no overflow is possible), or nil.
    static func integer(_ text: ArraySlice<UInt8>) -> Int? {
        var k = text.startIndex
        var negative = false
        if k < text.endIndex, text[k] == UInt8(ascii: "-") || text[k] == UInt8(ascii: "+") {
            negative = text[k] == UInt8(ascii: "-")
            k += 1
        }
        guard k < text.endIndex, text.endIndex - k <= 18 else { return nil }
        var value = 0
        while k < text.endIndex {
            let byte = text[k]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            k += 1
        }
        return negative ? -value : value
    }
}
