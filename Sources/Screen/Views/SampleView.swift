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
    /// The step's first sample with the params as they are at the event (updated from the update on).
    public internal(set) var picture: SamplePicture?
    var updates = 0

    public init?(_ model: ModelFacts) {
        guard SamplePicture.applies(to: model.scenario) else { return nil }
    }

    public mutating func prepare(_ moment: ViewMoment) {
        let record = moment.record
        let updated = (0..<record.parameterCount).filter(moment.state.isUpdated).count
        guard picture?.step != record.step || updates != updated else { return }
        picture = try? SamplePicture.make(scenario: moment.scenario, params: moment.state.paramValues, step: record.step,
                                          sample: record.batch * moment.model.scenario.batchSize)
        updates = updated
    }

    public func render(_ moment: ViewMoment, into canvas: inout Canvas, area: Rect) {
        let sample = picture.map { " \($0.sample)/\(moment.model.scenario.sampleCount - 1)" } ?? ""
        canvas.drawBox(area, glyphs: moment.glyphs, title: "sample\(sample)")
        if let picture { SamplePanel(picture: picture, glyphs: moment.glyphs).render(into: &canvas, rect: area.inset(by: 1)) }
    }
}
