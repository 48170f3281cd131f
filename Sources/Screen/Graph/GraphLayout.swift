import TextCanvas

/// Where every box and arrow of a `GraphPicture` goes, in cells, drawn left to right in layers
/// (Sugiyama, as Graphviz's dot and dagre do it); the same picture always gives the same layout.
public struct GraphLayout: Sendable, Equatable {
    /// A box's place: its rectangle in layout cells and the layer (column) it sits in.
    public struct Placement: Sendable, Equatable {
        public var id: Int
        public var rect: Rect
        public var layer: Int

        public init(id: Int, rect: Rect, layer: Int) {
            self.id = id
            self.rect = rect
            self.layer = layer
        }
    }

    /// An arrow's path: an orthogonal polyline from the cell right of the source box's border
    /// to the arrowhead cell left of the target box's border; it never enters a box.
    public struct Route: Sendable, Equatable {
        /// The index of the arrow in `GraphPicture.edges`.
        public var edge: Int
        public var from: Int
        public var to: Int
        /// Corners in order; consecutive points share a row or a column.
        public var points: [GraphPoint]
        /// A folded layout only: the route starts at an off-page connector (`h ──▶`), not at a box.
        public var fromConnector = false
        /// A folded layout only: the other arrows of `GraphPicture.edges` this route carries to an
        /// off-page connector (one `▶ h` stands for every arrow from h to later bands).
        public var alsoCarries: [Int] = []

        public init(edge: Int, from: Int, to: Int, points: [GraphPoint]) {
            self.edge = edge
            self.from = from
            self.to = to
            self.points = points
        }
    }

    /// The widest a box may be, borders included; longer text is cut with an ellipsis.
    public static let defaultMaxBoxWidth = 24

    /// Columns and rows the whole drawing takes.
    public internal(set) var width: Int = 0
    public internal(set) var height: Int = 0
    /// Number of layers (columns of boxes).
    public internal(set) var layerCount: Int = 0
    /// The column where each layer's boxes start (boxes are left-aligned in their layer).
    public internal(set) var columnStarts: [Int] = []
    /// One placement per node, in the picture's order (a repeated id is placed once).
    public internal(set) var boxes: [Placement] = []
    /// One route per drawable arrow, in the picture's order (arrows to unknown ids, self-loops
    /// and arrows closing a cycle are left out).
    public internal(set) var routes: [Route] = []
    /// The widest a box may be, as given.
    public private(set) var maxBoxWidth: Int = GraphLayout.defaultMaxBoxWidth
    /// Compact boxes (a graph zoomed out to fit): the short title alone, no padding inside the
    /// border, and narrower gaps between the columns.
    public private(set) var compact = false
    /// Compact only: the narrowest gap between columns, 3 (`──▶`) or 2 (`─▶`) when that is what fits.
    public private(set) var compactGap = 3
    /// Rows added to every box that holds a tensor, where the panel has height to spare: its
    /// lines then run over more rows and show more entries.
    public private(set) var extraRows = 0
    /// Dense boxes (a small graph in a short panel): the title sits in the box's top border
    /// (`┌ × y_pred ─┐`), so a box is its lines and two borders and the whole graph shows with
    /// its numbers where boxes with a title row would not fit (linear at 80×24).
    public private(set) var dense = false
    /// Rows between two boxes of a layer: 1, or 0 where that is what lets a graph show whole.
    public private(set) var rowGap = 1
    /// One-row nodes (a graph zoomed out where even compact boxes do not fit, deep193 at 80×24):
    /// no box, the title between brackets (`[MM z1]`), one row more for each arrow beyond the first
    /// that enters or leaves it (arrows never share a row), so a node takes a third of a box's rows.
    public private(set) var flat = false
    /// Flat only: the columns after the title for the node's first line (its value, `= 1.0`); 0 writes none.
    public private(set) var valueWidth = 0
    /// Whether the nodes show their values: boxes that are not compact, or one-row nodes with a value column.
    public var showsValues: Bool { flat ? valueWidth > 0 : !compact }
    /// Rows the layout keeps within where it can (each layer's boxes stay inside them, as level
    /// with the boxes they connect to as that allows); nil: as many as the layers' alignment takes.
    public private(set) var maxHeight: Int?

    /// The most vertices a layout places, boxes and the bends of arrows that skip layers: a chain
    /// of 400 steps that all use one param needs 80 000 bends, and laying them out took seconds a
    /// frame while keys waited. Past it nothing is placed and `tooBig` says why.
    public static let mostVertices = 10_000
    /// A graph with more than `mostVertices`: its nodes, and the bends its arrows need.
    public struct TooBig: Sendable, Equatable {
        public var nodes: Int
        public var bends: Int
    }
    /// Set when the graph has more than `mostVertices`.
    public internal(set) var tooBig: TooBig?

    /// A folded layout (see `GraphLayout(folding:…)`): the row where each band of layers starts,
    /// top to bottom; empty when the layers run left to right in one band.
    public internal(set) var bandTops: [Int] = []
    /// A folded layout: the names written where an arrow leaves one band and comes back in a later one.
    public internal(set) var connectors: [Connector] = []

    var boxIndex: [Int: Int] = [:]

