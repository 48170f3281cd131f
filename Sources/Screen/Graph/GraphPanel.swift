import TextCanvas

/// Draws a laid-out computation graph into a rectangle, scrolled so that the focused node shows.
public struct GraphPanel: Sendable, Equatable, Panel {
    public var glyphs: Glyphs = .unicode
    /// Which part of the layout a rectangle shows, and where: computed by `viewport(in:)`.
    public struct Viewport: Sendable, Equatable {
        /// Cells of the rectangle that show the graph (the rest is the hint row, if any).
        public var area: Rect
        /// Canvas position of the layout's (0, 0); negative when scrolled past it.
        public var originX: Int
        public var originY: Int
        /// Sides where part of the graph is cut off.
        public var clippedLeft: Bool
        public var clippedRight: Bool
        public var clippedTop: Bool
        public var clippedBottom: Bool

        public var isClipped: Bool { clippedLeft || clippedRight || clippedTop || clippedBottom }
    }

    public var picture: GraphPicture
    public var layout: GraphLayout
    /// The node kept in view (centred when the graph does not fit); nil shows the graph's start.
    public var focus: Int?
    /// The layout cell shown at the view's top-left when the graph does not fit (a camera kept by
    /// the app, see `following`); nil scrolls to the focus by itself.
    public var scroll: GraphPoint?

    /// Lays the picture out unless a layout of it is given (layouts are worth keeping between frames).
    public init(picture: GraphPicture, layout: GraphLayout? = nil, focus: Int? = nil, scroll: GraphPoint? = nil) {
        self.picture = picture
        self.layout = layout ?? GraphLayout(picture)
        self.focus = focus
        self.scroll = scroll
    }

    /// Where the graph goes inside `rect`: centred when it fits, else scrolled to the focus,
    /// with the bottom row kept for "◀ more / more ▶" hints.
    public func viewport(in rect: Rect) -> Viewport {
        var viewWidth = rect.width, viewHeight = rect.height
        let clipped = layout.width > viewWidth || layout.height > viewHeight
        if clipped && rect.height >= 3 { viewHeight -= 1 }
        viewWidth = max(0, viewWidth)
        viewHeight = max(0, viewHeight)
        if let scroll {
            // A column start may scroll past the graph's end (blank at the right) so that the left
            // edge shows no half box; any other offset stops at the end.
            let end = layout.width - viewWidth
            let offsetX = layout.width <= viewWidth ? 0
                : scroll.x > end && layout.columnStarts.contains(scroll.x) ? scroll.x : min(max(0, scroll.x), end)
            let offsetY = layout.height <= viewHeight ? 0 : min(max(0, scroll.y), layout.height - viewHeight)
            let originX = layout.width <= viewWidth ? rect.x + (viewWidth - layout.width) / 2 : rect.x - offsetX
            let originY = layout.height <= viewHeight ? rect.y + (viewHeight - layout.height) / 2 : rect.y - offsetY
            return Viewport(area: Rect(x: rect.x, y: rect.y, width: viewWidth, height: viewHeight),
                            originX: originX, originY: originY,
                            clippedLeft: offsetX > 0, clippedRight: offsetX + viewWidth < layout.width,
                            clippedTop: offsetY > 0, clippedBottom: offsetY + viewHeight < layout.height)
        }
        let focusRect = focus.flatMap { layout.placement(of: $0)?.rect }
        let (originX, offsetX) = Self.place(content: layout.width, view: viewWidth, start: rect.x,
                                            focusStart: focusRect?.x, focusLength: focusRect?.width,
                                            snaps: layout.columnStarts)
        let (originY, offsetY) = Self.place(content: layout.height, view: viewHeight, start: rect.y,
                                            focusStart: focusRect?.y, focusLength: focusRect?.height, snaps: [])
        return Viewport(area: Rect(x: rect.x, y: rect.y, width: viewWidth, height: viewHeight),
                        originX: originX, originY: originY,
                        clippedLeft: offsetX > 0, clippedRight: offsetX + viewWidth < layout.width,
                        clippedTop: offsetY > 0, clippedBottom: offsetY + viewHeight < layout.height)
    }

