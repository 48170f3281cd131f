import Scenario
import TextCanvas

/// One of the views `v` cycles through (the op graph, the neurons, heat maps, the landscape …): it
/// says whether it applies to a scenario (its `init?` returns nil when not), prepares what it shows
/// from the moment on screen in `update`, names where it draws, and draws. Each view is one file;
/// `ScreenViews.all` lists them. A view's own numbers (a sampled landscape, a decision field) live in
/// the view value, made in `prepare`; `render` only reads them, so a frame is cheap and pure.
public protocol ScreenView {
    /// Which view this is: its name in help and notices, and what keys and tests ask for.
    var id: ViewID { get }
    /// Where it draws on screen.
    var placement: ViewPlacement { get }
    /// Brings what it shows up to date with the moment: `update` calls it after every action
    /// while the view is on. Work here (a forward pass over a grid) is done once per change, never per frame.
    mutating func prepare(_ moment: ViewMoment)
    /// Draws into `area`: the graph's box (`.graphBox`) or the pane beside the graph (`.besideGraph`).
    func render(_ moment: ViewMoment, into canvas: inout Canvas, area: Rect)
}

extension ScreenView {
    public mutating func prepare(_ moment: ViewMoment) {}
}

/// A view's identity: its name in help (`cycle the view: graph · neurons …`) and notices. Each view
/// file declares its own (`extension ViewID { static let neurons = ViewID("neurons") }`).
public struct ViewID: Hashable, Sendable, CustomStringConvertible {
    public let title: String

    public init(_ title: String) { self.title = title }

    public var description: String { title }
}

/// Where a view draws.
public enum ViewPlacement: Equatable, Sendable {
    /// The graph alone: the op graph view, whose drawing is the app's (it follows, pans and fits).
    case graph
    /// The graph's box, instead of the graph (neurons, heat maps).
    case graphBox
    /// A pane at the graph's right, at most `maxWidth` columns and half the graph's width; the
    /// graph stays on the left (landscape, decision boundary, sample).
    case besideGraph(maxWidth: Int)

    /// Whether the op graph is drawn (and so follows the active node, pans and fits) in this view.
    public var showsGraph: Bool { self != .graphBox }
}

/// What a view may read of the moment on screen: the step's record at the cursor's event, what
/// exists at that event (`state`, the one clock: ask it, never the record, whether a value, a
/// gradient or an update has happened), the names, the lecturer's choices, the glyphs. The app
/// makes it for `prepare` (in `update`) and for `render`, from the same state, so both see the same moment.
public struct ViewMoment {
    /// What depends only on the scenario's model (the graph's shape, the neuron layers).
    public let model: ModelFacts
    /// The cursor's step: every value, gradient and update of it.
    public let record: StepRecord
    public let event: TimelineEvent
    /// What exists at the cursor's event: values computed, gradients made, params updated.
    public let state: EventState
    public let names: NodeNames
    /// The lr this step updates with (the scenario's, or a fork's).
    public let lr: Literal
    public let glyphs: Glyphs
    /// Whether pictures may use colour (else shapes).
    public let colour: Bool
    /// Where the view draws at this screen size (the graph's box or its pane); nil when the screen has no room for it.
    public let area: Rect?
    /// Heat maps on one shared scale (`m`) or each on its own.
    public let heatScaleShared: Bool
    /// The neuron view's sample (a column of the batch, ⇧←→) and the weight it marks and the inspector discusses.
    public let neuronSample: Int
    public let discussedWeight: (layer: Int, weight: WeightChoice)?
    public let markedWeight: (layer: Int, weight: WeightChoice)?
    /// The neuron view's unit whose picture shows large beside the net (`u`, a click).
    public var pickedUnit: UnitChoice? = nil
    /// The model as this step trains it (after `A` or `O` from some step on, that fork's): what pictures compute with.
    public var scenario: Scenario { stepScenario ?? model.scenario }
    var stepScenario: Scenario? = nil
}
