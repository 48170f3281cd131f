/// A TOML syntax mistake: the byte offset where it is, and what is wrong in plain words.
public struct TOMLSyntaxError: Error, Equatable, Sendable {
    public var offset: Int
    public var message: String
}

/// Reads TOML 1.0 from UTF-8 bytes into tables, in one pass and without recursion deeper than
/// `maximumNesting`. Ours rather than a C++ library's: a syntax error is a value with an exact
/// position (never an assertion that kills the process), and it reads a 5 MB file in a blink.
public struct TOMLReader {
    /// Lists and inline tables inside each other, and parts of a dotted key, at most this deep.
    public static let maximumNesting = 64
    /// The longest string value, in bytes.
    public static let maximumStringBytes = 1_000_000

    private let bytes: [UInt8]
    private var i = 0
    private let root = TOMLTable()

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    public static func read(_ bytes: [UInt8]) throws(TOMLSyntaxError) -> TOMLTable {
        var reader = TOMLReader(bytes)
        return try reader.document()
    }

    // MARK: the document

    private mutating func document() throws(TOMLSyntaxError) -> TOMLTable {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        var current = root
        while true {
            try skipBlankLines()
            guard i < bytes.count else { return root }
            if bytes[i] == UInt8(ascii: "[") {
                current = try header()
            } else {
                try keyValue(into: current)
            }
            try endOfLine()
        }
    }

    /// `[a.b]` or `[[a.b]]`: the table later keys go into.
    private mutating func header() throws(TOMLSyntaxError) -> TOMLTable {
        let start = i
        let isList = peek(1) == UInt8(ascii: "[")
        i += isList ? 2 : 1
        skipSpaces()
        let parts = try key()
        skipSpaces()
        if isList {
            guard peek() == UInt8(ascii: "]"), peek(1) == UInt8(ascii: "]") else {
                throw fail("expected ']]' to close the [[…]] header", at: i)
            }
            i += 2
        } else {
            guard peek() == UInt8(ascii: "]") else { throw fail("expected ']' to close the […] header", at: i) }
            i += 1
        }
        var table = root
        for part in parts.dropLast() {
            if let existing = table[part.name] {
                switch existing.storage {
                case .table(let sub) where sub.origin != .inline:
                    table = sub
                case .tables(let list):
                    guard let last = list.tables.last else { throw fail("'\(part.name)' is not a table", at: part.offset) }
                    table = last
                default:
                    throw fail("'\(part.name)' is already \(describe(existing)) at line \(line(of: existing.offset)); it cannot also be a table", at: part.offset)
                }
            } else {
                let sub = TOMLTable(origin: .implicit, offset: part.offset)
                table.insert(part.name, TOMLValue(storage: .table(sub), offset: part.offset), keyOffset: part.offset)
                table = sub
            }
        }
        guard let last = parts.last else { throw fail("expected a name in the header", at: start) }
        let name = dotted(parts)
        if let existing = table[last.name] {
            switch existing.storage {
            case .table(let sub) where !isList && sub.origin == .implicit:
                sub.origin = .header
                return sub
            case .tables(let list) where isList:
                let sub = TOMLTable(origin: .header, offset: start)
                list.tables.append(sub)
                return sub
            case .table(let sub) where !isList && sub.origin == .header:
                throw fail("the section [\(name)] appears twice (first at line \(line(of: sub.offset)))", at: start)
            default:
                throw fail("'\(name)' is already \(describe(existing)) at line \(line(of: existing.offset)); it cannot also be \(isList ? "a [[\(name)]] list" : "a section [\(name)]")", at: start)
            }
        }
        let sub = TOMLTable(origin: .header, offset: start)
        if isList {
            let list = TOMLTableList()
            list.tables.append(sub)
            table.insert(last.name, TOMLValue(storage: .tables(list), offset: start), keyOffset: last.offset)
        } else {
            table.insert(last.name, TOMLValue(storage: .table(sub), offset: start), keyOffset: last.offset)
        }
        return sub
    }

