import Scenario
import TextCanvas

/// Where each panel goes: one function that the view draws by and that `update` reads to pan the
/// graph and to find the node under a click, so the two cannot disagree.
extension AppState {
    /// Header, body, caption and footer rows of the whole screen.
    var screenAreas: (header: Rect, body: Rect, caption: Rect, footer: Rect) {
        let (header, rest) = Rect(x: 0, y: 0, width: width, height: height).takeTop(1)
        let (middle, footer) = rest.takeBottom(1)
        let (body, caption) = middle.takeBottom(CaptionPanel.height(self, width: width))
        return (header, body, caption, footer)
    }

    /// The body split into the graph's box (which the neuron view and the heat maps take over
    /// whole), the side pane (code or transcript), the landscape's pane and the bottom row of
    /// inspector and plot.
    func bodyAreas(_ rect: Rect) -> (graph: Rect, side: Rect?, pane: Rect?, bottom: Rect, large: Bool) {
        let large = rect.width >= 100 && rect.height >= 26
        let graphHeight = large ? rect.height * 11 / 20 : max(rect.height - 7, rect.height * 3 / 5)
        var (graph, bottom) = rect.takeTop(graphHeight)
        var side: Rect?, pane: Rect?
        // The side pane takes the graph's right part; small terminals drop it first.
        if sidePane != nil, graph.width >= 90 {
            (graph, side) = graph.takeRight(min(graph.width * 2 / 5, 70))
        }
        switch view {
        case .graph, .neurons, .heatValues, .heatGrads: break
        case .landscape: (graph, pane) = graph.takeRight(min(graph.width / 2, 64))
        }
        return (graph, side, pane, bottom, large)
    }

    /// The body's areas when the screen is big enough for them (else it asks to be enlarged).
    var visibleBodyAreas: (graph: Rect, side: Rect?, pane: Rect?, bottom: Rect, large: Bool)? {
        guard width >= AppState.minimumWidth, height >= AppState.minimumHeight else { return nil }
        return bodyAreas(screenAreas.body)
    }

    /// The cells inside the graph's box, when it is tall enough for boxes (else the compact row).
    var graphViewRect: Rect? {
        guard view == .graph || view == .landscape, let graph = visibleBodyAreas?.graph, graph.height >= 9 else { return nil }
        return graph.inset(by: 1)
    }

    func layoutKey(_ rect: Rect) -> LayoutCache.Key {
        LayoutCache.Key(width: rect.width, height: rect.height, zoom: camera.zoom)
    }

    /// The layout for a view of this size: depends on the model's shape, the size and the zoom,
    /// never on the cursor, and is kept (by `prepareFrame`) so boxes do not jump as numbers change.
    func graphLayout(for rect: Rect) -> GraphLayout {
        if let cached = shown.layouts.layouts[layoutKey(rect)] { return cached }
        return GraphFit.layout(of: layoutTemplate, width: rect.width, height: rect.height, zoom: camera.zoom)
    }

    /// The picture with every line as long as it may ever get: a tensor's line takes all the
    /// width a box allows (it shows more entries in wider boxes), a number at most 12 columns.
    var layoutTemplate: GraphPicture {
        let record = timeline.firstStep
        let names = NodeNames(record)
        let last = TimelineEvent(epoch: 0, batch: 0, step: 0, phase: .backward, node: -1, indexInStep: timeline.template.count)
        var picture = GraphPictureBuilder.picture(record: record, event: last, template: timeline.template, names: names)
        for i in picture.nodes.indices {
            let scalar = record.nodes[picture.nodes[i].id].shape.count == 1
            picture.nodes[i].lines = picture.nodes[i].lines.map { _ in String(repeating: "0", count: scalar ? 12 : GraphFit.widestBox) }
        }
        return picture
    }

    /// A panel over the current layout, for geometry only (no picture): scrolling and clicks.
    var graphGeometry: (panel: GraphPanel, rect: Rect)? {
        guard let rect = graphViewRect else { return nil }
        return (GraphPanel(picture: GraphPicture(), layout: graphLayout(for: rect), focus: event.node, scroll: camera.scroll), rect)
    }
}

/// The graph layouts once computed, per view size and zoom.
struct LayoutCache {
    struct Key: Hashable {
        var width: Int
        var height: Int
        var zoom: GraphFit.Zoom
    }

    private(set) var layouts: [Key: GraphLayout] = [:]

    mutating func store(_ layout: GraphLayout, for key: Key) {
        guard layouts[key] == nil else { return }
        // A resized terminal makes new sizes; old ones are rarely needed again.
        if layouts.count > 16 { layouts.removeAll() }
        layouts[key] = layout
    }
}
