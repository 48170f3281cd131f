import TextCanvas

/// Chooses how wide the graph's boxes are for a panel: the widest boxes with which the whole
/// graph fits, else a width from the panel's own width (the view then pans and follows).
public enum GraphFit {
    /// How far the boxes may shrink: `readable` keeps a few numbers per box, `overview` (the `f`
    /// key on a graph too big to fit) keeps little more than the titles so the most shows at once.
    public enum Zoom: Equatable, Sendable {
        case readable
        case overview
    }

    /// Widest box tried (borders included): wider boxes only show more entries of a tensor.
    public static let widestBox = 40
    /// Narrowest box that still shows a value after its title.
    public static let narrowestReadableBox = 14
    /// Narrowest box at all: the title alone.
    public static let narrowestBox = 9

    /// The layout of `picture` (whose lines are as long as they may ever be) for a view of
    /// `width`×`height` cells.
    public static func layout(of picture: GraphPicture, width: Int, height: Int, zoom: Zoom = .readable) -> GraphLayout {
        let narrowest = zoom == .overview ? narrowestBox : narrowestReadableBox
        // Layouts shrink monotonically with the box width, so a binary search finds the widest that fits.
        var low = narrowest, high = widestBox
        var best: GraphLayout?
        while low <= high {
            let mid = (low + high) / 2
            let layout = GraphLayout(picture, maxBoxWidth: mid)
            if layout.width <= width && layout.height <= height {
                best = layout
                low = mid + 1
            } else {
                high = mid - 1
            }
        }
        if let best { return best }
        if zoom == .overview { return GraphLayout(picture, maxBoxWidth: narrowest) }
        // Too big at any readable width: about six columns of boxes show at once.
        return GraphLayout(picture, maxBoxWidth: min(28, max(18, width / 6 - 4)))
    }
}
