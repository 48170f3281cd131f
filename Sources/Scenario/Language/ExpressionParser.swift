import Autograd

/// Parses model expressions by recursive descent, with Python's precedence:
/// `+ -` < `* / @` < unary minus < `^`/`**` (right-associative) < `.T` and calls.
public struct ExpressionParser {
    enum Token: Equatable {
        case number(Double), name(String), symbol(String), end
    }

    /// How deep the expression's tree may grow (parentheses, calls, and operators chained one
    /// after another: `w + w + … + w` is as deep as it is long) before we call it absurd; every
    /// later pass walks the tree recursively, so this bound is what keeps them on the stack.
    static let maximumDepth = 100

    private var tokens: [(Token, Int)] = []
    private var index = 0
    private var depth = 0
    /// The functions a call may name.
    private let table: FunctionTable

    private init(table: FunctionTable) { self.table = table }

    public static func parse(_ text: String, functions: FunctionTable = .standard) throws(ExpressionError) -> Expression {
        var parser = ExpressionParser(table: functions)
        try parser.tokenize(text)
        let expression = try parser.expression()
        guard case .end = parser.peek else {
            throw ExpressionError(message: "unexpected \(parser.describe(parser.peek)) after the end of the expression", column: parser.column)
        }
        return expression
    }

    /// `name = expression`.
    public static func parseAssignment(_ text: String, functions: FunctionTable = .standard) throws(ExpressionError) -> Assignment {
        guard let equals = text.firstIndex(of: "=") else {
            throw ExpressionError(message: "expected an assignment like 'h = sigmoid(W1 @ x + b1)'", column: 0)
        }
        let lhs = text[..<equals].trimmingCharacters(in: " \t")
        let offset = text.distance(from: text.startIndex, to: equals) + 1
        guard isIdentifier(lhs) else {
            throw ExpressionError(message: "expected a name before '=', found '\(lhs)'", column: 0)
        }
        let rest = String(text[text.index(after: equals)...])
        do {
            return Assignment(name: lhs, expression: try parse(rest, functions: functions).shifted(by: offset), expressionColumn: offset)
        } catch {
            throw ExpressionError(message: error.message, column: error.column + offset)
        }
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.first, first.isLetter || first == "_" else { return false }
        return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && s.unicodeScalars.allSatisfy(\.isASCII)
    }

    // MARK: tokens

