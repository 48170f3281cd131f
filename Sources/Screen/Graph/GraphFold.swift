import TextCanvas

/// Folding: a graph whose layers do not fit the panel's width is cut into bands of consecutive
/// layers stacked top to bottom, as a long line of text wraps. An arrow from one band to a later
/// one ends at an off-page connector at the right of its band (`──▶ h`) and starts again from a
/// stub in the band it goes to (`h ──▶`), so no arrow runs from band to band and arrows still
/// never share a segment: each band is laid out as a whole graph is.
extension GraphLayout {
    /// Where a folded arrow is cut: the name of the node it comes from, at the right end of its
    /// band (where the arrow ends) or at the left of a later band (where it starts again).
    public struct Connector: Sendable, Equatable {
        /// The id of the node the arrows come from.
        public var node: Int
        /// What is written: that node's name.
        public var text: String
        /// The cell where the text starts, in layout coordinates.
        public var at: GraphPoint
        /// True for a stub that starts an arrow (`h ──▶`), false for the end of one (`──▶ h`).
        public var incoming: Bool
        /// The arrows of `GraphPicture.edges` it stands for.
        public var edges: [Int]
    }

    /// Rows between two bands.
    public static let bandGap = 1

    /// The picture folded into bands at most `width` columns wide (and within `maxHeight` rows
    /// where the bands can be kept within it), with the boxes the unfolded layout would have; nil when the layers fit one band anyway (the unfolded layout is the one
    /// to draw) or a single layer is wider than `width`. Bands take as many layers as fit, left to right.
    public init?(folding picture: GraphPicture, width: Int, maxBoxWidth: Int = GraphLayout.defaultMaxBoxWidth, compact: Bool = false,
                 compactGap: Int = 3, dense: Bool = false, rowGap: Int = 1, maxHeight: Int? = nil, flat: Bool = false, valueWidth: Int = 0) {
        let whole = GraphLayout(picture, maxBoxWidth: maxBoxWidth, compact: compact, compactGap: compactGap, dense: dense, rowGap: rowGap,
                                flat: flat, valueWidth: valueWidth)
        guard whole.width > width, whole.layerCount > 1 else { return nil }
        let cutter = BandCutter(picture: picture, whole: whole)
        var bands: [BandCutter.Band] = []
        // Each layer's columns in the unfolded layout: a band's width is about its layers' span
        // there (its stubs add a little), a first guess that saves most of a search's layouts.
        var left = Array(repeating: Int.max, count: whole.layerCount), right = Array(repeating: 0, count: whole.layerCount)
        for box in whole.boxes where box.layer < whole.layerCount {
            left[box.layer] = min(left[box.layer], box.rect.x)
            right[box.layer] = max(right[box.layer], box.rect.maxX)
        }
        for l in left.indices where left[l] == .max {  // a layer of long arrows' bends only
            left[l] = l > 0 ? right[l - 1] : 0
            right[l] = left[l]
        }
        var start = 0
        while start < whole.layerCount {
            // A band's width grows with its layers: from the guess, step to the last layer that fits.
            var end = start
            while end + 1 < whole.layerCount, right[end + 1] - left[start] <= width { end += 1 }
            var widest = cutter.band(start...end)
            if widest.layout.width <= width {
                while end + 1 < whole.layerCount {
                    let band = cutter.band(start...(end + 1))
                    guard band.layout.width <= width else { break }
                    (widest, end) = (band, end + 1)
                }
            } else {
                while widest.layout.width > width {
                    guard end > start else { return nil }
                    end -= 1
                    widest = cutter.band(start...end)
                }
            }
            bands.append(widest)
            start = end + 1
        }
        guard bands.count > 1 else { return nil }
        // As many bands, of as many layers each as can be: the last band is not a sliver.
        let count = bands.count, layers = whole.layerCount
        let even = (0..<count).map { cutter.band((layers * $0 / count)...(layers * ($0 + 1) / count - 1)) }
        func height(_ bands: [BandCutter.Band]) -> Int { bands.reduce(0) { $0 + $1.layout.height } }
        if even.allSatisfy({ $0.layout.width <= width }) && height(even) <= height(bands) { bands = even }
        if let maxHeight, height(bands) + (count - 1) * GraphLayout.bandGap > maxHeight {
            bands = cutter.squeezed(bands, into: maxHeight - (count - 1) * GraphLayout.bandGap)
        }
        self = whole
        compose(bands, cutter: cutter)
    }