    public init(_ picture: GraphPicture, maxBoxWidth: Int = GraphLayout.defaultMaxBoxWidth, compact: Bool = false, compactGap: Int = 3,
                extraRows: Int = 0, dense: Bool = false, maxHeight: Int? = nil, rowGap: Int = 1, flat: Bool = false, valueWidth: Int = 0) {
        self.init(picture, maxBoxWidth: maxBoxWidth, compact: compact, compactGap: compactGap, extraRows: extraRows, dense: dense,
                  maxHeight: maxHeight, rowGap: rowGap, flat: flat, valueWidth: valueWidth, connectors: [:], boxSizes: [:])
    }

    /// A band of a folded layout: `connectors` names the nodes that stand for off-page connectors
    /// (id → true for one that ends a band, `▶ h`, pinned to the last layer; false for a stub that
    /// starts an arrow, `h ──▶`); each is one row, its name alone, with its one arrow on that row.
    /// `boxSizes` are the sizes of boxes already measured with these settings (by node id): a fold
    /// lays out dozens of bands of the same boxes, and measuring a box reads every line of it.
    init(_ picture: GraphPicture, maxBoxWidth: Int, compact: Bool, compactGap: Int, extraRows: Int, dense: Bool,
         maxHeight: Int?, rowGap: Int, flat: Bool = false, valueWidth: Int = 0, connectors: [Int: Bool],
         boxSizes: [Int: (width: Int, height: Int)]) {
        // Flat nodes are compact ones without their borders: the same short titles and narrow gaps.
        let compact = compact || flat
        self.maxBoxWidth = max(compact ? 3 : 5, maxBoxWidth)
        self.compact = compact
        self.flat = flat
        self.valueWidth = flat ? max(0, valueWidth) : 0
        self.dense = dense && !compact
        self.compactGap = min(3, max(2, compactGap))
        self.extraRows = compact ? 0 : max(0, extraRows)
        self.maxHeight = maxHeight
        self.rowGap = min(1, max(0, rowGap))
        var builder = LayeredGraph(picture: picture, maxBoxWidth: self.maxBoxWidth, compact: compact, compactGap: self.compactGap,
                                   extraRows: self.extraRows, dense: self.dense, maxHeight: maxHeight, rowGap: self.rowGap,
                                   flat: flat, valueWidth: self.valueWidth, connectors: connectors, boxSizes: boxSizes)
        builder.run()
        if let big = builder.tooBig {
            tooBig = big
            return
        }
        width = builder.totalWidth
        height = builder.totalHeight
        layerCount = builder.layerCount
        columnStarts = builder.columnX
        boxes = builder.placements()
        routes = builder.routes()
        for (index, box) in boxes.enumerated() { boxIndex[box.id] = index }
    }

    /// The placement of the node with this id, if it was placed.
    public func placement(of id: Int) -> Placement? {
        boxIndex[id].map { boxes[$0] }
    }

    /// Rows of a box that hold its title: the one under the top border, none when it is in the border.
    public var titleRows: Int { dense ? 0 : 1 }

    /// The columns for a node's lines in its box (a wider box shows more entries of a tensor).
    public func lineWidth(of id: Int) -> Int? {
        if flat { return placement(of: id).map { _ in valueWidth } }
        return placement(of: id).map { $0.rect.width - 4 }
    }

    /// The rows for a node's lines in its box (a taller box runs a tensor over more rows).
    public func lineRows(of id: Int) -> Int? {
        if flat { return placement(of: id).map { _ in 1 } }
        return placement(of: id).map { $0.rect.height - 2 - titleRows }
    }

    /// The size a box takes for a node (borders, one column of padding each side, title, lines,
    /// `extraRows` more when it holds a tensor), before extra rows for many incoming arrows.
    public static func boxSize(of node: GraphBox, maxBoxWidth: Int = GraphLayout.defaultMaxBoxWidth, compact: Bool = false,
                               extraRows: Int = 0, dense: Bool = false, flat: Bool = false, valueWidth: Int = 0) -> (width: Int, height: Int) {
        if flat {
            // Brackets and the text; the value's columns kept whatever its text now (boxes do not jump).
            // The name whole even where it is wider than the room the others have.
            let title = node.flatTitle(fitting: max(1, maxBoxWidth - 2 - (valueWidth > 0 ? valueWidth + 1 : 0)))
            return (max(1, displayWidth(of: title)) + (valueWidth > 0 ? valueWidth + 1 : 0) + 2, 1)
        }
        if compact {
            // As wide as the title it will show: a box showing `σ` for `σ y_pred` takes no more room.
            let shown = node.title(fitting: maxBoxWidth - 2, compact: true)
            let inner = min(max(1, displayWidth(of: shown)), max(1, maxBoxWidth - 2))
            return (inner + 2, 3)
        }
        let widest = ([node.title] + node.lines).map { displayWidth(of: $0) }.max() ?? 0
        let inner = min(max(1, widest), max(1, maxBoxWidth - 4))
        // A dense box has no title row: its lines, at least one, between the borders.
        let rows = dense ? max(1, node.lines.count) : 1 + node.lines.count
        return (inner + 4, 2 + rows + min(extraRows, rowsWanted(by: node, lineWidth: inner)))
    }
}