    /// The scroll that keeps `focus` in view starting from `current`: unchanged while the focus
    /// box shows whole, so stepping does not shake the view. When it would leave, the view jumps to
    /// where the focus and the longest run of the `upcoming` nodes (the next events' nodes, in
    /// order) show whole, so the next steps need no move; the nearest such place wins a tie.
    public func following(_ focus: Int?, upcoming: [Int] = [], from current: GraphPoint, in rect: Rect) -> GraphPoint {
        let view = GraphPanel(picture: picture, layout: layout, scroll: current).viewport(in: rect)
        let shown = GraphPoint(x: view.area.x - view.originX, y: view.area.y - view.originY)
        guard let focusRect = focus.flatMap({ layout.placement(of: $0)?.rect }) else { return shown }
        let width = view.area.width, height = view.area.height
        func visible(_ box: Rect, _ at: GraphPoint) -> Bool {
            (layout.width <= width || (box.x >= at.x && box.maxX <= at.x + width))
                && (layout.height <= height || (box.y >= at.y && box.maxY <= at.y + height))
        }
        if visible(focusRect, shown) { return shown }
        // Candidate left edges: column starts (no half boxes at the left); top edges: every row.
        let xs = layout.width <= width ? [0]
            : Array(Set(layout.columnStarts)).sorted()
        let ys = layout.height <= height ? [0] : Array(0...(layout.height - height))
        let boxes = upcoming.compactMap { layout.placement(of: $0)?.rect }
        var best = GraphPoint(x: min(max(0, focusRect.x), max(0, layout.width - width)),
                              y: min(max(0, focusRect.y - 1), max(0, layout.height - height)))
        var bestScore = (run: -1, shown: -1, distance: Int.max)
        for x in xs {
            for y in ys {
                let at = GraphPoint(x: x, y: y)
                guard visible(focusRect, at) else { continue }
                var run = 0
                for box in boxes {
                    guard visible(box, at) else { break }
                    run += 1
                }
                // Then the most of the graph, then the smallest move.
                let whole = layout.boxes.reduce(0) { $0 + (visible($1.rect, at) ? 1 : 0) }
                let distance = abs(x - shown.x) + abs(y - shown.y)
                if (run, whole, -distance) > (bestScore.run, bestScore.shown, -bestScore.distance) {
                    bestScore = (run, whole, distance)
                    best = at
                }
            }
        }
        return best
    }

    /// The id of the node whose box covers canvas cell (x, y) when drawn into `rect`.
    public func node(atX x: Int, y: Int, in rect: Rect) -> Int? {
        let view = viewport(in: rect)
        guard view.area.contains(x: x, y: y) else { return nil }
        let at = GraphPoint(x: x - view.originX, y: y - view.originY)
        if let box = layout.boxes.first(where: { $0.rect.contains(x: at.x, y: at.y) }) { return box.id }
        // A folded arrow's connector stands for the node it names.
        return layout.connectors.first { $0.at.y == at.y && at.x >= $0.at.x && at.x < $0.at.x + displayWidth(of: $0.text) }?.node
    }

    /// One axis: (canvas position of layout 0, scroll offset). Scrolled views start at a column
    /// of boxes when one keeps the focus in view, so the left edge shows no half boxes.
    private static func place(content: Int, view: Int, start: Int, focusStart: Int?, focusLength: Int?,
                              snaps: [Int]) -> (Int, Int) {
        if content <= view { return (start + (view - content) / 2, 0) }
        var offset = 0
        if let focusStart, let focusLength {
            offset = focusLength <= view ? focusStart + focusLength / 2 - view / 2 : focusStart
            offset = min(max(0, offset), content - view)
            if focusLength <= view {
                var best: Int?
                for snap in snaps where snap <= focusStart && snap + view >= focusStart + focusLength {
                    if best.map({ abs(snap - offset) < abs($0 - offset) }) ?? true { best = snap }
                }
                if let best { offset = best }
            }
        }
        offset = max(0, offset)
        return (start - offset, offset)
    }

