import Scenario
import TextCanvas

extension ViewID {
    public static let neurons = ViewID("neurons")
}

/// Units as circles and weights as lines, layer by layer, as TensorFlow Playground draws a network:
/// for models that are a chain of small layers (`NeuronNet`). The weight it marks is the one the
/// inspector discusses; the keys that choose it and the sample are the app's (`Update+Neurons`).
/// For a model of two inputs every unit carries a picture of its output over the plane, with the
/// params as they are at the event, and the unit picked (`u`, a click) shows large beside the net.
public struct NeuronView: ScreenView {
    public let id = ViewID.neurons
    public let placement = ViewPlacement.graphBox
    let net: NeuronNet
    /// Whether the model has a plane of two inputs to picture its units over.
    public let hasPlanes: Bool
    /// The layers pictured (all after the inputs), each on the boundary's scale.
    let unitLayers: [DecisionField.UnitLayer]
    /// The picture of the moment, made in `prepare`.
    public internal(set) var picture: NeuronPicture?
    /// The unit pictures of the moment and the picked unit's large one, with what they were made for.
    public internal(set) var unitPictures: [Int: [DecisionField]] = [:]
    public internal(set) var large: DecisionField?
    var made: PicturesMade?

    struct PicturesMade: Equatable {
        var step: Int
        var updated: Int
        var cells: Int
        var rows: Int
        var picked: UnitChoice?
        var pane: Rect?
    }

    public init?(_ model: ModelFacts) {
        guard let net = model.neuronNet else { return nil }
        self.net = net
        hasPlanes = DecisionField.applies(to: model.scenario, firstStep: model.firstStep)
        let last = net.layers.count - 1
        unitLayers = net.layers.enumerated().dropFirst().map { k, layer in
            // The output is the boundary itself; a sigmoid unit is a probability as the output is;
            // tanh, relu and linear units go on Playground's −1 … 1.
            let squashed = k == last || model.firstStep.nodes[layer.node].op == .sigmoid
            return DecisionField.UnitLayer(node: layer.node, units: layer.units, scale: squashed ? .asIs : .symmetric)
        }
    }

    /// The net's box and, when a unit is picked and the box is wide enough, the pane for its large picture.
    public static func areas(_ area: Rect, picked: Bool) -> (net: Rect, pane: Rect?) {
        guard picked, area.width >= 60 else { return (area, nil) }
        let (net, pane) = area.takeRight(min(64, area.width >= 110 ? area.width / 2 : area.width * 2 / 5))
        return (net, pane)
    }

    public mutating func prepare(_ moment: ViewMoment) {
        let picked = hasPlanes ? moment.pickedUnit : nil
        if hasPlanes, let area = moment.area {
            let (netBox, pane) = Self.areas(area, picked: picked != nil)
            let cells = NeuronPanel.pictureCells(columns: net.layers.map(\.units), in: netBox.inset(by: 1))
            let halfBlocks = moment.colour && moment.glyphs.usesBraille
            let record = moment.record
            let updated = (0..<record.parameterCount).filter(moment.state.isUpdated).count
            let key = PicturesMade(step: record.step, updated: updated, cells: cells?.width ?? 0,
                                   rows: (cells?.height ?? 0) * (halfBlocks ? 2 : 1), picked: picked, pane: pane)
            if key != made {
                made = key
                let params = moment.state.paramValues, scenario = moment.scenario
                unitPictures = [:]
                if let cells, let fields = try? DecisionField.units(scenario: scenario, params: params, step: record.step,
                                                                    columns: cells.width, rows: key.rows, layers: unitLayers,
                                                                    rowAspect: BoundaryPanel.rowAspect(glyphs: moment.glyphs, colour: moment.colour)) {
                    for (k, layer) in fields.enumerated() { unitPictures[k + 1] = layer }
                }
                large = nil
                if let picked, picked.layer >= 1, picked.layer - 1 < unitLayers.count, let pane {
                    let grid = BoundaryPanel.grid(for: pane.inset(by: 1), glyphs: moment.glyphs, colour: moment.colour)
                    let layer = unitLayers[picked.layer - 1]
                    let fields = try? DecisionField.units(scenario: scenario, params: params, step: record.step, columns: grid.columns,
                                                          rows: grid.rows, layers: [layer],
                                                          rowAspect: BoundaryPanel.rowAspect(glyphs: moment.glyphs, colour: moment.colour))
                    if let units = fields?.first, picked.unit < units.count { large = units[picked.unit] }
                }
            }
        } else {
            unitPictures = [:]
            large = nil
            made = nil
        }
        picture = NeuronPictureBuilder.picture(net: net, record: moment.record, event: moment.event, template: moment.model.template,
                                               names: moment.names, sample: moment.neuronSample, chosen: moment.markedWeight,
                                               unitPictures: unitPictures, picked: picked)
    }