/// Rows beyond one per line that would show all of a tensor box's entries, each line's entries
/// taking five columns and a space after its label (`grad [`) and brackets.
private func rowsWanted(by node: GraphBox, lineWidth: Int) -> Int {
    guard node.entryCount > 1 else { return 0 }
    let perRow = max(1, (lineWidth - 6) / 6)
    let rows = (node.entryCount + perRow - 1) / perRow
    return (rows - 1) * node.lines.count
}

/// The working state of one layout: real nodes are vertices 0..<n, dummy vertices on long
/// arrows follow; every relation is an array indexed by vertex, segment or layer.
private struct LayeredGraph {
    struct Segment {
        var from: Int
        var to: Int
        var edge: Int
        var weight: Double
    }

    /// One segment that bends in a gap: the rows it spans.
    struct Net {
        var segment: Int
        var exitRow: Int
        var entryRows: [Int]
        var low: Int
        var high: Int
        var goesDown: Bool
    }

    let picture: GraphPicture
    let maxBoxWidth: Int
    let compact: Bool
    let compactGap: Int
    let extraRows: Int
    let dense: Bool
    let maxHeight: Int?
    let rowGap: Int
    let flat: Bool
    let valueWidth: Int
    let nodeCount: Int
    /// Node index per picture node (nil for a repeated id) and arrows as (edge index, from, to).
    var nodeOfPicture: [Int?] = []
    var arrows: [(edge: Int, from: Int, to: Int)] = []

    var layer: [Int] = []
    var isDummy: [Bool] = []
    var boxWidth: [Int] = []
    var boxHeight: [Int] = []
    var segments: [Segment] = []
    var inSegments: [[Int]] = []
    var outSegments: [[Int]] = []
    /// Vertex chain of each arrow, source first.
    var chains: [(edge: Int, vertices: [Int], segments: [Int])] = []

    var layers: [[Int]] = []
    var position: [Int] = []
    var inOffset: [Int] = []   // per segment: row inside the target where it enters
    var outOffsetOf: [Int] = []   // per segment: row inside the source where it leaves
    var y: [Int] = []
    var columnX: [Int] = []
    var columnWidth: [Int] = []
    var channelX: [Int] = []    // per segment whose gap needs a vertical: its column; else -1
    var layerCount = 0
    var totalWidth = 0
    var totalHeight = 0

    /// Per node: nil for a box, true for a connector that ends a band, false for one that starts an arrow.
    var connector: [Bool?] = []
    /// Set by `run` when the graph has too many vertices to place (`GraphLayout.mostVertices`).
    var tooBig: GraphLayout.TooBig?
    /// Per node: its box's size when the caller measured it already.
    var knownSize: [(width: Int, height: Int)?] = []

    init(picture: GraphPicture, maxBoxWidth: Int, compact: Bool, compactGap: Int, extraRows: Int, dense: Bool, maxHeight: Int?,
         rowGap: Int, flat: Bool, valueWidth: Int, connectors: [Int: Bool], boxSizes: [Int: (width: Int, height: Int)]) {
        self.flat = flat
        self.valueWidth = valueWidth
        self.extraRows = extraRows
        self.dense = dense
        self.maxHeight = maxHeight
        self.rowGap = rowGap
        self.picture = picture
        self.maxBoxWidth = maxBoxWidth
        self.compact = compact
        self.compactGap = compactGap
        var index: [Int: Int] = [:]
        var mapping: [Int?] = []
        var unique: [GraphBox] = []
        for node in picture.nodes {
            if index[node.id] == nil {
                index[node.id] = unique.count
                mapping.append(unique.count)
                unique.append(node)
            } else {
                mapping.append(nil)
            }
        }
        var drawable: [(edge: Int, from: Int, to: Int)] = []
        for (e, arrow) in picture.edges.enumerated() {
            if let u = index[arrow.from], let v = index[arrow.to], u != v {
                drawable.append((e, u, v))
            }
        }
        nodes = unique
        connector = connectors.isEmpty ? Array(repeating: nil, count: unique.count) : unique.map { connectors[$0.id] }
        knownSize = boxSizes.isEmpty ? Array(repeating: nil, count: unique.count) : unique.map { boxSizes[$0.id] }
        nodeCount = unique.count
        nodeOfPicture = mapping
        arrows = drawable
    }

    let nodes: [GraphBox]

    mutating func run() {
        guard nodeCount > 0 else { return }
        assignLayers()
        // Each arrow bends once per layer it skips: counted before any is made.
        var bends = 0
        for arrow in arrows { bends += max(0, layer[arrow.to] - layer[arrow.from] - 1) }
        if nodeCount + bends > GraphLayout.mostVertices {
            tooBig = GraphLayout.TooBig(nodes: nodeCount, bends: bends)
            return
        }
        addDummies()
        orderLayers()
        assignPorts()
        assignRows()
        assignColumns()
    }

    // MARK: Layers

