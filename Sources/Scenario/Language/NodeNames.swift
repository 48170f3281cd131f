import Autograd

/// What each node is called — on screen, in the inspector, captions, quiz and the DOT export: its
/// label (x, w, y_pred, loss), or z1, z2 … for the unnamed steps in between, as the lecture calls
/// a compute node's output z. No two nodes share a name: where a label sits on several nodes
/// (`loss` on `^2` and on the `mean` after it) the last keeps it and the others get z-names, so
/// the final reduction is `loss`. A number constant is named by its number and is no node of its
/// own in pictures: it folds into its op's label (`÷ 2`, `× 0.001`, `1 −`).
public struct NodeNames: Sendable {
    public let names: [String]
    /// Per node: the op's symbol with its constant operands written in (`÷ 2`); a leaf's symbol.
    public let opLabels: [String]

    /// No nodes yet (every name reads `?`).
    public init() {
        names = []
        opLabels = []
    }

    public init(_ record: StepRecord) {
        self.init(nodes: record.nodes, labels: record.labels) { record.values[record.nodes[$0].offset] }
    }

    /// `value(i)`: node i's first value (a constant's number).
    public init(nodes: [Node], labels: [String], value: (Int) -> Double) {
        func label(_ i: Int) -> String? {
            let id = nodes[i].label
            return id >= 0 && Int(id) < labels.count ? labels[Int(id)] : nil
        }
        var lastWithLabel: [String: Int] = [:]
        for i in nodes.indices { if let l = label(i) { lastWithLabel[l] = i } }
        var unnamed = 0
        let names = nodes.indices.map { i -> String in
            if let l = label(i), lastWithLabel[l] == i { return l }
            if nodes[i].op == .constant { return NodeNames.constantText(value(i)) }
            unnamed += 1
            return "z\(unnamed)"
        }
        self.names = names
        opLabels = nodes.indices.map { i in
            let node = nodes[i]
            guard !node.op.isLeaf, node.inputs.count == 2 else { return node.op.symbol }
            let a = node.inputs[0], b = node.inputs[1]
            if nodes[b].op == .constant {
                let v = value(b)
                return "\(node.op.symbol) \(v < 0 ? "(\(names[b]))" : names[b])"
            }
            if nodes[a].op == .constant { return "\(names[a]) \(node.op.symbol)" }
            return node.op.symbol
        }
    }

    public subscript(node: Int) -> String { node >= 0 && node < names.count ? names[node] : "?" }

    /// The op's label with constants folded in (`÷ 2`, `1 −`, `MM`).
    public func opLabel(_ node: Int) -> String { node >= 0 && node < opLabels.count ? opLabels[node] : "?" }

    /// A constant as the lecture writes it: `2`, `0.001`, `-1` (whole numbers without `.0`).
    static func constantText(_ v: Double) -> String {
        if abs(v) < 1e15, let whole = Int(exactly: v) { return String(whole) }
        return NumberFormat.short(v)
    }
}
