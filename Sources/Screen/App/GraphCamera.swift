import TextCanvas

/// The graph view's camera: where it looks when the graph does not fit, whether it follows the
/// active node, and how far boxes shrink.
public struct GraphCamera: Equatable, Sendable {
    /// The layout cell at the view's top-left (ignored on an axis where the graph fits).
    public var scroll = GraphPoint(x: 0, y: 0)
    /// Follow mode: scroll only when the active node would leave the view. Panning by hand turns
    /// it off; `f` turns it back on.
    public var follow = true
    public var zoom: GraphFit.Zoom = .readable

    public init() {}
}