    /// Longest path from the sources; the loss goes to the last layer, and each source sits just
    /// before its first consumer so a param used late does not trail a long arrow across the screen.
    mutating func assignLayers() {
        var succ = Array(repeating: [Int](), count: nodeCount)
        var indegree = Array(repeating: 0, count: nodeCount)
        for arrow in arrows {
            succ[arrow.from].append(arrow.to)
            indegree[arrow.to] += 1
        }
        // Kahn's algorithm, smallest node index first, so a tape keeps its own order.
        var order: [Int] = []
        order.reserveCapacity(nodeCount)
        var heap = MinHeap()
        for v in 0..<nodeCount where indegree[v] == 0 { heap.push(v) }
        var remaining = indegree
        while let v = heap.pop() {
            order.append(v)
            for w in succ[v] {
                remaining[w] -= 1
                if remaining[w] == 0 { heap.push(w) }
            }
        }
        var rank = Array(repeating: -1, count: nodeCount)
        for (r, v) in order.enumerated() { rank[v] = r }
        for v in 0..<nodeCount where rank[v] < 0 {
            rank[v] = order.count
            order.append(v)
        }
        // Arrows that close a cycle cannot be drawn left to right: leave them out.
        arrows = arrows.filter { rank[$0.from] < rank[$0.to] }
        succ = Array(repeating: [], count: nodeCount)
        var pred = Array(repeating: [Int](), count: nodeCount)
        for arrow in arrows {
            succ[arrow.from].append(arrow.to)
            pred[arrow.to].append(arrow.from)
        }

        var layerOf = Array(repeating: 0, count: nodeCount)
        for v in order {
            for w in succ[v] { layerOf[w] = max(layerOf[w], layerOf[v] + 1) }
        }
        let last = layerOf.max() ?? 0
        for v in 0..<nodeCount where (nodes[v].kind == .loss && succ[v].isEmpty) || connector[v] == true {
            layerOf[v] = last
        }
        // An op off the longest path (xor's 1 − y) moves right to just before its first consumer,
        // so it does not trail a long arrow across the graph nor take room from the main chain.
        for v in order.reversed() where !pred[v].isEmpty && !succ[v].isEmpty {
            layerOf[v] = max(layerOf[v], (succ[v].map { layerOf[$0] }.min() ?? 1) - 1)
        }
        for v in 0..<nodeCount where pred[v].isEmpty && !succ[v].isEmpty {
            layerOf[v] = (succ[v].map { layerOf[$0] }.min() ?? 1) - 1
        }
        layer = layerOf
        layerCount = last + 1
        isDummy = Array(repeating: false, count: nodeCount)
        let sizes = nodes.indices.map { v in
            // A connector is its name and a space on the side away from its arrow: `▶ h`, `h ──▶`.
            connector[v] != nil ? (width: displayWidth(of: nodes[v].name) + 1, height: 1)
                : knownSize[v] ?? GraphLayout.boxSize(of: nodes[v], maxBoxWidth: maxBoxWidth, compact: compact, extraRows: extraRows,
                                                      dense: dense, flat: flat, valueWidth: valueWidth)
        }
        boxWidth = sizes.map(\.width)
        boxHeight = sizes.map(\.height)
    }

    /// Splits arrows longer than one layer into segments through dummy vertices, one per layer.
    mutating func addDummies() {
        inSegments = Array(repeating: [], count: nodeCount)
        outSegments = Array(repeating: [], count: nodeCount)
        for arrow in arrows {
            var vertices = [arrow.from]
            var segs: [Int] = []
            var previous = arrow.from
            var current = layer[arrow.from] + 1
            while current < layer[arrow.to] {
                let dummy = layer.count
                layer.append(current)
                isDummy.append(true)
                boxWidth.append(0)
                boxHeight.append(1)
                inSegments.append([])
                outSegments.append([])
                segs.append(connect(previous, dummy, edge: arrow.edge))
                vertices.append(dummy)
                previous = dummy
                current += 1
            }
            segs.append(connect(previous, arrow.to, edge: arrow.edge))
            vertices.append(arrow.to)
            chains.append((arrow.edge, vertices, segs))
        }
    }

    private mutating func connect(_ a: Int, _ b: Int, edge: Int) -> Int {
        // dagre's weights: keep long arrows straight first, then arrows touching them.
        let dummies = (isDummy[a] ? 1 : 0) + (isDummy[b] ? 1 : 0)
        let weight: Double = dummies == 2 ? 8 : (dummies == 1 ? 2 : 1)
        segments.append(Segment(from: a, to: b, edge: edge, weight: weight))
        let s = segments.count - 1
        outSegments[a].append(s)
        inSegments[b].append(s)
        return s
    }

    // MARK: Order within layers

