import TextCanvas

/// What the graph panel shows: boxes in tape order and the arrows between them, with no positions.
public struct GraphPicture: Sendable, Equatable {
    public var nodes: [GraphBox]
    public var edges: [GraphArrow]

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

    public init(id: Int, title: String, shortTitle: String? = nil, name: String? = nil, lines: [String] = [], style: Style = .normal, kind: Kind = .op) {
        self.id = id
        self.title = title
        self.shortTitle = shortTitle ?? title
        self.name = name ?? title
        self.lines = lines
        self.style = style
        self.kind = kind
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

/// Cutting box text to a width: shared by the layout (sizes) and the panel (drawing).
enum GraphText {
    /// `text` if it fits in `width` columns, else its head and `ellipsis`.
    static func fit(_ text: String, width: Int, ellipsis: Character = "…") -> String {
        guard width > 0 else { return "" }
        if displayWidth(of: text) <= width { return text }
        var result = ""
        var used = 0
        let budget = width - displayWidth(of: ellipsis)
        for character in text {
            let w = displayWidth(of: character)
            if used + w > budget { break }
            result.append(character)
            used += w
        }
        result.append(ellipsis)
        return result
    }
}
