/// The shortest round-trip decimal digits of a finite float, read off the bytes Swift's own
/// `write(to:)` produces (the same digits as `description`, without building a String).
///
/// Python's `repr` and Swift's `description` both print the shortest digits that read back as the
/// same number (the closest such when several are as short); only the layout differs (Swift keeps
/// positional form up to 2^54, Python up to 1e16). So the digits come from Swift, the layout from us.
struct ShortestDigits: TextOutputStream {
    /// Up to 17 significant digits as ASCII, leading and trailing zeros stripped.
    private(set) var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    private(set) var count = 0
    /// The power of ten of the first digit: value = ±d0.d1d2… × 10^exponent.
    private(set) var exponent = 0
    private(set) var negative = false

    /// `value` must be finite.
    init<F: BinaryFloatingPoint & TextOutputStreamable>(_ value: F) {
        negative = value.sign == .minus
        value.write(to: &self)
    }

    var isZero: Bool { count == 0 }

    /// The `index`th digit as ASCII (`0`…`9`).
    @inline(__always) func digit(_ index: Int) -> UInt8 {
        withUnsafeBytes(of: digits) { $0[index] }
    }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        parse(buffer)
    }

    mutating func write(_ string: String) {
        var copy = string
        copy.withUTF8 { parse($0) }
    }

    /// Reads `[-]d…[.d…][e[±]d…]`: Swift's only forms for finite values.
    private mutating func parse(_ text: UnsafeBufferPointer<UInt8>) {
        var stored = 0
        var point = -1        // digits (leading zeros dropped) before the '.', once seen
        var seenNonZero = false
        var leadingZerosAfterPoint = 0
        var i = 0
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var lastNonZero = 0
        withUnsafeMutableBytes(of: &scratch) { out in
            while i < text.count {
                let c = text[i]
                if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
                } else if c == UInt8(ascii: ".") {
                    point = stored
                } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                    if c != UInt8(ascii: "0") || seenNonZero {
                        seenNonZero = true
                        if stored < out.count { out[stored] = c }
                        stored += 1
                        if c != UInt8(ascii: "0") { lastNonZero = stored }
                    } else if point >= 0 {
                        leadingZerosAfterPoint += 1
                    }
                } else {
                    break  // 'e'
                }
                i += 1
            }
        }
        var shift = 0
        if i < text.count {
            i += 1
            var sign = 1
            if i < text.count, text[i] == UInt8(ascii: "-") { sign = -1; i += 1 } else if i < text.count, text[i] == UInt8(ascii: "+") { i += 1 }
            while i < text.count { shift = shift * 10 + Int(text[i] &- UInt8(ascii: "0")); i += 1 }
            shift *= sign
        }
        digits = scratch
        count = min(lastNonZero, 24)
        if count == 0 { exponent = 0; return }
        let integerDigits = point >= 0 ? point : stored
        exponent = (integerDigits > 0 ? integerDigits - 1 : -1 - leadingZerosAfterPoint) + shift
    }

    /// Python's layout (`1.5`, `0.0001`, `1e-05`, `1e+16`) into `out`, which holds at least 32 bytes; returns its length.
    func writePython(into out: UnsafeMutableRawBufferPointer) -> Int {
        var n = 0
        @inline(__always) func put(_ c: UInt8) { out[n] = c; n += 1 }
        if negative { put(UInt8(ascii: "-")) }
        if isZero {
            put(UInt8(ascii: "0")); put(UInt8(ascii: ".")); put(UInt8(ascii: "0"))
            return n
        }
        if exponent >= 0 && exponent < 16 {
            for k in 0...exponent { put(k < count ? digit(k) : UInt8(ascii: "0")) }
            put(UInt8(ascii: "."))
            if count > exponent + 1 {
                for k in (exponent + 1)..<count { put(digit(k)) }
            } else {
                put(UInt8(ascii: "0"))
            }
        } else if exponent < 0 && exponent >= -4 {
            put(UInt8(ascii: "0")); put(UInt8(ascii: "."))
            for _ in 0..<(-exponent - 1) { put(UInt8(ascii: "0")) }
            for k in 0..<count { put(digit(k)) }
        } else {
            put(digit(0))
            if count > 1 {
                put(UInt8(ascii: "."))
                for k in 1..<count { put(digit(k)) }
            }
            put(UInt8(ascii: "e"))
            put(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let magnitude = abs(exponent)
            if magnitude >= 100 { put(UInt8(ascii: "0") + UInt8(magnitude / 100)) }
            put(UInt8(ascii: "0") + UInt8(magnitude / 10 % 10))
            put(UInt8(ascii: "0") + UInt8(magnitude % 10))
        }
        return n
    }

    /// Python's layout as a String.
    func python() -> String {
        withUnsafeTemporaryAllocation(byteCount: 32, alignment: 1) { buffer in
            let n = writePython(into: buffer)
            return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[..<n]), as: UTF8.self)
        }
    }
}
