/// The views `v` cycles through, in this order; each one the scenario allows is made once when the
/// screen opens. Adding a view: its file (a `ScreenView`), and its line here.
public enum ScreenViews {
    public static let all: [@Sendable (ModelFacts) -> (any ScreenView)?] = [
        { GraphView($0) },
        { NeuronView($0) },
        { HeatMapView($0, showing: .values) },
        { HeatMapView($0, showing: .gradients) },
        { UnitImagesView($0) },
        { LandscapeView($0) },
        { BoundaryView($0) },
        { FitView($0) },
        { SampleView($0) },
    ]

    /// The views that apply to a model, in order (the graph always does).
    static func make(for model: ModelFacts) -> [any ScreenView] {
        all.compactMap { $0(model) }
    }
}
