import Autograd
import Scenario

/// A model read as layers of units, as TensorFlow Playground draws it: the data `x`, then each
/// `W @ a` (with its bias and activation) as the next layer; nil for models that are not such a
/// chain or have a layer wider than `maxUnits`.
public struct NeuronNet: Sendable, Equatable {
    /// One layer: the node whose rows are its units, and for every layer after the first the
    /// weight matrix and matrix product that make it, and every node of its block (W, b, MM, +, σ).
    public struct Layer: Sendable, Equatable {
        public var node: Int
        public var units: Int
        public var weight: Int?
        public var matmul: Int?
        public var block: [Int]
    }

    public var layers: [Layer]
    /// Samples travel as columns: the batch size.
    public var samples: Int
    /// The weights of other products of the data, models beside the one drawn (l1-l2's `W_L2 @ x`):
    /// the view says they are not drawn.
    public var otherWeights: [Int] = []

    /// The widest layer drawn as units; wider ones make a wall of edges.
    public static let maxUnits = 16

    public static func make(_ record: StepRecord) -> NeuronNet? {
        let nodes = record.nodes
        var consumers = Array(repeating: [Int](), count: nodes.count)
        for (id, node) in nodes.enumerated() where id <= record.lossNode {
            for input in node.inputs { consumers[input].append(id) }
        }
        func isWeightProduct(_ m: Int, of input: Int) -> Bool {
            let node = nodes[m]
            return node.op == .matmul && node.b == input && node.a >= 0 && nodes[node.a].op == .param && nodes[node.a].shape.rank == 2
        }
        // The first matrix product of a param with the data.
        guard let first = nodes.indices.first(where: { m in
            nodes[m].op == .matmul && nodes[m].b >= 0 && nodes[nodes[m].b].op == .input && isWeightProduct(m, of: nodes[m].b)
        }) else { return nil }
        let x = nodes[first].b
        var layers = [Layer(node: x, units: nodes[x].shape.rows, weight: nil, matmul: nil, block: [x])]
        var m = first
        while layers.count < 64 {
            let weight = nodes[m].a
            var block = [weight, m]
            var current = m
            var next: Int?
            // Bias adds and activations of the same shape belong to the layer; the next product ends it.
            while true {
                let users = consumers[current]
                guard users.count == 1, let user = users.first else { break }
                if isWeightProduct(user, of: current) {
                    next = user
                    break
                }
                let u = nodes[user]
                guard u.shape == nodes[current].shape else { break }
                var takes = u.op.isActivation
                switch u.op {
                case .add, .sub:
                    let other = u.a == current ? u.b : u.a
                    takes = other >= 0 && nodes[other].op == .param
                    if takes { block.append(other) }
                default: break
                }
                guard takes else { break }
                block.append(user)
                current = user
                if record.label(current) == "y_pred" { break }
            }
            layers.append(Layer(node: current, units: nodes[current].shape.rows, weight: weight, matmul: m, block: block))
            guard let next else { break }
            m = next
        }
        guard layers.count >= 2, layers.allSatisfy({ $0.units <= maxUnits && $0.units >= 1 }) else { return nil }
        let others = consumers[x].filter { $0 != first && isWeightProduct($0, of: x) }.map { nodes[$0].a }
        return NeuronNet(layers: layers, samples: max(1, nodes[x].shape.cols), otherWeights: others)
    }

    /// The layer whose block holds `node`, if any.
    public func layer(of node: Int) -> Int? {
        layers.firstIndex { $0.block.contains(node) }
    }
}
