import Scenario
import TextCanvas

extension ViewID {
    public static let neurons = ViewID("neurons")
}

/// Units as circles and weights as lines, layer by layer, as TensorFlow Playground draws a network:
/// for models that are a chain of small layers (`NeuronNet`). The weight it marks is the one the
/// inspector discusses; the keys that choose it and the sample are the app's (`Update+Neurons`).
public struct NeuronView: ScreenView {
    public let id = ViewID.neurons
    public let placement = ViewPlacement.graphBox
    let net: NeuronNet
    /// The picture of the moment, made in `prepare`.
    var picture: NeuronPicture?

    public init?(_ model: ModelFacts) {
        guard let net = model.neuronNet else { return nil }
        self.net = net
    }

    public mutating func prepare(_ moment: ViewMoment) {
        picture = NeuronPictureBuilder.picture(net: net, record: moment.record, event: moment.event, template: moment.model.template,
                                               names: moment.names, sample: moment.neuronSample, chosen: moment.markedWeight)
    }

    public func render(_ moment: ViewMoment, into canvas: inout Canvas, area: Rect) {
        let sample = net.samples > 1 ? " · sample \(moment.neuronSample)/\(net.samples - 1) of the batch (⇧←→)" : ""
        let keys = moment.discussedWeight == nil ? "" : " · ↑↓ ⇧↑↓ or a click: the weight discussed"
        // The key hint gives way whole on a narrow screen rather than being cut mid-word.
        let title = displayWidth(of: "neurons\(sample)\(keys)") + 4 <= area.width ? "neurons\(sample)\(keys)" : "neurons\(sample)"
        canvas.drawBox(area, glyphs: moment.glyphs, title: title)
        if let picture { NeuronPanel(picture: picture, glyphs: moment.glyphs).render(into: &canvas, rect: area.inset(by: 1)) }
    }
}