    /// Starts from a depth-first walk back from the sinks (operands before their op, first operand
    /// first), then sweeps barycenters down and up, keeping the order with the fewest crossings.
    mutating func orderLayers() {
        let vertexCount = layer.count
        var post = Array(repeating: -1, count: vertexCount)
        var counter = 0
        var visited = Array(repeating: false, count: vertexCount)
        // Sinks in tape order; then anything not reached (there is none in a DAG, but be safe).
        var roots: [Int] = (0..<vertexCount).filter { outSegments[$0].isEmpty }
        roots.append(contentsOf: 0..<vertexCount)
        for root in roots where !visited[root] {
            var stack: [(vertex: Int, next: Int)] = [(root, 0)]
            visited[root] = true
            while let top = stack.last {
                let ins = inSegments[top.vertex]
                if top.next < ins.count {
                    stack[stack.count - 1].next += 1
                    let p = segments[ins[top.next]].from
                    if !visited[p] {
                        visited[p] = true
                        stack.append((p, 0))
                    }
                } else {
                    post[top.vertex] = counter
                    counter += 1
                    stack.removeLast()
                }
            }
        }
        layers = Array(repeating: [], count: layerCount)
        for v in 0..<vertexCount { layers[layer[v]].append(v) }
        for l in 0..<layerCount { layers[l].sort { post[$0] < post[$1] } }
        position = Array(repeating: 0, count: vertexCount)
        updatePositions()

        var best = layers
        var bestCrossings = totalCrossings()
        guard bestCrossings > 0 else { return }
        for iteration in 0..<12 {
            if iteration % 2 == 0 {
                for l in stride(from: 1, to: layerCount, by: 1) { sortByBarycenter(l, usePredecessors: true) }
            } else {
                for l in stride(from: layerCount - 2, through: 0, by: -1) { sortByBarycenter(l, usePredecessors: false) }
            }
            transposeSweep()
            let crossings = totalCrossings()
            if crossings < bestCrossings {
                bestCrossings = crossings
                best = layers
                if crossings == 0 { break }
            }
        }
        layers = best
        updatePositions()
    }

    private mutating func updatePositions() {
        for l in 0..<layers.count {
            for (i, v) in layers[l].enumerated() { position[v] = i }
        }
    }

    private mutating func sortByBarycenter(_ l: Int, usePredecessors: Bool) {
        let keyed: [(key: Double, position: Int, vertex: Int)] = layers[l].map { v in
            let segs = usePredecessors ? inSegments[v] : outSegments[v]
            guard !segs.isEmpty else { return (Double(position[v]), position[v], v) }
            var sum = 0.0
            for s in segs {
                sum += Double(position[usePredecessors ? segments[s].from : segments[s].to])
            }
            return (sum / Double(segs.count), position[v], v)
        }
        let sorted = keyed.sorted { $0.key != $1.key ? $0.key < $1.key : $0.position < $1.position }
        layers[l] = sorted.map(\.vertex)
        for (i, v) in layers[l].enumerated() { position[v] = i }
    }

    /// Swaps neighbours in a layer while that removes crossings (dot's transpose step).
    private mutating func transposeSweep() {
        for l in 0..<layerCount where layers[l].count > 1 {
            var improved = true
            var rounds = 0
            while improved && rounds < 4 {
                improved = false
                rounds += 1
                for i in 0..<(layers[l].count - 1) {
                    let a = layers[l][i], b = layers[l][i + 1]
                    let before = pairCrossings(a, b)
                    let after = pairCrossings(b, a)
                    if after < before {
                        layers[l][i] = b
                        layers[l][i + 1] = a
                        position[a] = i + 1
                        position[b] = i
                        improved = true
                    }
                }
            }
        }
    }

    /// Crossings between the arrows of `a` and those of `b` when `a` sits just above `b`.
    private func pairCrossings(_ a: Int, _ b: Int) -> Int {
        var count = 0
        for s in inSegments[a] {
            let pa = position[segments[s].from]
            for t in inSegments[b] where position[segments[t].from] < pa { count += 1 }
        }
        for s in outSegments[a] {
            let pa = position[segments[s].to]
            for t in outSegments[b] where position[segments[t].to] < pa { count += 1 }
        }
        return count
    }

    private func totalCrossings() -> Int {
        var total = 0
        for l in 0..<max(0, layerCount - 1) {
            var pairs: [(Int, Int)] = []
            for v in layers[l] {
                for s in outSegments[v] { pairs.append((position[v], position[segments[s].to])) }
            }
            pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            var targets = pairs.map(\.1)
            total += GraphMath.countInversions(&targets)
        }
        return total
    }

    // MARK: Ports and rows

    /// Incoming arrows enter a box on its inner rows from the top, in the order of their sources,
    /// so the first operand meets the title row; outgoing arrows leave it each on a row of its own,
    /// in the order of their targets: no two arrows share a segment, so a fork never reads as a
    /// junction and a crossing is only ever a crossing. Boxes grow when they have more arrows than rows.
    mutating func assignPorts() {
        inOffset = Array(repeating: 0, count: segments.count)
        outOffsetOf = Array(repeating: 0, count: segments.count)
        for v in 0..<layer.count where !isDummy[v] && connector[v] == nil {
            let ins = inSegments[v].sorted {
                let pa = position[segments[$0].from], pb = position[segments[$1].from]
                return pa != pb ? pa < pb : $0 < $1
            }
            // A box's ports start under its top border; a flat node's on its own row.
            let border = flat ? 0 : 1
            for (k, s) in ins.enumerated() { inOffset[s] = border + k }
            let outs = outSegments[v].sorted {
                let pa = position[segments[$0].to], pb = position[segments[$1].to]
                return pa != pb ? pa < pb : $0 < $1
            }
            for (k, s) in outs.enumerated() { outOffsetOf[s] = border + k }
            boxHeight[v] = max(boxHeight[v], ins.count + 2 * border, outs.count + 2 * border)
        }
    }

    /// The row (inside its source) where segment `s` leaves: a dummy's only row, or the box's port.
    func outOffset(segment s: Int) -> Int { isDummy[segments[s].from] ? 0 : outOffsetOf[s] }

