/// A scenario's training as PyTorch source, one line at a time, each tagged with the part of the
/// lecture's loop it runs, so the screen can light up the line being executed.
public struct CodeListing: Equatable, Sendable {
    /// What a line does in the training loop.
    public enum Role: Equatable, Sendable {
        case other
        /// `def forward(x):`
        case forwardDef
        /// `def loss(x, y):`
        case lossDef
        /// `for epoch in range(100):`
        case epochLoop
        /// `for x, y in zip(x_data, y_data):` (or the batch loop)
        case sampleLoop
        /// `l = loss(x, y)`
        case lossCall
        /// `l.backward()`
        case backward
        /// `print('\tgrad:', …)`
        case gradPrint
        /// `w.data = w.data - 0.01 * w.grad.data` for param `param`; nil: `optimizer.step()` for all.
        case update(param: Int?)
        /// `w.grad.data.zero_()` for param `param`; nil: `optimizer.zero_grad(…)` for all.
        /// `skipped`: the scenario does not zero (`zero_grad = false`), so the script leaves it out.
        case zeroGrad(param: Int?, skipped: Bool)
        /// `print('progress:', epoch, l.item())`
        case progressPrint
        /// `print("predict (before training)", …)`
        case predictBefore
        /// `print("predict (after training)", …)`
        case predictAfter
    }

    /// One line of source, without its line break.
    public struct Line: Equatable, Sendable {
        public var text: String
        public var role: Role
        /// The text around the lr where the line writes it (`w.data = w.data - ` · `0.01` ·
        /// ` * w.grad.data`), so a pane can write the lr in force after a fork; nil elsewhere.
        public var aroundLR: LRSlot?

        /// The two sides of a line's lr.
        public struct LRSlot: Equatable, Sendable {
            public var before: String
            public var after: String
        }

        public init(_ text: String, role: Role = .other) {
            self.text = text
            self.role = role
        }

        /// A line that writes the lr, `lr` between `before` and `after`.
        public init(before: String, lr: String, after: String, role: Role = .other) {
            self.init(before + lr + after, role: role)
            aroundLR = LRSlot(before: before, after: after)
        }

        /// The line with `indent` in front.
        public func indented(_ indent: String) -> Line {
            var line = self
            line.text = indent + text
            line.aroundLR?.before = indent + (aroundLR?.before ?? "")
            return line
        }

        /// The line as it reads with `lr` in place of the scenario's (the same text on lines without it).
        public func text(lr: String) -> String {
            aroundLR.map { $0.before + lr + $0.after } ?? text
        }

        /// A line the listing shows but the script leaves out.
        public var isSkipped: Bool {
            if case .zeroGrad(_, true) = role { return true }
            return false
        }
    }

    public var lines: [Line]

    public init(lines: [Line] = []) { self.lines = lines }

    /// Appends source text that ends with a line break: each of its lines gets `role`.
    public mutating func append(_ chunk: String, role: Role = .other) {
        var pieces = chunk.split(separator: "\n", omittingEmptySubsequences: false)
        // "a\nb\n" splits into a, b and an empty tail that is no line.
        if pieces.last?.isEmpty == true { pieces.removeLast() }
        lines += pieces.map { Line(String($0), role: role) }
    }

    /// The script: every line that runs, each ending in a line break.
    public var text: String {
        lines.filter { !$0.isSkipped }.map { $0.text + "\n" }.joined()
    }

    /// The first line playing `role`.
    public func index(of role: Role) -> Int? {
        lines.firstIndex { $0.role == role }
    }

    /// Every line for which `matches` holds, in order.
    public func indices(where matches: (Role) -> Bool) -> [Int] {
        lines.indices.filter { matches(lines[$0].role) }
    }
}
