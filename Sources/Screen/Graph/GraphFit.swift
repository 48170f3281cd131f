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
    /// Narrowest dense box (titles in the border): `grad None` and a space either side.
    public static let narrowestDenseBox = 13
    /// Narrowest compact box: a border and four columns of title (`MM z…`, `σ h1`).
    public static let narrowestBox = 6

    /// The layout of `picture` (whose lines are as long as they may ever be) for a view of
    /// `width`×`height` cells.
    /// `folding` false keeps the layers in one band whatever the width (tests show what folding adds).
    public static func layout(of picture: GraphPicture, width: Int, height: Int, zoom: Zoom = .readable,
                              folding: Bool = true) -> GraphLayout {
        guard zoom == .overview else {
            if let whole = wholeWithValues(picture, width: width, height: height, folding: folding) { return whole }
            // Too big at any readable width: about six columns of boxes show at once.
            return taller(GraphLayout(picture, maxBoxWidth: min(28, max(18, width / 6 - 4))), of: picture, width: width, height: height)
        }
        // Zoomed out where the rows taken from the panels below let the boxes show whole with their
        // numbers (xor and collapse at 120×40): the numbers are what a class reads.
        if picture.holdsTensors {
            if let whole = wholeWithValues(picture, width: width, height: height, folding: folding),
               whole.maxBoxWidth >= narrowestBoxShowingEntries {
                return whole
            }
            // Room for an entry in two-digit e-notation (`= [-2.3e-01 …]`) where that costs no title
            // its op (`σ y_pred`, not `y_pred`), else for a positional one (`= [-0.731 …]`; a tensor
            // in e-notation then writes its shape).
            let fits = tensorValueWidths.compactMap { flatFitting(picture, width: width, height: height, valueWidth: $0, folding: folding) }
            if let roomiest = fits.first(where: { everyTitleShowsWhole($0, of: picture) }) ?? fits.last { return roomiest }
        }
        // A graph of numbers: one-row nodes with their values (`[× z2 = 1.0]`) say more than boxes without them.
        if !picture.holdsTensors,
           let flat = flatFitting(picture, width: width, height: height, valueWidth: scalarValueWidth, folding: folding) {
            return flat
        }
        // Compact boxes: the widest titles that fit, with `──▶` between columns, or `─▶` when that
        // lets longer titles show (deep193 at 120×40).
        let roomy = widestFitting(picture, width: width, height: height, from: narrowestBox, compact: true)
        if let roomy, roomy.maxBoxWidth >= widestBox { return roomy }
        let tight = widestFitting(picture, width: width, height: height, from: narrowestBox, compact: true, gap: 2)
        if let tight, tight.maxBoxWidth > roomy?.maxBoxWidth ?? 0 { return tight }
        if let roomy { return roomy }
        // Too wide for one band: the layers folded into bands, with the widest titles that fit.
        for gap in [3, 2] where folding {
            if let folded = widestFolded(picture, width: width, height: height, from: narrowestBox, compact: true, gap: gap) {
                return folded
            }
        }
        // Too big for boxes: one-row nodes, a third of a box's rows each (deep193, spiral at 80×24).
        if let flat = flatFitting(picture, width: width, height: height, valueWidth: 0, folding: folding) { return flat }
        // Too big even so: whole titles, and the view pans and follows (cut titles would show little more).
        return GraphLayout(picture, maxBoxWidth: widestBox, compact: true)
    }

    /// Whether every one-row node of `layout` shows its short title, op and name (`σ y_pred`), not the name alone.
    private static func everyTitleShowsWhole(_ layout: GraphLayout, of picture: GraphPicture) -> Bool {
        picture.nodes.allSatisfy { node in
            guard let box = layout.placement(of: node.id) else { return true }
            return node.flatTitle(fitting: box.rect.width - 2 - (layout.valueWidth > 0 ? layout.valueWidth + 1 : 0)) == node.shortTitle
        }
    }

    /// The whole graph in boxes that show values, if it fits: the widest boxes in one band, else
    /// with titles in the borders, else folded into bands; nil when none fits.
    public static func wholeWithValues(_ picture: GraphPicture, width: Int, height: Int, folding: Bool = true) -> GraphLayout? {
        if let best = widestFitting(picture, width: width, height: height, from: narrowestReadableBox) {
            return taller(best, of: picture, width: width, height: height)
        }
        // Titles in the borders save a row a box: a small graph in a short panel shows whole, numbers and all.
        // Then with no row between stacked boxes.
        for rowGap in [1, 0] {
            if let dense = widestFitting(picture, width: width, height: height, from: narrowestDenseBox, dense: true, rowGap: rowGap) {
                return dense
            }
        }
        // Too wide even so: the layers folded into bands stacked down the panel, numbers and all,
        // with the widest boxes any kind of fold allows (a box wider by a column shows more of its
        // tensor; xor at 200×60 takes 31 columns in three bands, not 15 in two).
        return folding ? widestFoldedOfAnyKind(picture, width: width, height: height) : nil
    }

    /// Narrowest box whose value line shows an entry of its tensor (`= [-0.731 …]`), not its shape alone.
    public static let narrowestBoxShowingEntries = 16
    /// Columns a one-row node of a tensor graph gives its value, the roomier first:
    /// `= [-2.3e-01 …]`, then `= [-0.731 …]`.
    public static let tensorValueWidths = [14, 12]

    /// Columns a one-row node of a scalar graph gives its value (`= -7.84`).
    public static let scalarValueWidth = 8

    /// The one-row layout with the widest titles that fits: in one band if it can (a row between
    /// nodes, then none; `──▶`, then `─▶`), else folded into bands.
    private static func flatFitting(_ picture: GraphPicture, width: Int, height: Int, valueWidth: Int, folding: Bool) -> GraphLayout? {
        let narrowest = narrowestBox + (valueWidth > 0 ? valueWidth + 1 : 0)
        // `─▶` where it lets longer titles show than `──▶` (momentum's `MM z1` at 80×24, not `z1`).
        func roomiest(_ roomy: GraphLayout?, _ tight: GraphLayout?) -> GraphLayout? {
            guard let tight else { return roomy }
            guard let roomy else { return tight }
            return tight.maxBoxWidth > roomy.maxBoxWidth ? tight : roomy
        }
        // A row between nodes, then none; for each, the roomier of `──▶` and `─▶`.
        func search(_ make: (_ boxWidth: Int, _ gap: Int, _ rowGap: Int) -> GraphLayout?) -> GraphLayout? {
            for rowGap in [1, 0] {
                let found = [3, 2].map { gap in widest(from: narrowest) { make($0, gap, rowGap) } }
                if let best = roomiest(found[0], found[1]) { return best }
            }
            return nil
        }
        let oneBand = search { boxWidth, gap, rowGap in
            let layout = GraphLayout(picture, maxBoxWidth: boxWidth, compactGap: gap, maxHeight: height, rowGap: rowGap,
                                     flat: true, valueWidth: valueWidth)
            return layout.width <= width && layout.height <= height ? layout : nil
        }
        guard oneBand == nil, folding else { return oneBand }
        return search { boxWidth, gap, rowGap in
            GraphLayout(folding: picture, width: width, maxBoxWidth: boxWidth, compactGap: gap, rowGap: rowGap, maxHeight: height,
                        flat: true, valueWidth: valueWidth).flatMap { $0.height <= height ? $0 : nil }
        }
    }

    /// Most rows a tensor's box is given beyond one per line.
    public static let mostExtraRows = 4

    /// `base` with boxes whose tensors do not fit one row per line made taller (up to
    /// `mostExtraRows`) while the layout keeps within `height` and its width: the panel's spare
    /// rows show more entries (activation at 160×45 showed one entry a box above empty rows).
    private static func taller(_ base: GraphLayout, of picture: GraphPicture, width: Int, height: Int) -> GraphLayout {
        // A view that pans keeps its bottom row for the `more ▶` hints.
        let rows = base.width > width ? height - 1 : height
        guard base.height < rows, picture.nodes.contains(where: { $0.entryCount > 1 }) else { return base }
        for extra in stride(from: mostExtraRows, through: 1, by: -1) {
            let layout = GraphLayout(picture, maxBoxWidth: base.maxBoxWidth, extraRows: extra)
            if layout.height <= rows && layout.width <= base.width { return layout }
        }
        return base
    }

    /// The kinds of fold, roomiest first: title rows and a row between boxes, then without the row,
    /// then titles in the borders (each saves rows, so wider boxes fit in more bands).
    private static let foldKinds: [(dense: Bool, rowGap: Int)] = [(false, 1), (false, 0), (true, 1), (true, 0)]

    /// The folded layout with the widest boxes of any kind that fits; the roomiest kind where two
    /// give boxes as wide. The tightest kind (titles in the borders, no row between boxes) saves the
    /// most rows, so it folds the widest boxes: it is searched, and the roomier kinds are tried at
    /// its width only (a search per kind made deep193's first frame at 200×60 fold 15 times).
    private static func widestFoldedOfAnyKind(_ picture: GraphPicture, width: Int, height: Int) -> GraphLayout? {
        guard let tightest = foldKinds.last,
              let widest = widestFolded(picture, width: width, height: height, from: narrowestDenseBox, dense: tightest.dense,
                                        rowGap: tightest.rowGap) else { return nil }
        let boxWidth = widest.maxBoxWidth
        for kind in foldKinds.dropLast() where boxWidth >= (kind.dense ? narrowestDenseBox : narrowestReadableBox) {
            if let roomier = folded(picture, width: width, height: height, boxWidth: boxWidth, dense: kind.dense, rowGap: kind.rowGap) {
                return roomier
            }
        }
        return widest
    }

    /// The layout folded into bands with boxes `boxWidth` wide, if it fits `height`.
    private static func folded(_ picture: GraphPicture, width: Int, height: Int, boxWidth: Int, compact: Bool = false, gap: Int = 3,
                               dense: Bool = false, rowGap: Int = 1) -> GraphLayout? {
        GraphLayout(folding: picture, width: width, maxBoxWidth: boxWidth, compact: compact, compactGap: gap, dense: dense,
                    rowGap: rowGap, maxHeight: height).flatMap { $0.height <= height ? $0 : nil }
    }

    /// The widest boxes (from `narrowest` up) with which the layout folded into bands fits, if any do.
    private static func widestFolded(_ picture: GraphPicture, width: Int, height: Int, from narrowest: Int,
                                     compact: Bool = false, gap: Int = 3, dense: Bool = false, rowGap: Int = 1) -> GraphLayout? {
        func folded(_ boxWidth: Int) -> GraphLayout? {
            GraphFit.folded(picture, width: width, height: height, boxWidth: boxWidth, compact: compact, gap: gap, dense: dense, rowGap: rowGap)
        }
        // The narrowest boxes fold into the fewest bands: when they do not fit, wider ones will not
        // either (and a graph too big is not folded again and again).
        guard var best = folded(narrowest) else { return nil }
        var low = narrowest + 1, high = widestBox
        while low <= high {
            let mid = (low + high) / 2
            if let layout = folded(mid) {
                best = layout
                low = mid + 1
            } else {
                high = mid - 1
            }
        }
        return best
    }

    /// The widest boxes (from `narrowest` up) with which the whole layout fits, if any do.
    private static func widestFitting(_ picture: GraphPicture, width: Int, height: Int, from narrowest: Int,
                                      compact: Bool = false, gap: Int = 3, dense: Bool = false, rowGap: Int = 1) -> GraphLayout? {
        widest(from: narrowest) { boxWidth in
            // Kept within the rows there are: a layout that fits anyway is the same.
            let layout = GraphLayout(picture, maxBoxWidth: boxWidth, compact: compact, compactGap: gap, dense: dense, maxHeight: height,
                                     rowGap: rowGap)
            return layout.width <= width && layout.height <= height ? layout : nil
        }
    }

    /// The layout `fitting` gives for the widest box width from `narrowest` to `widestBox`, if it
    /// gives one for any. Layouts shrink monotonically with the box width, so the narrowest is
    /// tried first (a graph that fits at no width costs one layout, not five: deep193's first
    /// frame at 200×60 tried three kinds of box), then a binary search finds the widest.
    private static func widest(from narrowest: Int, _ fitting: (Int) -> GraphLayout?) -> GraphLayout? {
        guard var best = fitting(narrowest) else { return nil }
        var low = narrowest + 1, high = widestBox
        while low <= high {
            let mid = (low + high) / 2
            if let layout = fitting(mid) {
                best = layout
                low = mid + 1
            } else {
                high = mid - 1
            }
        }
        return best
    }
}
