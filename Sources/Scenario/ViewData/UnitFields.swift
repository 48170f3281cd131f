import Autograd

/// What each unit of a network computes over the plane of its two inputs, as TensorFlow
/// Playground pictures it: one forward pass of the grid (the decision field's), every layer read
/// off it. Each unit's picture is a `DecisionField` on the boundary's scale, so it is drawn as the
/// boundary is, and the output unit's is the boundary itself.
extension DecisionField {
    /// How a unit's output is put on the boundary's scale (0 orange … 0.5 white … 1 blue).
    public enum UnitScale: Sendable, Equatable {
        /// As it is: a probability (a sigmoid unit, the output).
        case asIs
        /// −1 … 1 onto 0 … 1, clamped (tanh, relu and linear units: Playground's colour scale).
        case symmetric
    }

    /// A layer to picture: the node whose rows are its units (the record's node id; the grid's
    /// run builds the same graph, so the ids match) and its scale.
    public struct UnitLayer: Sendable, Equatable {
        public var node: Int
        public var units: Int
        public var scale: UnitScale

        public init(node: Int, units: Int, scale: UnitScale) {
            self.node = node
            self.units = units
            self.scale = scale
        }
    }

    /// Per layer, per unit: its output over a `columns` × `rows` grid of the plane, with `params`
    /// (in the program's order); nil when the model has no plane of two inputs.
    public static func units(scenario: Scenario, params: [[Double]], step: Int, columns: Int, rows: Int,
                             layers: [UnitLayer], rowAspect: Double? = nil) throws -> [[DecisionField]]? {
        guard let plane = try run(scenario: scenario, params: params, columns: columns, rows: rows, rowAspect: rowAspect) else { return nil }
        let tape = plane.runner.tape
        let n = columns * rows
        let all = tape.allValues
        return layers.map { layer in
            guard layer.node >= 0, layer.node < tape.nodes.count else { return [] }
            let node = tape.nodes[layer.node]
            guard node.shape.count == layer.units * n, node.offset + node.shape.count <= all.count else { return [] }
            return (0..<layer.units).map { j in
                let raw = all[(node.offset + j * n)..<(node.offset + (j + 1) * n)]
                let values = layer.scale == .asIs ? Array(raw) : raw.map { $0.isNaN ? $0 : 0.5 + 0.5 * Swift.min(1, Swift.max(-1, $0)) }
                return DecisionField(step: step, columns: columns, rows: rows, x1: plane.x1, x2: plane.x2, values: values,
                                     points: plane.points)
            }
        }
    }
}
