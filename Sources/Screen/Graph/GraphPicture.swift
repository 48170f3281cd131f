import TextCanvas

/// What the graph panel shows: boxes in tape order and the arrows between them, with no positions.
public struct GraphPicture: Sendable, Equatable {
    public var nodes: [GraphBox]
    public var edges: [GraphArrow]

    /// Whether any node holds a tensor (a network), not only numbers (the scalar lessons).
    public var holdsTensors: Bool { nodes.contains { $0.entryCount > 0 } }

    public init(nodes: [GraphBox] = [], edges: [GraphArrow] = []) {
        self.nodes = nodes
        self.edges = edges
    }
}

/// One node of the computation graph as a box: a title, a few value lines and the role it plays now.
public struct GraphBox: Sendable, Equatable {
    /// What the node is in the model; sources (inputs and params) and the loss are placed differently.
    public enum Kind: Sendable, Equatable {
        case input, param, op, loss
    }

    public var id: Int
    public var title: String
    /// The title in as few columns as the lecture's notation allows (`σ h` for `sigmoid h`), for
    /// the compact boxes of a graph zoomed out to fit.
    public var shortTitle: String
    /// The node's own name (`loss`, `y_pred`, `z3`): what a box too small for any title still shows.
    public var name: String
    public var lines: [String]
    /// The role of the whole box: `.dim` not reached yet, `.normal`, `.active`, `.gradient`, ...
    public var style: Style
    public var kind: Kind
    /// How many entries its tensor has (0 for one number): a box whose lines cannot show them all
    /// in one row may be given more rows.
    public var entryCount = 0
    /// What a one-row node writes after its title when not its first line: in backward, once it
    /// has arrived, its gradient (`∂ -2.0`, what backward is about; two-paths at 80×24 showed no ∂).
    public var flatLine: String?

    public init(id: Int, title: String, shortTitle: String? = nil, name: String? = nil, lines: [String] = [], style: Style = .normal, kind: Kind = .op) {
        self.id = id
        self.title = title
        self.shortTitle = shortTitle ?? title
        self.name = name ?? title
        self.lines = lines
        self.style = style
        self.kind = kind
    }

    /// The longest form of a node's title that fits `width`, always whole words: the title, the
    /// short one (`CE loss`, `σ h`), a name that says more than a number (`loss`, `y_pred`), the op
    /// alone (`σ`, `log`, `(1 −)`: the graph's shape still reads), the numbered name (`z5`); only
    /// when none fits, the short one (cut by the box).
    /// `ascii`: measured as `--ascii` writes it (`σ h` is `sigmoid h`, too long for a box sized
    /// for `σ h`: the name shows instead of a cut `[sigmoid ]`).
    public func title(fitting width: Int, compact: Bool, ascii: Bool = false) -> String {
        let columns = Self.measure(ascii: ascii)
        if !compact && columns(title) <= width { return title }
        if columns(shortTitle) <= width { return shortTitle }
        let numbered = name.first == "z" && name.dropFirst().allSatisfy(\.isNumber)
        if !numbered && name != shortTitle && columns(name) <= width { return name }
        if shortTitle.hasSuffix(" " + name) {
            let op = String(shortTitle.dropLast(name.count + 1))
            if !op.isEmpty && columns(op) <= width { return op }
        }
        if columns(name) <= width { return name }
        return shortTitle
    }

    /// A one-row node's title: the short one where it fits, else the name (a node of a flat graph
    /// is found by its name: the op alone would leave `+` for `+ y_pred`).
    public func flatTitle(fitting width: Int, ascii: Bool = false) -> String {
        Self.measure(ascii: ascii)(shortTitle) <= width ? shortTitle : name
    }

    private static func measure(ascii: Bool) -> (String) -> Int {
        ascii ? { displayWidth(of: AsciiFold.text($0)) } : { displayWidth(of: $0) }
    }
}

/// An arrow from an operand (input, param or earlier op) to the op that consumes it.
public struct GraphArrow: Sendable, Equatable {
    public var from: Int
    public var to: Int
    public var style: Style

    public init(from: Int, to: Int, style: Style = .edge) {
        self.from = from
        self.to = to
        self.style = style
    }
}

/// A cell position in graph-layout coordinates (column, row), before scrolling.
public struct GraphPoint: Sendable, Equatable, CustomStringConvertible {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }

    public var description: String { "(\(x),\(y))" }
}

/// Cutting text to a width: shared by the layout (sizes) and the panels that draw lines of their
/// own (boxes, transcript, code). A number is never cut in half: the cut moves before it.
enum GraphText {
    /// `text` if it fits in `width` columns, else its head and `ellipsis`, the head ending before
    /// the number it would cut or end on (`[0.5, …`, never `[0.5, -0.30…`).
    static func fit(_ text: String, width: Int, ellipsis: Character = "…") -> String {
        guard width > 0 else { return "" }
        if displayWidth(of: text) <= width { return text }
        var kept: [Character] = []
        var used = 0
        let budget = width - displayWidth(of: ellipsis)
        let characters = Array(text)
        for character in characters {
            let w = displayWidth(of: character)
            if used + w > budget { break }
            kept.append(character)
            used += w
        }
        // The head never ends in a number: it may be cut (`-0.30…`) or read as cut (`-1.0…`).
        var end = kept.count
        while end > 0, isNumberPart(kept[end - 1]) { end -= 1 }
        if kept[end...].contains(where: \.isNumber) { kept.removeLast(kept.count - end) }
        return String(kept) + String(ellipsis)
    }

    private static func isNumberPart(_ c: Character) -> Bool {
        c.isNumber || c == "." || c == "e" || c == "E" || c == "+" || c == "-"
    }
}
