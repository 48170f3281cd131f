import Scenario
import TextCanvas

extension ViewID {
    public static let heatValues = ViewID("weight heat maps")
    public static let heatGrads = ViewID("gradient heat maps")
}

/// Every weight matrix as a heat map, its values or its gradients (vanishing gradients show as
/// pale maps in the first layers); `m` puts them on one shared scale. For models with a matrix param.
public struct HeatMapView: ScreenView {
    public enum Showing: Sendable { case values, gradients }

    public let id: ViewID
    public let placement = ViewPlacement.graphBox
    let showing: Showing
    /// The maps of the moment, made in `prepare`.
    var maps: [HeatMap] = []

    public init?(_ model: ModelFacts, showing: Showing) {
        let first = model.firstStep
        guard first.nodes.prefix(first.parameterCount).contains(where: { $0.shape.rank == 2 }) else { return nil }
        self.showing = showing
        id = showing == .values ? .heatValues : .heatGrads
    }

    public mutating func prepare(_ moment: ViewMoment) {
        let record = moment.record
        maps = (0..<record.parameterCount).compactMap { p in
            let shape = record.nodes[p].shape
            guard shape.count > 1 else { return nil }
            // A gradient shows from the event that makes it (the one clock): before, the map is
            // blank and says so, or shows what .grad still holds from earlier steps, labelled.
            var note: String?, blank = false
            var flat = moment.state.paramValue(p)
            if showing == .gradients {
                let grad = moment.state.grad(p)
                switch grad {
                case .arrived(let values): flat = values
                case .held(let values) where grad.holdsEarlierSteps:
                    flat = values
                    note = Self.held
                default:
                    flat = Array(repeating: 0, count: shape.count)
                    blank = true
                    note = Self.notYet
                }
            }
            let rows = (0..<shape.rows).map { r in Array(flat[(r * shape.cols)..<((r + 1) * shape.cols)]) }
            var map = HeatMap(title: "\(moment.names[p]) \(shape.rows)×\(shape.cols)", values: rows, glyphs: moment.glyphs)
            map.note = note
            map.blank = blank
            return map
        }
    }

    static let notYet = "not computed yet"
    static let held = "(held)"

    public func render(_ moment: ViewMoment, into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        canvas.drawBox(area, glyphs: moment.glyphs, title: showing == .gradients ? "weights: gradients" : "weights: values")
        let row = HeatMapRow(maps: maps, shared: moment.heatScaleShared, glyphs: moment.glyphs)
        row.render(into: &canvas, rect: area.inset(by: 1))
        // Where every row of the maps takes the box's rows, the legend sits in its bottom border.
        if !maps.isEmpty, row.legendRows(in: area.inset(by: 1)) == 0, area.height >= 2, area.width > 4 {
            row.renderLegendLine(into: &canvas, rect: Rect(x: area.x + 1, y: area.maxY - 1, width: area.width - 2, height: 1))
        }
    }
}
