import Scenario
import TextCanvas

extension ViewID {
    public static let landscape = ViewID("loss landscape")
}

/// The loss of this step's batch as a function of the (one or two scalar) params, with the current
/// point and where the update takes it: a curve for one param, a map for two.
public struct LandscapeView: ScreenView {
    public let id = ViewID.landscape
    public let placement = ViewPlacement.besideGraph(maxWidth: 64)
    /// The landscape sampled for its pane at a step (the float64 model runs once per step and size).
    var picture: LandscapePicture?
    var step: Int?

    public init?(_ model: ModelFacts) {
        let first = model.firstStep
        let params = first.nodes.prefix(first.parameterCount)
        guard (1...2).contains(params.count), params.allSatisfy({ $0.shape.count == 1 }) else { return nil }
    }

    public mutating func prepare(_ moment: ViewMoment) {
        guard let pane = moment.area else {
            picture = nil
            return
        }
        let area = pane.inset(by: 1)
        if picture?.area != area || step != moment.record.step {
            picture = LandscapePanel.make(scenario: moment.scenario, record: moment.record, names: moment.names,
                                          lr: moment.lr, glyphs: moment.glyphs).sampled(for: area)
            step = moment.record.step
        }
        // Sampled once a step; what of it shows follows the event (the one clock).
        let params = 0..<moment.record.parameterCount
        picture?.gradKnown = params.allSatisfy(moment.state.hasGrad)
        picture?.updateKnown = params.allSatisfy(moment.state.isUpdated)
    }

    /// Whose loss the landscape draws: the update step's batch.
    static func whose(_ scenario: Scenario) -> String {
        scenario.batchSize <= 1 ? "this sample" : scenario.batchSize >= scenario.sampleCount ? "all samples" : "this batch"
    }

    public func render(_ moment: ViewMoment, into canvas: inout Canvas, area: Rect) {
        canvas.drawBox(area, glyphs: moment.glyphs, title: "loss landscape (\(Self.whose(moment.model.scenario)))")
        picture?.render(into: &canvas, rect: area.inset(by: 1))
    }
}