    private mutating func tokenize(_ text: String) throws(ExpressionError) {
        let chars = Array(text)
        // Character by character: String's generic init from a slice of characters costs a first
        // run the runtime's look-up of its associated types (0.3 M instructions).
        func spelled(_ range: Range<Int>) -> String {
            var word = ""
            for c in chars[range] { word.append(c) }
            return word
        }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" { i += 1; continue }
            let start = i
            if c.isASCII && (c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber)) {
                while i < chars.count && chars[i].isASCII && (chars[i].isNumber || chars[i] == ".") { i += 1 }
                if i < chars.count && (chars[i] == "e" || chars[i] == "E") {
                    var j = i + 1
                    if j < chars.count && (chars[j] == "+" || chars[j] == "-") { j += 1 }
                    if j < chars.count && chars[j].isNumber {
                        i = j
                        while i < chars.count && chars[i].isASCII && chars[i].isNumber { i += 1 }
                    }
                }
                let literal = spelled(start..<i)
                guard let value = Double(literal) else {
                    throw ExpressionError(message: "'\(literal)' is not a number", column: start)
                }
                tokens.append((.number(value), start))
            } else if c.isASCII && (c.isLetter || c == "_") {
                while i < chars.count && chars[i].isASCII && (chars[i].isLetter || chars[i].isNumber || chars[i] == "_") { i += 1 }
                tokens.append((.name(spelled(start..<i)), start))
            } else if c == "*" && i + 1 < chars.count && chars[i + 1] == "*" {
                tokens.append((.symbol("^"), start))
                i += 2
            } else if "+-*/@^().,".contains(c) {
                tokens.append((.symbol(String(c)), start))
                i += 1
            } else {
                throw ExpressionError(message: "unexpected \(describeCharacter(c)); expressions use numbers, names, + - * / ^ @ .T and parentheses", column: start)
            }
        }
        tokens.append((.end, chars.count))
    }

    private var peek: Token { tokens[index].0 }
    private var column: Int { tokens[index].1 }
    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private func describe(_ token: Token) -> String {
        switch token {
        case .number(let v): return "number \(v)"
        case .name(let n): return "'\(n)'"
        case .symbol(let s): return "'\(s)'"
        case .end: return "end of expression"
        }
    }

    private mutating func enter() throws(ExpressionError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw ExpressionError(message: "the expression is nested more than \(Self.maximumDepth) levels deep (parentheses, calls and operators in a row count); split it into steps, e.g. forward = [\"h = …\", \"y_pred = …\"]", column: column)
        }
    }

    // MARK: grammar

    private mutating func expression() throws(ExpressionError) -> Expression {
        try enter()
        var chained = 1
        defer { depth -= chained }
        var left = try term()
        while case .symbol(let s) = peek, s == "+" || s == "-" {
            let at = column
            try enter()
            chained += 1
            advance()
            let right = try term()
            left = .binary(s == "+" ? .add : .subtract, left, right, at: at)
        }
        return left
    }

    private mutating func term() throws(ExpressionError) -> Expression {
        var chained = 0
        defer { depth -= chained }
        var left = try unary()
        while case .symbol(let s) = peek, s == "*" || s == "/" || s == "@" {
            let at = column
            try enter()
            chained += 1
            advance()
            let right = try unary()
            left = .binary(s == "*" ? .multiply : s == "/" ? .divide : .matmul, left, right, at: at)
        }
        return left
    }

    private mutating func unary() throws(ExpressionError) -> Expression {
        if case .symbol("-") = peek {
            let at = column
            advance()
            try enter()
            defer { depth -= 1 }
            return .negate(try unary(), at: at)
        }
        if case .symbol("+") = peek {
            advance()
            try enter()
            defer { depth -= 1 }
            return try unary()
        }
        return try power()
    }

    private mutating func power() throws(ExpressionError) -> Expression {
        let base = try postfix()
        guard case .symbol("^") = peek else { return base }
        let at = column
        advance()
        let exponentColumn = column
        try enter()
        defer { depth -= 1 }
        let exponent = try unary()
        guard let p = exponent.constantValue else {
            throw ExpressionError(message: "the exponent must be a number (a power by a constant, like ^2)", column: exponentColumn)
        }
        return .power(base, p, at: at)
    }

    private mutating func postfix() throws(ExpressionError) -> Expression {
        var e = try primary()
        var chained = 0
        defer { depth -= chained }
        while case .symbol(".") = peek {
            let at = column
            try enter()
            chained += 1
            advance()
            guard case .name("T") = peek else {
                throw ExpressionError(message: "expected 'T' after '.' (transpose is written x.T)", column: column)
            }
            advance()
            e = .transpose(e, at: at)
        }
        return e
    }

    private mutating func primary() throws(ExpressionError) -> Expression {
        let at = column
        switch peek {
        case .number(let v):
            advance()
            return .number(v, at: at)
        case .name(let n):
            advance()
            guard case .symbol("(") = peek else { return .name(n, at: at) }
            let functions = table.functions.compactMap(\.name)
            guard let function = table.function(named: n) else {
                throw ExpressionError(message: "unknown function '\(n)'\(didYouMean(n, functions)); the functions are \(functions.joined(separator: ", "))", column: at)
            }
            advance()
            var arguments = [try expression()]
            while case .symbol(",") = peek {
                advance()
                arguments.append(try expression())
            }
            guard arguments.count == function.arity else {
                let wanted = function.arity == 1 ? "one argument" : "\(function.arity) arguments"
                throw ExpressionError(message: "\(n) takes \(wanted), found \(arguments.count)", column: at)
            }
            try expect(")", opened: at)
            return .call(function, arguments, at: at)
        case .symbol("("):
            advance()
            let inner = try expression()
            try expect(")", opened: at)
            return inner
        default:
            throw ExpressionError(message: "expected a number, a name or '(' but found \(describe(peek))", column: at)
        }
    }

    private mutating func expect(_ symbol: String, opened: Int) throws(ExpressionError) {
        guard case .symbol(symbol) = peek else {
            throw ExpressionError(message: "expected '\(symbol)' to close the '(' at column \(opened + 1), found \(describe(peek))", column: column)
        }
        advance()
    }
}

extension Expression {
    /// The number a constant expression stands for (`2`, `-1`, `(0.5)`), if it is one.
    var constantValue: Double? {
        switch self {
        case .number(let v, _): return v
        case .negate(let e, _): return e.constantValue.map { -$0 }
        default: return nil
        }
    }

    func shifted(by offset: Int) -> Expression {
        switch self {
        case .number(let v, let p): return .number(v, at: p + offset)
        case .name(let n, let p): return .name(n, at: p + offset)
        case .binary(let o, let l, let r, let p): return .binary(o, l.shifted(by: offset), r.shifted(by: offset), at: p + offset)
        case .negate(let e, let p): return .negate(e.shifted(by: offset), at: p + offset)
        case .power(let e, let x, let p): return .power(e.shifted(by: offset), x, at: p + offset)
        case .call(let f, let e, let p): return .call(f, e.map { $0.shifted(by: offset) }, at: p + offset)
        case .transpose(let e, let p): return .transpose(e.shifted(by: offset), at: p + offset)
        }
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