    /// `key = value` (the key may be dotted: `a.b = 1` puts b into table a).
    private mutating func keyValue(into table: TOMLTable, depth: Int = 0) throws(TOMLSyntaxError) {
        let parts = try key()
        if depth + parts.count > Self.maximumNesting { throw fail("lists, tables and dotted keys nested more than \(Self.maximumNesting) deep", at: i) }
        skipSpaces()
        guard peek() == UInt8(ascii: "=") else {
            let name = dotted(parts)
            if i >= bytes.count || isLineBreak(peek()) {
                throw fail("expected '=' and a value after '\(name)'", at: i)
            }
            throw fail("expected '=' after '\(name)', found \(describe(byteAt: i))", at: i)
        }
        i += 1
        skipSpaces()
        let value = try self.value(depth: depth)
        var target = table
        for part in parts.dropLast() {
            if let existing = target[part.name] {
                guard case .table(let sub) = existing.storage, sub.origin == .dotted else {
                    throw fail("'\(part.name)' is already \(describe(existing)) at line \(line(of: existing.offset)); a dotted key cannot add to it", at: part.offset)
                }
                target = sub
            } else {
                let sub = TOMLTable(origin: .dotted, offset: part.offset)
                target.insert(part.name, TOMLValue(storage: .table(sub), offset: part.offset), keyOffset: part.offset)
                target = sub
            }
        }
        guard let last = parts.last else { throw fail("expected a key", at: i) }
        if let existing = target[last.name] {
            throw fail("'\(dotted(parts))' is given twice (first at line \(line(of: target.offset(ofKey: last.name) ?? existing.offset)))", at: last.offset)
        }
        target.insert(last.name, value, keyOffset: last.offset)
    }

    // MARK: keys

    private struct KeyPart { var name: String; var offset: Int }

    /// `a.b.c`, spelled by hand: `joined(separator:)` is generic code that costs a first run the
    /// runtime's look-up of its associated types (0.3 M instructions of `backprop train linear`).
    private func dotted(_ parts: [KeyPart]) -> String {
        var name = ""
        for (k, part) in parts.enumerated() {
            if k > 0 { name += "." }
            name += part.name
        }
        return name
    }