    public func render(_ moment: ViewMoment, into canvas: inout Canvas, area: Rect) {
        let picked = hasPlanes ? moment.pickedUnit : nil
        let (netBox, pane) = Self.areas(area, picked: picked != nil)
        let sample = net.samples > 1 ? " ⸱ sample \(moment.neuronSample)/\(net.samples - 1) of the batch (⇧←→)" : ""
        let keys = moment.discussedWeight == nil ? "" : " ⸱ ↑↓ ⇧↑↓ or a click: the weight discussed"
        // A model beside the one drawn is named, so no one takes the picture for the whole scenario.
        let drawn = net.layers.dropFirst().first?.weight.map { moment.names[$0] }
        let only = net.otherWeights.isEmpty ? ""
            : " ⸱ the \(drawn ?? "first") model; \(net.otherWeights.map { moment.names[$0] }.joined(separator: ", ")) not drawn"
        // The key hint gives way whole on a narrow screen rather than being cut mid-word.
        let titles = ["neurons\(only)\(sample)\(keys)", "neurons\(only)\(sample)", "neurons\(only)"]
            + (hasPlanes && picked == nil ? ["neurons ⸱ u: a unit large"] : []) + ["neurons"]
        let title = titles.first { Self.width(of: $0, glyphs: moment.glyphs) + 4 <= netBox.width } ?? "neurons"
        canvas.drawBox(netBox, glyphs: moment.glyphs, title: title)
        if let picture {
            let panel = NeuronPanel(picture: picture, glyphs: moment.glyphs, colour: moment.colour)
            panel.render(into: &canvas, rect: netBox.inset(by: 1))
            // What the lines' colours mean, in the box's bottom border.
            if netBox.height >= 2, netBox.width > 4 {
                panel.renderEdgeLegend(into: &canvas, rect: Rect(x: netBox.x + 1, y: netBox.maxY - 1, width: netBox.width - 2, height: 1))
            }
        }
        if let pane, let picked {
            canvas.drawBox(pane, glyphs: moment.glyphs, title: paneTitle(picked, moment: moment, width: pane.width))
            if let large { BoundaryPanel(field: large, glyphs: moment.glyphs, colour: moment.colour).render(into: &canvas, rect: pane.inset(by: 1)) }
        }
    }

    /// `h[1] over the plane · tanh: −1 orange … 1 blue · u: next`, shortened to fit.
    func paneTitle(_ picked: UnitChoice, moment: ViewMoment, width: Int) -> String {
        guard picked.layer >= 1, picked.layer < net.layers.count else { return "" }
        let node = net.layers[picked.layer].node
        let name = picked.layer == net.layers.count - 1 && net.layers[picked.layer].units == 1
            ? "\(moment.names[node]) (the boundary)" : "\(moment.names[node])[\(picked.unit)]"
        let scale = unitLayers[picked.layer - 1].scale == .asIs ? "0 orange … 1 blue" : "-1 orange … 1 blue"
        let options = ["\(name) over the plane ⸱ \(scale) ⸱ u: next", "\(name) ⸱ \(scale) ⸱ u: next", "\(name) ⸱ u: next", name]
        return options.first { Self.width(of: $0, glyphs: moment.glyphs) + 4 <= width } ?? name
    }

    /// Columns a title takes as drawn: under `--ascii` its characters' longer text forms (⇧ is Shift+).
    static func width(of text: String, glyphs: Glyphs) -> Int {
        displayWidth(of: glyphs.usesBraille ? text : AsciiFold.text(text))
    }
}
