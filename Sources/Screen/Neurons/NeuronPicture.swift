import Scenario
import TextCanvas

/// What the neuron view shows at one moment, as plain data: per layer its units' values and
/// gradients for one sample, per pair of layers the weights between them.
public struct NeuronPicture: Sendable, Equatable {
    public struct Unit: Sendable, Equatable {
        /// nil until forward reaches the unit.
        public var value: Double?
        /// ∂loss/∂unit, once backward reaches it.
        public var grad: Double?
        public var style: Style
        /// An end of the weight the inspector discusses: drawn in brackets `[0.52]`.
        public var chosen = false
        /// Its output over the plane of two inputs, with the params as they are at the event.
        public var picture: DecisionField?
        /// The unit whose picture shows large beside the net (`u`, a click): drawn `<0.52>`.
        public var picked = false

        public init(value: Double?, grad: Double? = nil, style: Style = .value, chosen: Bool = false,
                    picture: DecisionField? = nil, picked: Bool = false) {
            self.value = value
            self.grad = grad
            self.style = style
            self.chosen = chosen
            self.picture = picture
            self.picked = picked
        }
    }

    public struct Column: Sendable, Equatable {
        public var name: String
        public var units: [Unit]

        public init(name: String, units: [Unit]) {
            self.name = name
            self.units = units
        }
    }

    /// The weights from column k to column k + 1: `values[j][i]` joins unit i to unit j (a row of W per unit of the next layer).
    public struct Weights: Sendable, Equatable {
        public var values: [[Double]]
        /// Backward is sending the gradient through these weights: they are drawn by |gradient|.
        public var grads: [[Double]]?
        /// The weight the inspector discusses, drawn over the others.
        public var chosen: WeightChoice?

        public init(values: [[Double]], grads: [[Double]]? = nil, chosen: WeightChoice? = nil) {
            self.values = values
            self.grads = grads
            self.chosen = chosen
        }
    }

    public var columns: [Column]
    public var weights: [Weights]

    public init(columns: [Column], weights: [Weights]) {
        self.columns = columns
        self.weights = weights
    }

    /// Whether the units after the inputs carry pictures of their output over the plane.
    public var hasUnitPictures: Bool { columns.dropFirst().contains { $0.units.contains { $0.picture != nil } } }
}

/// A unit of the neuron view: its layer (0 the inputs) and its index in the layer.
public struct UnitChoice: Sendable, Equatable, Hashable {
    public var layer: Int
    public var unit: Int

    public init(layer: Int, unit: Int) {
        self.layer = layer
        self.unit = unit
    }
}

/// Builds the neuron view's picture from a step's record and the cursor: forward lights units
/// layer by layer, backward shows each unit's gradient and lights the weights it flows through.
public enum NeuronPictureBuilder {
    public static func picture(net: NeuronNet, record: StepRecord, event: TimelineEvent,
                               template: [(phase: NoteMoment.Phase, node: Int)], names: NodeNames, sample: Int = 0,
                               chosen: (layer: Int, weight: WeightChoice)? = nil,
                               unitPictures: [Int: [DecisionField]] = [:], picked: UnitChoice? = nil) -> NeuronPicture {
        let state = EventState(record: record, moments: StepMoments(template: template, nodeCount: record.nodes.count),
                               now: event.indexInStep)
        let active = net.layer(of: event.node)
        let s = min(max(0, sample), net.samples - 1)
        var columns: [NeuronPicture.Column] = []
        var weights: [NeuronPicture.Weights] = []
        for (k, layer) in net.layers.enumerated() {
            let node = layer.node
            let cols = record.nodes[node].shape.cols
            let computed = k == 0 || state.isComputed(node)
            let gradArrived = k > 0 && state.hasGrad(node)
            let values = record.value(node), grads = record.grad(node)
            let units = (0..<layer.units).map { i -> NeuronPicture.Unit in
                let index = i * cols + min(s, cols - 1)
                let style: Style = !computed ? .dim : (active == k && event.phase != .update) ? .active : gradArrived ? .gradient : .value
                let isEnd = chosen.map { ($0.layer == k && $0.weight.to == i) || ($0.layer == k + 1 && $0.weight.from == i) } ?? false
                let pictures = unitPictures[k] ?? []
                return NeuronPicture.Unit(value: computed ? values[index] : nil, grad: gradArrived ? grads[index] : nil, style: style,
                                          chosen: isEnd, picture: i < pictures.count ? pictures[i] : nil,
                                          picked: picked == UnitChoice(layer: k, unit: i))
            }
            columns.append(NeuronPicture.Column(name: "\(names[node]) \(layer.units)", units: units))
            if let w = layer.weight {
                let shape = record.nodes[w].shape
                let flat = state.paramValue(w)
                let rows = (0..<shape.rows).map { r in Array(flat[(r * shape.cols)..<((r + 1) * shape.cols)]) }
                // The gradient flows through W while backward is inside this layer's block.
                var lit: [[Double]]?
                if event.phase == .backward && active == k {
                    let g = state.arrivedGrad(w) ?? flat.map(\.magnitude)
                    lit = (0..<shape.rows).map { r in Array(g[(r * shape.cols)..<((r + 1) * shape.cols)]) }
                }
                weights.append(NeuronPicture.Weights(values: rows, grads: lit, chosen: chosen?.layer == k ? chosen?.weight : nil))
            }
        }
        return NeuronPicture(columns: columns, weights: weights)
    }
}