    /// Clears `rect` and draws boxes, arrows and scroll hints in it; nothing outside `rect` changes.
    public func render(into canvas: inout Canvas, rect: Rect) {
        let bounds = rect.intersection(canvas.bounds)
        guard !bounds.isEmpty else { return }
        canvas.fill(bounds, with: " ")
        if let big = layout.tooBig {
            // Said, not laid out: the other views and the inspector still work.
            let words = ("this graph has \(big.nodes) nodes, and its arrows skip \(big.bends) layers: too many to draw here. "
                         + "v shows the other views; backprop export --to dot draws it with Graphviz").split(separator: " ").map(String.init)
            for (i, line) in wrap(words, width: max(1, bounds.width - 2), lines: bounds.height).enumerated() {
                canvas.write(line, x: bounds.x, y: bounds.y + i, style: .dim, clip: bounds)
            }
            return
        }
        let view = viewport(in: rect)
        let clip = view.area.intersection(bounds)
        if !clip.isEmpty {
            drawEdges(into: &canvas, view: view, clip: clip, glyphs: glyphs)
            drawBoxes(into: &canvas, view: view, clip: clip, glyphs: glyphs)
        }
        // Below three rows a hint would hide the little there is to see.
        if view.isClipped && rect.height >= 3 { drawHints(into: &canvas, rect: rect, view: view, clip: bounds, glyphs: glyphs) }
    }

    // MARK: Edges

    private struct Direction {
        static let left: UInt8 = 1, right: UInt8 = 2, up: UInt8 = 4, down: UInt8 = 8
    }

    private func drawEdges(into canvas: inout Canvas, view: GraphPanel.Viewport, clip: Rect, glyphs: Glyphs) {
        // Directions and the most important style per visible cell, so crossings and forks
        // join into one glyph and the active arrow wins where arrows share cells.
        let width = clip.width, height = clip.height
        var mask = Array(repeating: UInt8(0), count: width * height)
        var styleAt = Array(repeating: Style.dim, count: width * height)
        var rankAt = Array(repeating: -1, count: width * height)
        func mark(_ x: Int, _ y: Int, _ bits: UInt8, _ style: Style) {
            let cx = x + view.originX - clip.x, cy = y + view.originY - clip.y
            guard cx >= 0, cx < width, cy >= 0, cy < height else { return }
            let i = cy * width + cx
            mask[i] |= bits
            let rank = Self.rank(style)
            if rank > rankAt[i] {
                rankAt[i] = rank
                styleAt[i] = style
            }
        }
        // Layout coordinates of the visible window, to skip invisible cells of long segments.
        let lowX = clip.x - view.originX, highX = clip.maxX - 1 - view.originX
        let lowY = clip.y - view.originY, highY = clip.maxY - 1 - view.originY
        var heads: [(GraphPoint, Style)] = []
        for route in layout.routes {
            guard let first = route.points.first, let last = route.points.last else { continue }
            let style = style(of: route)
            mark(first.x, first.y, Direction.left, style)
            for (a, b) in zip(route.points, route.points.dropFirst()) {
                if a.y == b.y {
                    guard a.y >= lowY, a.y <= highY else { continue }
                    let from = min(a.x, b.x), to = max(a.x, b.x)
                    let start = max(from, lowX), end = min(to, highX)
                    guard start <= end else { continue }
                    for x in start...end {
                        var bits: UInt8 = 0
                        if x > from { bits |= Direction.left }
                        if x < to { bits |= Direction.right }
                        mark(x, a.y, bits, style)
                    }
                } else {
                    guard a.x >= lowX, a.x <= highX else { continue }
                    let from = min(a.y, b.y), to = max(a.y, b.y)
                    let start = max(from, lowY), end = min(to, highY)
                    guard start <= end else { continue }
                    for y in start...end {
                        var bits: UInt8 = 0
                        if y > from { bits |= Direction.up }
                        if y < to { bits |= Direction.down }
                        mark(a.x, y, bits, style)
                    }
                }
            }
            heads.append((last, style))
        }
        for cy in 0..<height {
            for cx in 0..<width where mask[cy * width + cx] != 0 {
                let i = cy * width + cx
                canvas.put(Self.glyph(for: mask[i], glyphs), x: clip.x + cx, y: clip.y + cy, style: styleAt[i], clip: clip)
            }
        }
        for (point, style) in heads {
            canvas.put(glyphs.arrowRight, x: point.x + view.originX, y: point.y + view.originY, style: style, clip: clip)
        }
    }

    /// An arrow's style; one that carries several arrows to an off-page connector takes the strongest.
    private func style(of route: GraphLayout.Route) -> Style {
        ([route.edge] + route.alsoCarries).reduce(nil as Style?) { best, edge in
            let style = edge < picture.edges.count ? picture.edges[edge].style : .edge
            return best.map { Self.rank($0) >= Self.rank(style) ? $0 : style } ?? style
        } ?? .edge
    }