    /// Rows by alternating sweeps: each layer is placed as close as its order allows to the rows
    /// its arrows come from (or go to), solved exactly per layer by pool-adjacent-violators.
    mutating func assignRows() {
        let vertexCount = layer.count
        y = Array(repeating: 0, count: vertexCount)
        for l in 0..<layerCount {
            var row = 0
            for v in layers[l] {
                y[v] = row
                row += boxHeight[v] + rowGap
            }
        }
        for _ in 0..<6 {
            for l in stride(from: 1, to: layerCount, by: 1) { placeLayer(l, towardPredecessors: true) }
            for l in stride(from: layerCount - 2, through: 0, by: -1) { placeLayer(l, towardPredecessors: false) }
        }
        for l in stride(from: 1, to: layerCount, by: 1) { placeLayer(l, towardPredecessors: true) }
        let top = y.min() ?? 0
        for v in 0..<vertexCount { y[v] -= top }
        totalHeight = (0..<vertexCount).map { y[$0] + boxHeight[$0] }.max() ?? 0
    }

    /// placeLayer's working arrays, kept from call to call and written by index: a layout places
    /// each layer 13 times, and a fold search makes dozens of layouts (allocating was most of
    /// deep193's first frame).
    private var targets: [Double] = [], weights: [Double] = [], offsets: [Int] = [], solved: [Double] = []
    private var pool = GraphMath.Pool()

    private mutating func placeLayer(_ l: Int, towardPredecessors: Bool) {
        let members = layers[l]
        let n = members.count
        guard n > 0 else { return }
        if targets.count < n {
            targets = Array(repeating: 0, count: n)
            weights = targets
            solved = targets
            offsets = Array(repeating: 0, count: n)
        }
        var offset = 0
        for (i, v) in members.enumerated() {
            var sum = 0.0, weight = 0.0
            if towardPredecessors {
                // Follow the arrows that carry a computation (from ops or long arrows) and let
                // operands that are mere sources bend in: the chain to the loss stays straight.
                let anyCarrying = inSegments[v].contains { carries($0) }
                for s in inSegments[v] where !anyCarrying || carries(s) {
                    let seg = segments[s]
                    sum += seg.weight * Double(y[seg.from] + outOffset(segment: s) - inOffset[s])
                    weight += seg.weight
                }
            } else {
                for s in outSegments[v] {
                    let seg = segments[s]
                    sum += seg.weight * Double(y[seg.to] + inOffset[s] - outOffset(segment: s))
                    weight += seg.weight
                }
            }
            if weight == 0 {
                sum = Double(y[v]) * 0.25
                weight = 0.25
            } else if !towardPredecessors && !isDummy[v] && inSegments[v].isEmpty {
                // A source follows its consumer; it must not pull the chain it feeds off its line.
                sum *= 0.1
                weight *= 0.1
            }
            offsets[i] = offset
            targets[i] = sum / weight - Double(offset)
            weights[i] = weight
            offset += boxHeight[v] + rowGap
        }
        pool.isotonic(n, targets, weights: weights, into: &solved)
        // Within the rows given: above row 0 and below the last, the layer stops at the edge
        // (clamping keeps the order, and is the best placement under those bounds).
        let slack = maxHeight.map { Double(max(0, $0 - offset + rowGap)) }
        for (i, v) in members.enumerated() {
            let row = slack.map { min(max(0, solved[i]), $0) } ?? solved[i]
            y[v] = GraphMath.roundedToInt(row) + offsets[i]
        }
    }

    /// Whether segment `s` carries a computation into its target: it comes from a dummy (a long
    /// arrow) or from a box that has inputs of its own (an op, not a mere source).
    private func carries(_ s: Int) -> Bool {
        isDummy[segments[s].from] || !inSegments[segments[s].from].isEmpty
    }

    // MARK: Columns and channels

    /// Columns from the layers' widths; between two columns, one vertical channel per group of
    /// arrows that must bend, ordered so that the fewest horizontals cross a vertical.
    mutating func assignColumns() {
        separateSwappedRows()
        columnWidth = (0..<layerCount).map { l in max(1, layers[l].map { boxWidth[$0] }.max() ?? 1) }
        columnX = Array(repeating: 0, count: layerCount)
        channelX = Array(repeating: -1, count: segments.count)
        var x = 0
        for l in 0..<layerCount {
            columnX[l] = x
            let right = x + columnWidth[l]
            let (channelOfSegment, channels) = l + 1 < layerCount ? channels(after: l) : ([], 0)
            for (s, channel) in channelOfSegment where channel >= 0 { channelX[s] = right + 1 + channel }
            // Compact: the arrowhead right after the last channel (`─┐` over `└▶`), no spare `─`.
            x = right + (compact ? max(compactGap, channels + 2) : dense ? max(3, channels + 2) : max(4, channels + 3))
        }
        totalWidth = columnX[layerCount - 1] + columnWidth[layerCount - 1]
    }