    /// Stacks the bands' layouts, each band's connectors and arrows taken back to the picture's nodes and arrows.
    private mutating func compose(_ bands: [BandCutter.Band], cutter: BandCutter) {
        var placed: [Placement] = [], drawn: [Route] = [], written: [Connector] = [], starts: [Int] = [], tops: [Int] = []
        var top = 0, widest = 0
        for band in bands {
            let layout = band.layout
            for box in layout.boxes {
                var rect = box.rect
                rect.y += top
                if let (node, incoming) = band.connectors[box.id] {
                    let edges = layout.routes.first { $0.from == box.id || $0.to == box.id }.map { band.carried[$0.edge] } ?? []
                    written.append(Connector(node: node, text: cutter.name(of: node),
                                             at: GraphPoint(x: rect.x + (incoming ? 0 : 1), y: rect.y), incoming: incoming, edges: edges))
                } else {
                    placed.append(Placement(id: box.id, rect: rect, layer: cutter.layer[box.id] ?? box.layer))
                }
            }
            for route in layout.routes {
                let carried = band.carried[route.edge]
                guard let first = carried.first else { continue }
                let arrow = cutter.picture.edges[first]
                var folded = Route(edge: first, from: arrow.from, to: arrow.to,
                                   points: route.points.map { GraphPoint(x: $0.x, y: $0.y + top) })
                folded.fromConnector = band.connectors[route.from]?.incoming == true
                folded.alsoCarries = Array(carried.dropFirst())
                drawn.append(folded)
            }
            starts.append(contentsOf: layout.columnStarts)
            tops.append(top)
            widest = max(widest, layout.width)
            top += layout.height + GraphLayout.bandGap
        }
        // The picture's order, as an unfolded layout keeps it.
        placed.sort { (cutter.order[$0.id] ?? 0) < (cutter.order[$1.id] ?? 0) }
        boxes = placed
        routes = drawn
        connectors = written
        columnStarts = Array(Set(starts)).sorted()
        bandTops = tops
        width = widest
        height = top - GraphLayout.bandGap
        boxIndex = [:]
        for (index, box) in boxes.enumerated() { boxIndex[box.id] = index }
    }
}

/// Makes the picture of one band of layers: its nodes, its arrows, a stub for each arrow coming
/// from an earlier band, one end connector for each node with arrows to later bands.
private struct BandCutter {
    struct Band {
        var layers: ClosedRange<Int>
        var layout: GraphLayout
        /// Per arrow of the band's picture: the picture's arrows it stands for (the first gives its style).
        var carried: [[Int]]
        /// Connector ids of the band: the node they stand for, and whether they start an arrow.
        var connectors: [Int: (node: Int, incoming: Bool)]
    }

    let picture: GraphPicture
    let whole: GraphLayout
    /// Per node id: its layer in the unfolded layout, its place in the picture, the node.
    let layer: [Int: Int]
    let order: [Int: Int]
    let nodes: [GraphBox]
    let firstFreeId: Int
    /// Per route of the unfolded layout (same order): the anchors of its ends, each the layer whose
    /// band its node goes in (a source's is its first consumer's).
    let routeAnchors: [(from: Int?, to: Int?)]
    /// Per node (same order as `nodes`): its anchor.
    let nodeAnchors: [Int?]
    /// Each box's size in the unfolded layout, which a band's box keeps (the same settings, no extra rows).
    let boxSizes: [Int: (width: Int, height: Int)]

