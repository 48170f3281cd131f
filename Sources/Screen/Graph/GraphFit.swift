import TextCanvas

/// Chooses how wide the graph's boxes are for a panel: the widest boxes with which the whole
/// graph fits, else a width from the panel's own width (the view then pans and follows).
public enum GraphFit {
    /// How far the boxes may shrink: `readable` keeps a few numbers per box, `overview` (the `f`
    /// key on a graph too big to fit) draws compact boxes with the short title alone, so the most
    /// shows at once (the inspector still has the numbers).
    public enum Zoom: Equatable, Sendable {
        case readable
        case overview
    }

    /// Widest box tried (borders included): wider boxes only show more entries of a tensor.
    public static let widestBox = 40
    /// Narrowest box that still shows a value after its title.
    public static let narrowestReadableBox = 14
    /// Narrowest compact box: a border and four columns of title (`MM z…`, `σ h1`).
    public static let narrowestBox = 6

    /// The layout of `picture` (whose lines are as long as they may ever be) for a view of
    /// `width`×`height` cells.
    public static func layout(of picture: GraphPicture, width: Int, height: Int, zoom: Zoom = .readable) -> GraphLayout {
        let compact = zoom == .overview
        let narrowest = compact ? narrowestBox : narrowestReadableBox
        if let best = widestFitting(picture, width: width, height: height, from: narrowest, compact: compact) { return best }
        if compact { return GraphLayout(picture, maxBoxWidth: narrowest, compact: true) }
        // Too big at any readable width: about six columns of boxes show at once.
        return GraphLayout(picture, maxBoxWidth: min(28, max(18, width / 6 - 4)))
    }

    /// The widest boxes (from `narrowest` up) with which the whole layout fits, if any do.
    private static func widestFitting(_ picture: GraphPicture, width: Int, height: Int, from narrowest: Int, compact: Bool) -> GraphLayout? {
        // Layouts shrink monotonically with the box width, so a binary search finds the widest that fits.
        var low = narrowest, high = widestBox
        var best: GraphLayout?
        while low <= high {
            let mid = (low + high) / 2
            let layout = GraphLayout(picture, maxBoxWidth: mid, compact: compact)
            if layout.width <= width && layout.height <= height {
                best = layout
                low = mid + 1
            } else {
                high = mid - 1
            }
        }
        return best
    }
}