    private mutating func key() throws(TOMLSyntaxError) -> [KeyPart] {
        var parts: [KeyPart] = []
        while true {
            skipSpaces()
            let start = i
            let name: String
            switch peek() {
            case UInt8(ascii: "\""):
                if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") { throw fail("a key cannot be a \"\"\"multi-line string\"\"\"", at: i) }
                name = try basicString()
            case UInt8(ascii: "'"):
                if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") { throw fail("a key cannot be a '''multi-line string'''", at: i) }
                name = try literalString()
            default:
                while i < bytes.count, isBareKeyByte(bytes[i]) { i += 1 }
                guard i > start else {
                    if i >= bytes.count || isLineBreak(peek()) { throw fail("expected a key (a name such as x or \"my key\")", at: i) }
                    throw fail("expected a key (a name of letters, digits, _ and -), found \(describe(byteAt: i))", at: i)
                }
                name = String(decoding: bytes[start..<i], as: UTF8.self)
            }
            parts.append(KeyPart(name: name, offset: start))
            if parts.count > Self.maximumNesting { throw fail("a dotted key of more than \(Self.maximumNesting) parts", at: start) }
            skipSpaces()
            guard peek() == UInt8(ascii: ".") else { return parts }
            i += 1
        }
    }

    private func isBareKeyByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D
    }

    // MARK: values

    private mutating func value(depth: Int) throws(TOMLSyntaxError) -> TOMLValue {
        let start = i
        guard i < bytes.count, !isLineBreak(bytes[i]) else { throw fail("expected a value after '='", at: i) }
        switch bytes[i] {
        case UInt8(ascii: "\""):
            if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                return TOMLValue(storage: .string(try multiLineBasicString()), offset: start)
            }
            return TOMLValue(storage: .string(try basicString()), offset: start)
        case UInt8(ascii: "'"):
            if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") {
                return TOMLValue(storage: .string(try multiLineLiteralString()), offset: start)
            }
            return TOMLValue(storage: .string(try literalString()), offset: start)
        case UInt8(ascii: "["):
            return try array(depth: depth + 1)
        case UInt8(ascii: "{"):
            return try inlineTable(depth: depth + 1)
        case UInt8(ascii: "t") where word("true"):
            i += 4
            return TOMLValue(storage: .boolean(true), offset: start)
        case UInt8(ascii: "f") where word("false"):
            i += 5
            return TOMLValue(storage: .boolean(false), offset: start)
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "i"), UInt8(ascii: "n"):
            return try numberOrDate()
        default:
            throw fail("expected a value (a number, a string in quotes, true or false, a list [ … ] or a table { … }), found \(describe(byteAt: i))", at: i)
        }
    }

    private func word(_ w: StaticString) -> Bool {
        let count = w.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        for k in 0..<count where bytes[i + k] != w.utf8Start[k] { return false }
        return i + count == bytes.count || !isBareKeyByte(bytes[i + count])
    }

    private mutating func array(depth: Int) throws(TOMLSyntaxError) -> TOMLValue {
        let start = i
        if depth > Self.maximumNesting { throw fail("lists and tables nested more than \(Self.maximumNesting) deep", at: i) }
        i += 1
        var elements: [TOMLValue] = []
        while true {
            try skipBlankLines()
            if peek() == UInt8(ascii: "]") { i += 1; break }
            guard i < bytes.count else { throw fail("the list opened at line \(line(of: start)) is never closed with ']'", at: i) }
            elements.append(try value(depth: depth))
            try skipBlankLines()
            if peek() == UInt8(ascii: ",") { i += 1; continue }
            if peek() == UInt8(ascii: "]") { i += 1; break }
            guard i < bytes.count else { throw fail("the list opened at line \(line(of: start)) is never closed with ']'", at: i) }
            throw fail("expected ',' or ']' in the list opened at line \(line(of: start)), found \(describe(byteAt: i))", at: i)
        }
        return TOMLValue(storage: .array(elements), offset: start)
    }

    private mutating func inlineTable(depth: Int) throws(TOMLSyntaxError) -> TOMLValue {
        let start = i
        if depth > Self.maximumNesting { throw fail("lists and tables nested more than \(Self.maximumNesting) deep", at: i) }
        i += 1
        let table = TOMLTable(origin: .dotted, offset: start)
        skipSpaces()
        if peek() == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                try keyValue(into: table, depth: depth)
                skipSpaces()
                if peek() == UInt8(ascii: ",") {
                    let comma = i
                    i += 1
                    skipSpaces()
                    if peek() == UInt8(ascii: "}") { throw fail("no ',' after the last entry of an inline table { … }", at: comma) }
                    continue
                }
                if peek() == UInt8(ascii: "}") { i += 1; break }
                if i >= bytes.count || isLineBreak(peek()) || peek() == UInt8(ascii: "#") {
                    throw fail("the inline table opened at line \(line(of: start)) must close with '}' on the same line", at: i)
                }
                throw fail("expected ',' or '}' in the inline table, found \(describe(byteAt: i))", at: i)
            }
        }
        table.freeze()
        return TOMLValue(storage: .table(table), offset: start)
    }

    // MARK: strings

    private mutating func basicString() throws(TOMLSyntaxError) -> String {
        let open = i
        i += 1
        var buffer: [UInt8] = []
        var runStart = i
        while true {
            guard i < bytes.count else { throw fail("this string is never closed with \"", at: open) }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let text: String
                if buffer.isEmpty {
                    text = String(decoding: bytes[runStart..<i], as: UTF8.self)
                } else {
                    buffer.append(contentsOf: bytes[runStart..<i])
                    text = String(decoding: buffer, as: UTF8.self)
                }
                i += 1
                return text
            }
            if b == UInt8(ascii: "\\") {
                buffer.append(contentsOf: bytes[runStart..<i])
                try escape(into: &buffer)
                runStart = i
            } else if isLineBreak(b) {
                throw fail("this string is never closed with \" on its line (a string over several lines is written \"\"\"…\"\"\")", at: open)
            } else if isControl(b) {
                throw fail("a control character (\(hex(b))) inside a string; write it as an escape such as \\t", at: i)
            } else {
                i += 1
            }
            if i - open > Self.maximumStringBytes { throw fail("a string longer than \(Self.maximumStringBytes) bytes", at: open) }
        }
    }

    private mutating func multiLineBasicString() throws(TOMLSyntaxError) -> String {
        let open = i
        i += 3
        skipOneLineBreak()
        var buffer: [UInt8] = []
        while true {
            guard i < bytes.count else { throw fail("this string is never closed with \"\"\"", at: open) }
            let b = bytes[i]
            if b == UInt8(ascii: "\""), peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                // Up to two more quotes belong to the text: """a""""" is `a""`.
                var extra = 0
                while extra < 2, peek(3 + extra) == UInt8(ascii: "\"") { extra += 1 }
                buffer.append(contentsOf: repeatElement(UInt8(ascii: "\""), count: extra))
                i += 3 + extra
                return String(decoding: buffer, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") {
                // A backslash at the end of a line joins the lines, eating the blanks between.
                var j = i + 1
                while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                if j < bytes.count, bytes[j] == 0x0A || (bytes[j] == 0x0D && j + 1 < bytes.count && bytes[j + 1] == 0x0A) {
                    i = j
                    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || (bytes[i] == 0x0D && peek(1) == 0x0A) { i += 1 }
                    continue
                }
                try escape(into: &buffer)
            } else if b == 0x0D {
                guard peek(1) == 0x0A else { throw fail("a carriage return without a line feed inside a string", at: i) }
                buffer.append(0x0A)
                i += 2
            } else if b != 0x0A && isControl(b) {
                throw fail("a control character (\(hex(b))) inside a string; write it as an escape such as \\t", at: i)
            } else {
                buffer.append(b)
                i += 1
            }
            if i - open > Self.maximumStringBytes { throw fail("a string longer than \(Self.maximumStringBytes) bytes", at: open) }
        }
    }

    private mutating func literalString() throws(TOMLSyntaxError) -> String {
        let open = i
        i += 1
        while true {
            guard i < bytes.count else { throw fail("this string is never closed with '", at: open) }
            let b = bytes[i]
            if b == UInt8(ascii: "'") {
                i += 1
                return String(decoding: bytes[(open + 1)..<(i - 1)], as: UTF8.self)
            }
            if isLineBreak(b) { throw fail("this string is never closed with ' on its line (a string over several lines is written '''…''')", at: open) }
            if isControl(b) { throw fail("a control character (\(hex(b))) inside a string", at: i) }
            i += 1
            if i - open > Self.maximumStringBytes { throw fail("a string longer than \(Self.maximumStringBytes) bytes", at: open) }
        }
    }

    private mutating func multiLineLiteralString() throws(TOMLSyntaxError) -> String {
        let open = i
        i += 3
        skipOneLineBreak()
        var buffer: [UInt8] = []
        while true {
            guard i < bytes.count else { throw fail("this string is never closed with '''", at: open) }
            let b = bytes[i]
            if b == UInt8(ascii: "'"), peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") {
                var extra = 0
                while extra < 2, peek(3 + extra) == UInt8(ascii: "'") { extra += 1 }
                buffer.append(contentsOf: repeatElement(UInt8(ascii: "'"), count: extra))
                i += 3 + extra
                return String(decoding: buffer, as: UTF8.self)
            }
            if b == 0x0D {
                guard peek(1) == 0x0A else { throw fail("a carriage return without a line feed inside a string", at: i) }
                buffer.append(0x0A)
                i += 2
            } else if b != 0x0A && isControl(b) {
                throw fail("a control character (\(hex(b))) inside a string", at: i)
            } else {
                buffer.append(b)
                i += 1
            }
            if i - open > Self.maximumStringBytes { throw fail("a string longer than \(Self.maximumStringBytes) bytes", at: open) }
        }
    }

    /// At a backslash in a basic string: appends what the escape stands for.
    private mutating func escape(into buffer: inout [UInt8]) throws(TOMLSyntaxError) {
        let at = i
        i += 1
        guard i < bytes.count else { throw fail("a backslash at the end of the file", at: at) }
        let c = bytes[i]
        i += 1
        switch c {
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "\""): buffer.append(0x22)
        case UInt8(ascii: "\\"): buffer.append(0x5C)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = c == UInt8(ascii: "u") ? 4 : 8
            var scalar: UInt32 = 0
            for _ in 0..<count {
                guard i < bytes.count, let digit = hexDigit(bytes[i]) else {
                    throw fail("\\\(Character(UnicodeScalar(c))) needs \(count) hexadecimal digits", at: at)
                }
                scalar = scalar << 4 | UInt32(digit)
                i += 1
            }
            guard let u = UnicodeScalar(scalar) else { throw fail("\\\(Character(UnicodeScalar(c))) names no Unicode character", at: at) }
            buffer.append(contentsOf: Array(String(Character(u)).utf8))
        default:
            throw fail("unknown escape '\\\(describeEscape(c))' in a string (use \\\\ for a backslash)", at: at)
        }
    }

    private func describeEscape(_ b: UInt8) -> String {
        (0x21...0x7E).contains(b) ? String(UnicodeScalar(b)) : hex(b)
    }

    private func hexDigit(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    // MARK: numbers and dates

    private mutating func numberOrDate() throws(TOMLSyntaxError) -> TOMLValue {
        let start = i
        if isDigit(peek()), isDigit(peek(1)), peek(2) == UInt8(ascii: ":") {
            return TOMLValue(storage: .dateTime(try localTime()), offset: start)
        }
        if isDigit(peek()), isDigit(peek(1)), isDigit(peek(2)), isDigit(peek(3)), peek(4) == UInt8(ascii: "-") {
            return TOMLValue(storage: .dateTime(try dateTime()), offset: start)
        }
        if let plain = DecimalText.plain(bytes, at: i), plain.end == bytes.count || !isNumberByte(bytes[plain.end]) {
            i = plain.end
            return TOMLValue(storage: .float(plain.value), offset: start)
        }
        while i < bytes.count, isNumberByte(bytes[i]) { i += 1 }
        let token = bytes[start..<i]
        if let value = Self.number(token) {
            // A literal past a double's range would become inf without a word: refused where it is written.
            if case .float(let d) = value, d.isInfinite, !token.elementsEqual("inf".utf8), !token.dropFirst().elementsEqual("inf".utf8) {
                throw fail("'\(String(decoding: token, as: UTF8.self))' is too large for a number (the largest is about 1.8e308)", at: start)
            }
            return TOMLValue(storage: value, offset: start)
        }
        if token.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }), token.count(where: isDigit) >= 19,
           token.first(where: isDigit) != UInt8(ascii: "0") {
            throw fail("'\(String(decoding: token, as: UTF8.self))' is too large for a whole number (the largest is 9223372036854775807); write it as a float, e.g. 1e19", at: start)
        }
        throw fail("'\(String(decoding: token, as: UTF8.self))' is not a number (numbers look like 3, -0.5, 1e-3, inf or nan)", at: start)
    }

    private func isNumberByte(_ b: UInt8) -> Bool {
        isBareKeyByte(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
    }

    /// An integer or a float as TOML writes them, or nil.
    static func number(_ token: ArraySlice<UInt8>) -> TOMLValue.Storage? {
        var body = token
        var negative = false
        if let sign = body.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            body = body.dropFirst()
        }
        if body.first == UInt8(ascii: "i"), body.elementsEqual("inf".utf8) { return .float(negative ? -.infinity : .infinity) }
        if body.first == UInt8(ascii: "n"), body.elementsEqual("nan".utf8) { return .float(negative ? -Double.nan : .nan) }
        if body.count > 2, body.first == UInt8(ascii: "0"), token.first == body.first {
            let radix: Int
            switch body[body.startIndex + 1] {
            case UInt8(ascii: "x"): radix = 16
            case UInt8(ascii: "o"): radix = 8
            case UInt8(ascii: "b"): radix = 2
            default: radix = 0
            }
            if radix != 0 {
                guard let digits = withoutUnderscores(body.dropFirst(2)),
                      !digits.contains(UInt8(ascii: "+")), !digits.contains(UInt8(ascii: "-")),
                      let value = Int(String(decoding: digits, as: UTF8.self), radix: radix) else { return nil }
                return .integer(value)
            }
        }
        // Decimal: integer part, then an optional fraction and exponent.
        var j = body.startIndex
        func digits(_ k: inout Int) -> Bool {
            let from = k
            while k < body.endIndex, isDigit(body[k]) || (body[k] == UInt8(ascii: "_") && k > from && k + 1 < body.endIndex && isDigit(body[k - 1]) && isDigit(body[k + 1])) { k += 1 }
            return k > from
        }
        guard digits(&j) else { return nil }
        let integerPart = body[body.startIndex..<j]
        if integerPart.count > 1, integerPart.first == UInt8(ascii: "0") { return nil }
        var isFloat = false
        if j < body.endIndex, body[j] == UInt8(ascii: ".") {
            j += 1
            guard digits(&j) else { return nil }
            isFloat = true
        }
        if j < body.endIndex, body[j] == UInt8(ascii: "e") || body[j] == UInt8(ascii: "E") {
            j += 1
            if j < body.endIndex, body[j] == UInt8(ascii: "+") || body[j] == UInt8(ascii: "-") { j += 1 }
            guard digits(&j) else { return nil }
            isFloat = true
        }
        guard j == body.endIndex, let clean = withoutUnderscores(token[...]) else { return nil }
        if let fast = isFloat ? DecimalText.double(clean).map(TOMLValue.Storage.float) : DecimalText.integer(clean).map(TOMLValue.Storage.integer) {
            return fast
        }
        let text = String(decoding: clean, as: UTF8.self)
        if isFloat { return Double(text).map { .float($0) } }
        return Int(text).map { .integer($0) }
    }

    private static func withoutUnderscores(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard !s.isEmpty, s.first != UInt8(ascii: "_"), s.last != UInt8(ascii: "_") else { return nil }
        guard s.contains(UInt8(ascii: "_")) else { return s }
        var out: [UInt8] = []
        var previous: UInt8 = 0
        for b in s {
            if b == UInt8(ascii: "_") {
                if previous == UInt8(ascii: "_") { return nil }
            } else {
                out.append(b)
            }
            previous = b
        }
        return out[...]
    }

    private mutating func fixedDigits(_ count: Int, max: Int, what: String) throws(TOMLSyntaxError) -> Int {
        var value = 0
        for _ in 0..<count {
            guard isDigit(peek()) else { throw fail("a date or time needs \(count) digits for the \(what)", at: i) }
            value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
            i += 1
        }
        guard value <= max else { throw fail("\(value) is not a valid \(what)", at: i - count) }
        return value
    }

    private mutating func expect(_ byte: UInt8, in what: String) throws(TOMLSyntaxError) {
        guard peek() == byte else { throw fail("expected '\(Character(UnicodeScalar(byte)))' in the \(what)", at: i) }
        i += 1
    }

    /// HH:MM:SS(.fraction)
    private mutating func localTime() throws(TOMLSyntaxError) -> String {
        let start = i
        _ = try fixedDigits(2, max: 23, what: "hour")
        try expect(UInt8(ascii: ":"), in: "time")
        _ = try fixedDigits(2, max: 59, what: "minute")
        try expect(UInt8(ascii: ":"), in: "time")
        _ = try fixedDigits(2, max: 60, what: "second")
        if peek() == UInt8(ascii: "."), isDigit(peek(1)) {
            i += 1
            while isDigit(peek()) { i += 1 }
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    /// YYYY-MM-DD, optionally followed by a time and an offset (RFC 3339).
    private mutating func dateTime() throws(TOMLSyntaxError) -> String {
        let start = i
        let year = try fixedDigits(4, max: 9999, what: "year")
        try expect(UInt8(ascii: "-"), in: "date")
        let month = try fixedDigits(2, max: 12, what: "month")
        try expect(UInt8(ascii: "-"), in: "date")
        let day = try fixedDigits(2, max: 31, what: "day")
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard month >= 1, day >= 1, day <= days[month - 1] else { throw fail("there is no day \(day) in month \(month) of \(year)", at: start) }
        let separator = peek()
        if separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || (separator == 0x20 && isDigit(peek(1))) {
            i += 1
            _ = try localTime()
            if peek() == UInt8(ascii: "Z") || peek() == UInt8(ascii: "z") {
                i += 1
            } else if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") {
                i += 1
                _ = try fixedDigits(2, max: 23, what: "offset hour")
                try expect(UInt8(ascii: ":"), in: "time offset")
                _ = try fixedDigits(2, max: 59, what: "offset minute")
            }
        }
        if i < bytes.count, isNumberByte(bytes[i]) || bytes[i] == UInt8(ascii: ":") {
            throw fail("this date or time is not written as TOML writes them (1979-05-27, 07:32:00, 1979-05-27T07:32:00Z)", at: start)
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    // MARK: blanks, comments, line ends

    private func peek(_ ahead: Int = 0) -> UInt8 {
        i + ahead < bytes.count ? bytes[i + ahead] : 0
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private func isDigit(_ b: UInt8) -> Bool { Self.isDigit(b) }
    private func isLineBreak(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D }
    /// Control characters TOML forbids outside escapes (tab is allowed).
    private func isControl(_ b: UInt8) -> Bool { (b < 0x20 && b != 0x09) || b == 0x7F }

    private mutating func skipSpaces() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func skipOneLineBreak() {
        if peek() == 0x0A { i += 1 } else if peek() == 0x0D, peek(1) == 0x0A { i += 2 }
    }

    /// Spaces, comments and line breaks.
    private mutating func skipBlankLines() throws(TOMLSyntaxError) {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A: i += 1
            case 0x0D:
                guard peek(1) == 0x0A else { throw fail("a carriage return without a line feed", at: i) }
                i += 2
            case UInt8(ascii: "#"): try skipComment()
            default: return
            }
        }
    }

    private mutating func skipComment() throws(TOMLSyntaxError) {
        while i < bytes.count, bytes[i] != 0x0A {
            if bytes[i] == 0x0D, peek(1) == 0x0A { return }
            if isControl(bytes[i]) { throw fail("a control character (\(hex(bytes[i]))) in a comment", at: i) }
            i += 1
        }
    }

    /// After a key = value or a header: only spaces and a comment before the line ends.
    private mutating func endOfLine() throws(TOMLSyntaxError) {
        skipSpaces()
        if peek() == UInt8(ascii: "#") { try skipComment() }
        guard i < bytes.count else { return }
        if bytes[i] == 0x0A { i += 1; return }
        if bytes[i] == 0x0D, peek(1) == 0x0A { i += 2; return }
        if bytes[i] == 0x0D { throw fail("a carriage return without a line feed", at: i) }
        throw fail("expected the end of the line, found \(describe(byteAt: i)) (one key = value per line)", at: i)
    }

    // MARK: messages

    private func fail(_ message: String, at offset: Int) -> TOMLSyntaxError {
        TOMLSyntaxError(offset: min(offset, bytes.count), message: message)
    }

    /// Line number (from 1) of a byte offset, for "first at line N".
    private func line(of offset: Int) -> Int {
        SourceLines.position(ofByte: offset, in: bytes).line
    }

    private func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "U+00\(digits[Int(b >> 4)])\(digits[Int(b & 15)])"
    }

    /// The character at `offset`, quoted and safe to print.
    private func describe(byteAt offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the file" }
        let b = bytes[offset]
        if b == 0x0A || b == 0x0D { return "the end of the line" }
        if isControl(b) { return "a control character (\(hex(b)))" }
        if b < 0x80 { return "'\(Character(UnicodeScalar(b)))'" }
        var end = offset + 1
        while end < bytes.count, end - offset < 4, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let text = String(decoding: bytes[offset..<end], as: UTF8.self)
        if let scalar = text.unicodeScalars.first, (0x80...0x9F).contains(scalar.value) { return "a control character" }
        return "'\(text)'"
    }

    private func describe(_ value: TOMLValue) -> String {
        switch value.storage {
        case .table(let t): t.origin == .inline ? "an inline table" : "a table"
        case .tables: "a [[…]] list"
        case .array: "a list"
        default: "a value"
        }
    }
}

extension TOMLTable {
    /// Closes an inline table, and the tables its dotted keys made, to later additions.
    func freeze() {
        origin = .inline
        for key in keys {
            if case .table(let sub)? = self[key]?.storage, sub.origin != .inline { sub.freeze() }
        }
    }
}