    private static func glyph(for bits: UInt8, _ g: Glyphs) -> Character {
        let l = bits & Direction.left != 0, r = bits & Direction.right != 0
        let u = bits & Direction.up != 0, d = bits & Direction.down != 0
        switch (l, r, u, d) {
        case (true, true, true, true): return g.cross
        case (true, true, true, false): return g.teeUp
        case (true, true, false, true): return g.teeDown
        case (true, false, true, true): return g.teeLeft
        case (false, true, true, true): return g.teeRight
        case (false, true, false, true): return g.topLeft
        case (true, false, false, true): return g.topRight
        case (false, true, true, false): return g.bottomLeft
        case (true, false, true, false): return g.bottomRight
        case (false, false, _, _): return g.vertical
        default: return g.horizontal
        }
    }

    /// Which style shows where arrows share a cell: the active one first, dim ones last.
    private static func rank(_ style: Style) -> Int {
        switch style {
        case .active: return 10
        case .bad: return 9
        case .gradient: return 8
        case .update: return 7
        case .accent: return 6
        case .strong, .value: return 5
        case .edge: return 4
        case .normal: return 3
        case .border: return 2
        case .dim: return 1
        default: return 3
        }
    }

    // MARK: Boxes

    private func drawBoxes(into canvas: inout Canvas, view: Viewport, clip: Rect, glyphs: Glyphs) {
        let ellipsis: Character = glyphs.horizontal.isASCII ? "~" : "…"
        // A layout kept from an earlier frame still fits a picture whose texts and styles changed.
        var nodeOfId: [Int: Int] = [:]
        for (i, node) in picture.nodes.enumerated() where nodeOfId[node.id] == nil { nodeOfId[node.id] = i }
        for placement in layout.boxes {
            guard let index = nodeOfId[placement.id] else { continue }
            let node = picture.nodes[index]
            let box = Rect(x: placement.rect.x + view.originX, y: placement.rect.y + view.originY,
                           width: placement.rect.width, height: placement.rect.height)
            guard !box.intersection(clip).isEmpty else { continue }
            let border: Style = node.style == .normal ? .border : node.style
            let title: Style = node.style == .normal ? .strong : node.style
            let body: Style = node.style == .normal ? .value : node.style
            if layout.flat {
                drawFlat(node, box: box, into: &canvas, clip: clip, border: border, title: title, body: body, ascii: !glyphs.usesBraille)
                continue
            }
            canvas.fill(box.inset(by: 1).intersection(clip), with: " ", style: body)
            canvas.drawBox(box, glyphs: glyphs, style: border, clip: clip)
            let pad = layout.compact ? 1 : 2
            let inner = Rect(x: box.x + pad, y: box.y + 1, width: box.width - 2 * pad, height: box.height - 2).intersection(clip)
            let titleText = GraphText.fit(node.title(fitting: box.width - 2 * pad, compact: layout.compact, ascii: !glyphs.usesBraille),
                                          width: box.width - 2 * pad,
                                          ellipsis: ellipsis)
            if layout.dense {
                // In the top border, a space either side, as the panels' own titles sit in theirs.
                let row = Rect(x: box.x + 1, y: box.y, width: box.width - 2, height: 1).intersection(clip)
                canvas.write(" \(titleText) ", x: box.x + 1, y: box.y, style: title, clip: row)
            } else {
                canvas.write(titleText, x: box.x + pad, y: box.y + 1, style: title, clip: inner)
            }
            for (i, line) in node.lines.enumerated() where !layout.compact {
                // Under --ascii in its one-cell forms, as measured (`...` for … would cut the line's end).
                canvas.write(GraphText.fit(glyphs.usesBraille ? line : AsciiFold.cells(line), width: box.width - 4, ellipsis: ellipsis),
                             x: box.x + 2, y: box.y + 1 + layout.titleRows + i, style: body, clip: inner)
            }
        }
        // Where arrows leave a box, its right border becomes a tee in the arrow's style (a flat node keeps its bracket).
        for route in layout.routes where !route.fromConnector && !layout.flat {
            guard let first = route.points.first else { continue }
            let x = first.x - 1 + view.originX, y = first.y + view.originY
            guard clip.contains(x: x, y: y) else { continue }
            let cell = canvas[x + 1, y]
            let style = clip.contains(x: x + 1, y: y) ? cell.style
                : (route.edge < picture.edges.count ? picture.edges[route.edge].style : .edge)
            canvas.put(glyphs.teeRight, x: x, y: y, style: style, clip: clip)
        }
        drawConnectors(into: &canvas, view: view, clip: clip)
    }

