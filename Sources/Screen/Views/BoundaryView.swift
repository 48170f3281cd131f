import Scenario
import TextCanvas

extension ViewID {
    public static let boundary = ViewID("decision boundary")
}

/// The model's output over the plane of its two inputs, the data on top, as TensorFlow Playground
/// colours it: for models with two inputs and one output.
public struct BoundaryView: ScreenView {
    public let id = ViewID.boundary
    public let placement = ViewPlacement.besideGraph(maxWidth: 64)
    /// The field with the params as they are at the event (one forward pass of the grid as a
    /// batch): the step's start, and from each update the updated params.
    public internal(set) var field: DecisionField?
    /// How many params the update had changed when the field was made.
    var updates = 0

    public init?(_ model: ModelFacts) {
        guard DecisionField.applies(to: model.scenario, firstStep: model.firstStep) else { return nil }
    }

    public mutating func prepare(_ moment: ViewMoment) {
        guard let pane = moment.area else {
            field = nil
            return
        }
        let grid = BoundaryPanel.grid(for: pane.inset(by: 1), glyphs: moment.glyphs, colour: moment.colour)
        let record = moment.record
        let updated = (0..<record.parameterCount).filter(moment.state.isUpdated).count
        if let field, field.step == record.step, updates == updated, field.columns == grid.columns, field.rows == grid.rows { return }
        field = try? DecisionField.make(scenario: moment.scenario, params: moment.state.paramValues, step: record.step,
                                        columns: grid.columns, rows: grid.rows,
                                        rowAspect: BoundaryPanel.rowAspect(glyphs: moment.glyphs, colour: moment.colour))
        updates = updated
    }

    public func render(_ moment: ViewMoment, into canvas: inout Canvas, area: Rect) {
        canvas.drawBox(area, glyphs: moment.glyphs, title: "decision boundary")
        if let field { BoundaryPanel(field: field, glyphs: moment.glyphs, colour: moment.colour).render(into: &canvas, rect: area.inset(by: 1)) }
    }
}
