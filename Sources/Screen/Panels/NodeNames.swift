import Autograd
import Scenario

/// What each node is called on screen: its label (x, w, y_pred, loss), or z1, z2 … for the
/// unnamed steps in between, as the lecture calls a compute node's output z.
public struct NodeNames: Sendable {
    public let names: [String]

    /// No nodes yet (every name reads `?`).
    public init() { names = [] }

    public init(_ record: StepRecord) {
        var unnamed = 0
        names = record.nodes.indices.map { i in
            if let label = record.label(i) { return label }
            if record.nodes[i].op == .constant { return NumberFormat.short(record.values[record.nodes[i].offset]) }
            unnamed += 1
            return "z\(unnamed)"
        }
    }

    public subscript(node: Int) -> String { node >= 0 && node < names.count ? names[node] : "?" }
}

/// Short text for a tensor: a number, or the shape and the first few values.
public enum TensorText {
    public static func describe(_ values: [Double], _ shape: Shape, width: Int = 22) -> String {
        if shape.count == 1 { return NumberFormat.short(values.first ?? .nan) }
        var text = "\(shape.rows)×\(shape.cols) ["
        for (i, v) in values.enumerated() {
            let item = NumberFormat.compact(v, maxWidth: 6)
            if text.count + item.count + 3 > width {
                text += "…"
                break
            }
            text += (i > 0 ? " " : "") + item
        }
        return text + (text.hasSuffix("…") ? "]" : "]")
    }
}
