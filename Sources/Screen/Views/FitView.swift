import Scenario
import TextCanvas

extension ViewID {
    public static let fit = ViewID("fit")
}

/// The fit of a one-input model (linear, quadratic, sine …): the data and the model's curve ŷ(x)
/// over the input's range with the params as they are at the event, so each update moves it (the
/// curve before the update stays dimmed): the lecture's ŷ = w·x turning toward y = 2x, sample by sample.
public struct FitView: ScreenView {
    public let id = ViewID.fit
    public let placement = ViewPlacement.besideGraph(maxWidth: 64)
    /// The panel of the moment, made in `prepare` (two forward passes of a row of inputs at most).
    public internal(set) var panel: FitPanel?
    /// What the panel was made for: the step, how many params the update had changed, whether ŷ
    /// was computed, and the pane's width.
    var made: (step: Int, updated: Int, predicted: Bool, width: Int)?
    let yPred: Int?

    public init?(_ model: ModelFacts) {
        guard FitCurve.applies(to: model.scenario, firstStep: model.firstStep) else { return nil }
        yPred = model.firstStep.nodes.indices.first { model.firstStep.label($0) == "y_pred" }
    }

    public mutating func prepare(_ moment: ViewMoment) {
        guard let pane = moment.area else {
            panel = nil
            made = nil
            return
        }
        let record = moment.record, state = moment.state
        let updated = (0..<record.parameterCount).filter(state.isUpdated).count
        let predicted = yPred.map(state.isComputed) ?? false
        if let made, made == (record.step, updated, predicted, pane.width) {
            panel?.glyphs = moment.glyphs
            return
        }
        // A dot column per sample of the curve, at most (braille: two a cell).
        let count = max(2, pane.width * 2)
        let scenario = moment.scenario
        guard let curve = try? FitCurve.make(scenario: scenario, params: state.paramValues, count: count) else {
            panel = nil
            made = nil
            return
        }
        let before = updated > 0 ? (try? FitCurve.make(scenario: scenario, params: record.paramsBefore, count: count))?.values : nil
        let size = scenario.batchSize
        let first = record.batch * size
        let batch = first..<min(first + size, curve.points.count)
        // The step's errors show from forward's ŷ until the update moves the curve away from them.
        let predictions = predicted && updated == 0 ? yPred.map(record.value) : nil
        panel = FitPanel(curve: curve, before: before, batch: batch, predictions: predictions, glyphs: moment.glyphs)
        made = (record.step, updated, predicted, pane.width)
    }

    public func render(_ moment: ViewMoment, into canvas: inout Canvas, area: Rect) {
        canvas.drawBox(area, glyphs: moment.glyphs, title: "fit: ŷ over \(panel?.curve.input ?? "x")")
        panel?.render(into: &canvas, rect: area.inset(by: 1), glyphs: moment.glyphs)
    }
}