    /// Arrows that swap rows in a gap (one leaves on the row where another arrives, which leaves
    /// where a third arrives ... back to the first) cannot all turn in time; moving one target box
    /// a row down breaks the ring. Rare: only in crowded graphs whose rows happen to line up.
    mutating func separateSwappedRows() {
        for _ in 0..<32 {
            var moved = false
            for l in 0..<max(0, layerCount - 1) {
                guard let vertex = swappedTarget(after: l) else { continue }
                let members = layers[l + 1]
                guard let start = members.firstIndex(of: vertex) else { continue }
                y[vertex] += 1
                for i in (start + 1)..<members.count {
                    let above = members[i - 1], v = members[i]
                    y[v] = max(y[v], y[above] + boxHeight[above] + rowGap)
                }
                moved = true
            }
            if !moved { break }
        }
        totalHeight = (0..<layer.count).map { y[$0] + boxHeight[$0] }.max() ?? 0
    }

    /// In the gap after layer `l`, the target of an arrow on such a ring, if there is one.
    private func swappedTarget(after l: Int) -> Int? {
        // A row has at most one leaving segment and one arriving segment in a gap, so "must turn
        // before" points from each segment to at most one other: follow it to find a ring.
        var arriving: [Int: Int] = [:]
        var leaving: [Int] = []
        for v in layers[l] {
            for s in outSegments[v] {
                arriving[y[segments[s].to] + inOffset[s]] = s
                leaving.append(s)
            }
        }
        var next: [Int: Int] = [:]
        for s in leaving {
            if let t = arriving[y[segments[s].from] + outOffset(segment: s)], t != s { next[s] = t }
        }
        var state: [Int: Int] = [:]   // 1 on the current path, 2 finished
        for start in leaving where next[start] != nil && state[start] == nil {
            var path: [Int] = []
            var s = start
            while state[s] == nil, let t = next[s] {
                state[s] = 1
                path.append(s)
                s = t
                if state[s] == 1, let closing = next[path[path.count - 1]] {
                    return segments[closing].to
                }
            }
            for p in path { state[p] = 2 }
        }
        return nil
    }

    /// Each segment leaving layer `l` that must bend gets a channel (a column of the gap):
    /// segments whose rows overlap get different ones, ordered so the fewest horizontals cross a
    /// vertical; returns (segment, channel) and the count.
    private func channels(after l: Int) -> ([(Int, Int)], Int) {
        var nets: [Net] = []
        for v in layers[l] {
            for s in outSegments[v] {
                let exit = y[v] + outOffset(segment: s)
                let entry = y[segments[s].to] + inOffset[s]
                guard exit != entry else { continue }
                nets.append(Net(segment: s, exitRow: exit, entryRows: [entry], low: min(exit, entry), high: max(exit, entry),
                                goesDown: entry > exit))
            }
        }
        guard !nets.isEmpty else { return ([], 0) }
        // Preferred order: arrows going down from low rows first, then arrows going up from high rows.
        let preferred = nets.indices.sorted { a, b in
            let na = nets[a], nb = nets[b]
            if na.goesDown != nb.goesDown { return na.goesDown }
            if na.exitRow != nb.exitRow { return na.goesDown ? na.exitRow > nb.exitRow : na.exitRow < nb.exitRow }
            return a < b
        }
        // A segment leaving on row r must turn before one that enters on row r turns, or they overlap.
        var netEnteringAt: [Int: Int] = [:]
        for (n, net) in nets.enumerated() { for row in net.entryRows { netEnteringAt[row] = n } }
        var mustPrecede = Array(repeating: [Int](), count: nets.count)
        var blockers = Array(repeating: 0, count: nets.count)
        for (n, net) in nets.enumerated() {
            if let m = netEnteringAt[net.exitRow], m != n {
                mustPrecede[n].append(m)
                blockers[m] += 1
            }
        }
        var order: [Int] = []
        var done = Array(repeating: false, count: nets.count)
        while order.count < nets.count {
            // Lowest preferred rank among the unblocked; on a cycle, the lowest rank of all.
            var pick = -1
            for n in preferred where !done[n] && blockers[n] == 0 { pick = n; break }
            if pick < 0 { pick = preferred.first { !done[$0] } ?? 0 }
            done[pick] = true
            order.append(pick)
            for m in mustPrecede[pick] { blockers[m] -= 1 }
        }
        var channel = Array(repeating: -1, count: nets.count)
        var placed: [Int] = []
        var count = 0
        for n in order {
            // A channel after every channel an overlapping segment took, and after every one a
            // segment it must turn before took (its vertical would otherwise cut that one's row).
            var c = 0
            for m in placed where nets[m].low <= nets[n].high && nets[n].low <= nets[m].high {
                c = max(c, channel[m] + 1)
            }
            for m in placed where mustPrecede[m].contains(n) { c = max(c, channel[m] + 1) }
            channel[n] = c
            placed.append(n)
            count = max(count, c + 1)
        }
        return (nets.indices.map { (nets[$0].segment, channel[$0]) }, count)
    }

    // MARK: Results

    func placements() -> [GraphLayout.Placement] {
        guard nodeCount > 0, !columnX.isEmpty else { return [] }
        var result: [GraphLayout.Placement] = []
        for (i, node) in picture.nodes.enumerated() {
            guard let v = nodeOfPicture[i] else { continue }
            let rect = Rect(x: columnX[layer[v]], y: y[v], width: boxWidth[v], height: boxHeight[v])
            result.append(GraphLayout.Placement(id: node.id, rect: rect, layer: layer[v]))
        }
        return result
    }