    init(picture: GraphPicture, whole: GraphLayout) {
        self.picture = picture
        self.whole = whole
        var layer: [Int: Int] = [:], order: [Int: Int] = [:]
        for box in whole.boxes { layer[box.id] = box.layer }
        // A source goes in the band of its first consumer (y beside − z4, not at the end of the band before).
        var anchor = layer, fed: [Int: Bool] = [:], firstUse: [Int: Int] = [:]
        for route in whole.routes { fed[route.to] = true }
        for route in whole.routes where fed[route.from] == nil {
            if let to = layer[route.to] { firstUse[route.from] = min(firstUse[route.from] ?? to, to) }
        }
        for (id, use) in firstUse { anchor[id] = use }
        // Looked up once here, not per band: a fold search cuts a hundred bands of the same routes.
        routeAnchors = whole.routes.map { (from: anchor[$0.from], to: anchor[$0.to]) }
        var nodes: [GraphBox] = []
        for node in picture.nodes where order[node.id] == nil {
            order[node.id] = nodes.count
            nodes.append(node)
        }
        self.layer = layer
        self.order = order
        self.nodes = nodes
        nodeAnchors = nodes.map { anchor[$0.id] }
        var sizes: [Int: (width: Int, height: Int)] = [:]
        for box in whole.boxes { sizes[box.id] = (box.rect.width, box.rect.height) }
        boxSizes = whole.extraRows == 0 ? sizes : [:]
        firstFreeId = (nodes.map(\.id).max() ?? 0) + 1
    }

    func name(of id: Int) -> String {
        order[id].map { nodes[$0].name } ?? ""
    }

    /// The bands again, each kept within its share of `rows` (each at least as tall as its tallest
    /// layer; the rows to spare go to the bands that would take more), where their own heights add up to more.
    func squeezed(_ bands: [Band], into rows: Int) -> [Band] {
        let least = bands.map { band($0.layers, maxHeight: 1) }
        let spare = rows - least.reduce(0) { $0 + $1.layout.height }
        guard spare >= 0 else { return least }
        let wanted = zip(bands, least).map { max(0, $0.layout.height - $1.layout.height) }
        let total = max(1, wanted.reduce(0, +))
        return zip(bands, least).enumerated().map { i, pair in
            band(pair.0.layers, maxHeight: pair.1.layout.height + spare * wanted[i] / total)
        }
    }

    func band(_ layers: ClosedRange<Int>, maxHeight: Int? = nil) -> Band {
        var boxes: [GraphBox] = [], arrows: [GraphArrow] = [], carried: [[Int]] = []
        var connectors: [Int: (node: Int, incoming: Bool)] = [:], kinds: [Int: Bool] = [:]
        var nextId = firstFreeId
        func connector(for node: Int, incoming: Bool) -> Int {
            let id = nextId
            nextId += 1
            boxes.append(GraphBox(id: id, title: name(of: node), name: name(of: node), kind: incoming ? .input : .op))
            connectors[id] = (node, incoming)
            kinds[id] = !incoming
            return id
        }
        // Stubs first, in the arrows' order: each is a source of the band and sits before its consumer.
        for (route, ends) in zip(whole.routes, routeAnchors) {
            guard let from = ends.from, let to = ends.to, from < layers.lowerBound, layers.contains(to) else { continue }
            arrows.append(GraphArrow(from: connector(for: route.from, incoming: true), to: route.to))
            carried.append([route.edge])
        }
        for (node, anchor) in zip(nodes, nodeAnchors) where anchor.map(layers.contains) ?? false { boxes.append(node) }
        var endArrow: [Int: Int] = [:]
        for (route, ends) in zip(whole.routes, routeAnchors) {
            guard let from = ends.from, let to = ends.to, layers.contains(from) else { continue }
            if layers.contains(to) {
                arrows.append(GraphArrow(from: route.from, to: route.to))
                carried.append([route.edge])
            } else if let k = endArrow[route.from] {
                carried[k].append(route.edge)
            } else {
                arrows.append(GraphArrow(from: route.from, to: connector(for: route.from, incoming: false)))
                endArrow[route.from] = arrows.count - 1
                carried.append([route.edge])
            }
        }
        let layout = GraphLayout(GraphPicture(nodes: boxes, edges: arrows), maxBoxWidth: whole.maxBoxWidth, compact: whole.compact,
                                 compactGap: whole.compactGap, extraRows: 0, dense: whole.dense, maxHeight: maxHeight, rowGap: whole.rowGap,
                                 flat: whole.flat, valueWidth: whole.valueWidth, connectors: kinds, boxSizes: boxSizes)
        return Band(layers: layers, layout: layout, carried: carried, connectors: connectors)
    }
}
