import TextCanvas

extension ViewID {
    public static let graph = ViewID("graph")
}

/// The op graph alone: every scenario has it, and it is the first view. The app draws the graph
/// (it follows the active node, pans and fits for every view that shows it), so this view adds nothing.
public struct GraphView: ScreenView {
    public let id = ViewID.graph
    public let placement = ViewPlacement.graph

    public init(_ model: ModelFacts) {}

    public func render(_ moment: ViewMoment, into canvas: inout Canvas, area: Rect) {}
}