    /// A flat node: its title (and value, where the layout has columns for it) between brackets on
    /// its first row, the brackets alone on the rows its further arrows take.
    private func drawFlat(_ node: GraphBox, box: Rect, into canvas: inout Canvas, clip: Rect, border: Style, title: Style, body: Style,
                          ascii: Bool) {
        for row in box.y..<box.maxY {
            canvas.fill(Rect(x: box.x + 1, y: row, width: max(0, box.width - 2), height: 1).intersection(clip), with: " ", style: body)
            canvas.put("[", x: box.x, y: row, style: border, clip: clip)
            canvas.put("]", x: box.maxX - 1, y: row, style: border, clip: clip)
        }
        let inner = Rect(x: box.x + 1, y: box.y, width: max(0, box.width - 2), height: 1).intersection(clip)
        let valuePart = layout.valueWidth > 0 ? layout.valueWidth + 1 : 0
        let room = max(1, box.width - 2 - valuePart)
        let x = canvas.write(GraphText.fit(node.flatTitle(fitting: room, ascii: ascii), width: room), x: box.x + 1, y: box.y, style: title, clip: inner)
        if layout.valueWidth > 0, let line = node.flatLine ?? node.lines.first {
            // Under --ascii in its one-cell forms (… as ~): `...` would push the closing `]` out.
            let text = ascii ? AsciiFold.cells(line) : line
            canvas.write(" " + GraphText.fit(text, width: layout.valueWidth, ellipsis: ascii ? "~" : "…"), x: x, y: box.y, style: body, clip: inner)
        }
    }

    /// A folded layout's off-page connectors: the name of the node an arrow comes from, dim, or in
    /// the arrow's style while it is lit (the active arrow, a gradient passing).
    private func drawConnectors(into canvas: inout Canvas, view: Viewport, clip: Rect) {
        for connector in layout.connectors {
            let lit = connector.edges.map { $0 < picture.edges.count ? picture.edges[$0].style : .edge }
                .max { Self.rank($0) < Self.rank($1) } ?? .dim
            let style = Self.rank(lit) > Self.rank(.edge) ? lit : .dim
            canvas.write(connector.text, x: connector.at.x + view.originX, y: connector.at.y + view.originY, style: style, clip: clip)
        }
    }

    // MARK: Hints

    private func drawHints(into canvas: inout Canvas, rect: Rect, view: Viewport, clip: Rect, glyphs: Glyphs) {
        let row = rect.maxY - 1
        let line = Rect(x: rect.x, y: row, width: rect.width, height: 1).intersection(clip)
        guard !line.isEmpty else { return }
        let left = view.clippedLeft ? "\(glyphs.arrowLeft) more" : ""
        let right = view.clippedRight ? "more \(glyphs.arrowRight)" : ""
        var middle = ""
        if view.clippedTop { middle += "\(glyphs.arrowUp)" }
        if view.clippedBottom { middle += "\(glyphs.arrowDown)" }
        if !middle.isEmpty { middle += " more" }
        let leftWidth = displayWidth(of: left), rightWidth = displayWidth(of: right), middleWidth = displayWidth(of: middle)
        if !left.isEmpty && leftWidth <= rect.width {
            canvas.write(left, x: rect.x, y: row, style: .dim, clip: line)
        }
        let rightFits = left.isEmpty ? rightWidth <= rect.width : leftWidth + 1 + rightWidth <= rect.width
        if !right.isEmpty && rightFits {
            canvas.write(right, x: rect.maxX - rightWidth, y: row, style: .dim, clip: line)
        }
        let middleX = rect.x + (rect.width - middleWidth) / 2
        if !middle.isEmpty && middleX >= rect.x + leftWidth + 1 && middleX + middleWidth + 1 <= rect.maxX - rightWidth {
            canvas.write(middle, x: middleX, y: row, style: .dim, clip: line)
        }
    }
}
