import Scenario
import TextCanvas

extension ViewID {
    public static let sample = ViewID("sample")
}

/// Image data: the step's first sample as a picture and the model's class probabilities for it,
/// the true class marked.
public struct SampleView: ScreenView {
    public let id = ViewID.sample
    public let placement = ViewPlacement.besideGraph(maxWidth: 64)
    /// The step's first sample, and the probabilities this step's forward computed for it (read
    /// from the step's record: what forward used, not what the update made of the params).
    public internal(set) var picture: SamplePicture?
    /// Whether forward has computed them at the event: from the logits' event on.
    public internal(set) var computed = false

    public init?(_ model: ModelFacts) {
        guard SamplePicture.applies(to: model.scenario) else { return nil }
    }

    public mutating func prepare(_ moment: ViewMoment) {
        let record = moment.record
        let logits = SamplePicture.logitsNode(in: record)
        computed = logits.map(moment.state.isComputed) ?? false
        guard picture?.step != record.step else { return }
        picture = SamplePicture.make(scenario: moment.scenario, record: record, sample: record.batch * moment.model.scenario.batchSize)
    }

    public func render(_ moment: ViewMoment, into canvas: inout Canvas, area: Rect) {
        let sample = picture.map { " \($0.sample)/\(moment.model.scenario.sampleCount - 1)" } ?? ""
        canvas.drawBox(area, glyphs: moment.glyphs, title: "sample\(sample)")
        if let picture { SamplePanel(picture: picture, glyphs: moment.glyphs, computed: computed).render(into: &canvas, rect: area.inset(by: 1)) }
    }
}