    func routes() -> [GraphLayout.Route] {
        guard !columnX.isEmpty else { return [] }
        var result: [GraphLayout.Route] = []
        for chain in chains {
            guard let source = chain.vertices.first, let target = chain.vertices.last else { continue }
            let first = chain.segments.first ?? 0
            var points = [GraphPoint(x: columnX[layer[source]] + boxWidth[source], y: y[source] + (chain.segments.isEmpty ? 1 : outOffset(segment: first)))]
            var row = points[0].y
            for s in chain.segments {
                let next = y[segments[s].to] + inOffset[s]
                if next != row {
                    let x = channelX[s]
                    points.append(GraphPoint(x: x, y: row))
                    points.append(GraphPoint(x: x, y: next))
                    row = next
                }
            }
            points.append(GraphPoint(x: columnX[layer[target]] - 1, y: row))
            let arrow = picture.edges[chain.edge]
            result.append(GraphLayout.Route(edge: chain.edge, from: arrow.from, to: arrow.to, points: simplified(points)))
        }
        return result
    }

    private func simplified(_ points: [GraphPoint]) -> [GraphPoint] {
        var result: [GraphPoint] = []
        for p in points {
            if let last = result.last, last == p { continue }
            if result.count >= 2 {
                let a = result[result.count - 2], b = result[result.count - 1]
                if (a.x == b.x && b.x == p.x) || (a.y == b.y && b.y == p.y) {
                    result[result.count - 1] = p
                    continue
                }
            }
            result.append(p)
        }
        return result
    }
}

/// The numeric helpers of the layout: rounding, ordered least squares, counting crossings.
enum GraphMath {
    /// Nearest integer, halves away from zero (without libm, which the module does not link).
    static func roundedToInt(_ value: Double) -> Int {
        guard value.isFinite, abs(value) < 1e15 else { return 0 }
        let bound = 1 << 50
        return value >= 0 ? Int(clamping: value + 0.5, to: 0...bound) : -Int(clamping: -value + 0.5, to: 0...bound)
    }

    /// Weighted least squares under `z[i] <= z[i+1]` (pool adjacent violators), in linear time.
    static func isotonic(_ targets: [Double], weights: [Double]) -> [Double] {
        var pool = Pool(), result = Array(repeating: 0.0, count: targets.count)
        pool.isotonic(targets.count, targets, weights: weights, into: &result)
        return result
    }

    /// The blocks of pool-adjacent-violators, kept to be used again without allocating.
    struct Pool {
        private var mean: [Double] = [], weight: [Double] = [], count: [Int] = []

        /// `isotonic` of the first `n` targets and weights, written into `result`'s first `n`.
        mutating func isotonic(_ n: Int, _ targets: [Double], weights: [Double], into result: inout [Double]) {
            if mean.count < n {
                mean = Array(repeating: 0, count: n)
                weight = mean
                count = Array(repeating: 0, count: n)
            }
            var blocks = 0
            for i in 0..<n {
                var m = targets[i], w = max(weights[i], 1e-9), c = 1
                while blocks > 0, mean[blocks - 1] > m {
                    let lastWeight = weight[blocks - 1]
                    m = (mean[blocks - 1] * lastWeight + m * w) / (lastWeight + w)
                    w += lastWeight
                    c += count[blocks - 1]
                    blocks -= 1
                }
                (mean[blocks], weight[blocks], count[blocks]) = (m, w, c)
                blocks += 1
            }
            var i = 0
            for b in 0..<blocks {
                for _ in 0..<count[b] {
                    result[i] = mean[b]
                    i += 1
                }
            }
        }
    }

    /// Pairs out of order in `values` (merge sort; the array ends sorted).
    static func countInversions(_ values: inout [Int]) -> Int {
        guard values.count > 1 else { return 0 }
        var buffer = values
        var count = 0
        var width = 1
        while width < values.count {
            var start = 0
            while start < values.count {
                let mid = min(start + width, values.count), end = min(start + 2 * width, values.count)
                var i = start, j = mid, k = start
                while i < mid && j < end {
                    if values[j] < values[i] {
                        buffer[k] = values[j]
                        count += mid - i
                        j += 1
                    } else {
                        buffer[k] = values[i]
                        i += 1
                    }
                    k += 1
                }
                while i < mid { buffer[k] = values[i]; i += 1; k += 1 }
                while j < end { buffer[k] = values[j]; j += 1; k += 1 }
                start += 2 * width
            }
            swap(&values, &buffer)
            width *= 2
        }
        return count
    }
}

/// A binary min-heap of vertex indices (Kahn's algorithm takes the smallest ready index).
private struct MinHeap {
    private var items: [Int] = []

    mutating func push(_ value: Int) {
        items.append(value)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard items[parent] > items[i] else { break }
            items.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> Int? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var smallest = i
                if l < items.count && items[l] < items[smallest] { smallest = l }
                if r < items.count && items[r] < items[smallest] { smallest = r }
                if smallest == i { break }
                items.swapAt(i, smallest)
                i = smallest
            }
        }
        return first
    }
}
