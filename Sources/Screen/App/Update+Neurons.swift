import Scenario
import TextCanvas

/// Choosing what the neuron view discusses: a weight of the layer the cursor is in (↑↓ its
/// unit, ⇧↑↓ its input, a click on a unit or a line) and the sample whose values show (⇧←→).
extension AppState {
    /// The layer whose weights the neuron view discusses now, and the weight: the lecturer's
    /// choice for that layer, else the largest gradient.
    var discussedWeight: (layer: Int, weight: WeightChoice)? {
        guard view == .neurons, let net = neuronNet, let record = shown.record,
              let k = WeightChainRule.layer(net: net, event: event) else { return nil }
        return (k, WeightChainRule.weight(net: net, record: record, layer: k, choice: weightChoices[k]))
    }

    /// The neuron panel for hit tests (unit places depend only on the layers' sizes) and its rectangle.
    var neuronGeometry: (panel: NeuronPanel, rect: Rect)? {
        guard view == .neurons, let net = neuronNet, let graph = visibleBodyAreas?.graph, !graph.isEmpty else { return nil }
        let columns = net.layers.map { NeuronPicture.Column(name: "", units: Array(repeating: NeuronPicture.Unit(value: nil), count: $0.units)) }
        return (NeuronPanel(picture: NeuronPicture(columns: columns, weights: []), glyphs: glyphs), graph.inset(by: 1))
    }

    /// Moves the discussed weight of the current layer by rows (its unit) and columns (its input), stopping at the ends.
    mutating func chooseWeight(to dTo: Int, from dFrom: Int) {
        guard view == .neurons else {
            notice = "↑↓ choose a weight in the neuron view (v)"
            return
        }
        guard let (k, current) = discussedWeight else {
            notice = "↑↓: the cursor is in no layer's weights now; step into a layer (its W, MM, + or activation)"
            return
        }
        weightChoices[k] = WeightChoice(to: current.to + dTo, from: current.from + dFrom)
        if let net = neuronNet, let record = shown.record {
            weightChoices[k] = WeightChainRule.weight(net: net, record: record, layer: k, choice: weightChoices[k])
        }
    }

    /// A click in the neuron view: on a line, that weight; on a unit, the weight into it (a unit of
    /// the current layer) or out of it (a unit of the layer before), the other end kept.
    mutating func chooseWeight(atX x: Int, y: Int) {
        guard let (panel, rect) = neuronGeometry else { return }
        if let (layer, unit) = panel.unit(atX: x, y: y, in: rect) {
            guard let (k, current) = discussedWeight else {
                notice = "a click chooses a weight of the layer the cursor is in; step into a layer first"
                return
            }
            if layer == k { weightChoices[k] = WeightChoice(to: unit, from: current.from) }
            else if layer == k - 1 { weightChoices[k] = WeightChoice(to: current.to, from: unit) }
            else { notice = "that unit is not an end of a weight of \(shown.names[neuronNet?.layers[k].weight ?? 0]); the cursor's layer is discussed" }
        } else if let (layer, weight) = panel.weight(atX: x, y: y, in: rect) {
            weightChoices[layer] = weight
            if discussedWeight?.layer != layer, let w = neuronNet?.layers[layer].weight {
                notice = "kept for \(shown.names[w]): the inspector discusses it when the cursor is in that layer"
            }
        }
    }

    /// The sample whose values the neuron view shows, within the batch.
    mutating func moveNeuronSample(by delta: Int) {
        guard let net = neuronNet else { return }
        guard net.samples > 1 else {
            notice = "one sample per step here: nothing to choose"
            return
        }
        neuronSample = min(max(0, neuronSample + delta), net.samples - 1)
    }
}
