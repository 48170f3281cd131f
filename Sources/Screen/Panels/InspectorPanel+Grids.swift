import Scenario
import TextCanvas

/// The active node's tensors whole: the one being discussed first (the value in forward, the
/// gradient in backward, the new value in the update), the other after it.
extension InspectorPanel {
    var grids: [TensorGrid] {
        let id = event.node
        guard id >= 0, id < record.nodes.count else { return [] }
        let node = record.nodes[id]
        let shape = node.shape
        guard shape.count > 1 else { return [] }
        let name = names[id], size = "\(shape.rows)×\(shape.cols)"
        let isParam = id < record.parameterCount
        func grid(_ title: String, _ values: [Double], _ style: Style, lit: Int? = nil, note: String = "") -> TensorGrid {
            var grid = TensorGrid(title: "\(title) \(size)", values: values, rows: shape.rows, cols: shape.cols, highlight: lit)
            grid.highlightNote = note
            grid.style = style
            grid.scroll = gridScroll
            grid.glyphs = glyphs
            return grid
        }
        let value = isParam ? record.paramsBefore[id] : record.value(id)
        switch event.phase {
        case .forward:
            // The entry the quiz asks about, lit as backward lights its gradient's.
            return [grid(name, value, .value, lit: Self.largest(value), note: "(the largest |value|)")]
        case .backward:
            let grad = record.grad(id)
            let gradTitle = isParam ? "\(name).grad" : id == record.lossNode ? "∂loss/∂loss" : "∂loss/∂\(name)"
            if let entry = discussed[id], entry < grad.count {
                return [grid(gradTitle, grad, .gradient, lit: entry, note: "(in the rule above)"), grid(name, value, .value)]
            }
            return [grid(gradTitle, grad, .gradient, lit: Self.largest(grad), note: "(the largest |value|)"), grid(name, value, .value)]
        case .update:
            // The update's lines follow entry [0,0].
            return [grid("\(name) after the update", record.paramsAfter[id], .update, lit: 0, note: "(the lines above)"),
                    grid("\(name).grad", record.grad(id), .gradient)]
        }
    }

    /// The index of the largest entry by magnitude (the first of equals); nil when all are zero.
    static func largest(_ values: [Double]) -> Int? {
        var best: Int?
        for (i, v) in values.enumerated() where v.isFinite && v != 0 {
            if best.map({ v.magnitude > values[$0].magnitude }) ?? true { best = i }
        }
        return best
    }
}
