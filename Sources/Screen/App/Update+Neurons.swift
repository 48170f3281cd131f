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

    /// The neuron panel for hit tests (the picture the view prepared: unit places depend on the
    /// layers' sizes and on whether units carry pictures) and its rectangle.
    var neuronGeometry: (panel: NeuronPanel, rect: Rect)? {
        guard view == .neurons, let graph = visibleBodyAreas?.graph, !graph.isEmpty,
              let neurons = screenViews[viewIndex] as? NeuronView, let picture = neurons.picture else { return nil }
        let net = NeuronView.areas(graph, picked: neurons.hasPlanes && pickedUnit != nil).net
        return (NeuronPanel(picture: picture, glyphs: glyphs, colour: colour), net.inset(by: 1))
    }

    /// Whether the neuron view pictures its units over a plane of two inputs.
    var hasUnitPictures: Bool { screenViews.contains { ($0 as? NeuronView)?.hasPlanes == true } }

    /// `u`: the next unit after the inputs (layer by layer, the output last) shows large beside the net
    /// (in the unit images view, the next first-layer unit's image); after the last, none.
    mutating func pickNextUnit() {
        if let images = screenViews[viewIndex] as? UnitImagesView {
            let next = pickedUnit.map { $0.unit + 1 } ?? 0
            pickedUnit = next < images.pictures.count ? UnitChoice(layer: 1, unit: next) : nil
            return
        }
        if screenViews.contains(where: { $0 is UnitImagesView }) {
            notice = "u: a unit's image large in the unit images view (v)"
            return
        }
        guard hasUnitPictures, let net = neuronNet else {
            notice = "u: unit pictures need a network of two inputs (xor, circle, spiral) or image inputs (digits)"
            return
        }
        guard view == .neurons else {
            notice = "u: a unit's picture large in the neuron view (v)"
            return
        }
        let units = net.layers.indices.dropFirst().flatMap { k in (0..<net.layers[k].units).map { UnitChoice(layer: k, unit: $0) } }
        let next = pickedUnit.flatMap { units.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        pickedUnit = next < units.count ? units[next] : nil
    }

    /// A click in the unit images view: the unit under it shows large (a second click puts it away).
    mutating func pickUnitImage(atX x: Int, y: Int) {
        guard let images = screenViews[viewIndex] as? UnitImagesView, let area = visibleBodyAreas?.graph,
              let unit = images.unit(atX: x, y: y, area: area, picked: pickedUnit != nil, glyphs: glyphs, colour: colour) else { return }
        let choice = UnitChoice(layer: 1, unit: unit)
        pickedUnit = pickedUnit == choice ? nil : choice
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
            // A unit after the inputs shows its picture large (a second click puts it away).
            let picks = hasUnitPictures && layer > 0
            if picks { pickedUnit = pickedUnit == UnitChoice(layer: layer, unit: unit) ? nil : UnitChoice(layer: layer, unit: unit) }
            guard let (k, current) = discussedWeight else {
                if !picks { notice = "a click chooses a weight of the layer the cursor is in; step into a layer first" }
                return
            }
            if layer == k { weightChoices[k] = WeightChoice(to: unit, from: current.from) }
            else if layer == k - 1 { weightChoices[k] = WeightChoice(to: current.to, from: unit) }
            else if !picks { notice = "that unit is not an end of a weight of \(shown.names[neuronNet?.layers[k].weight ?? 0]); the cursor's layer is discussed" }
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
