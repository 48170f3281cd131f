import Scenario
import TextCanvas

/// Where each panel goes: one function that the view draws by and that `update` reads to pan the
/// graph and to find the node under a click, so the two cannot disagree.
extension AppState {
    /// Header, body, caption and footer rows of the whole screen.
    var screenAreas: (header: Rect, body: Rect, caption: Rect, footer: Rect) {
        let (header, rest) = Rect(x: 0, y: 0, width: width, height: height).takeTop(1)
        let (middle, footer) = rest.takeBottom(1)
        let (body, caption) = middle.takeBottom(captionHeight)
        return (header, body, caption, footer)
    }

    /// Narrower than this, the loss plot gives way to the inspector (and a line says so).
    public static let plotMinimumWidth = 70
    /// Narrower than this, the code or transcript pane takes the graph's place instead of its right part.
    public static let sidePaneBesideGraphWidth = 90

    /// The body split into its panels. Three layouts: large (100×26 and up) and medium (70 columns
    /// and up, 80×24 included) have graph, inspector and plot; narrow ones give the plot's place to
    /// the inspector and keep a line with the epoch's loss that says where the plot went. The
    /// neuron view and the heat maps take the graph's box over whole; the landscape takes its right part.
    func bodyAreas(_ rect: Rect) -> BodyAreas {
        let (graphHeight, large, medium) = Self.graphHeight(rect)
        guard large || medium, camera.zoom == .overview, screenViews[viewIndex].placement.showsGraph else {
            return bodyAreas(rect, graphHeight: graphHeight, large: large)
        }
        return bodyAreas(rect, graphHeight: overviewGraphHeight(rect, normal: graphHeight, large: large), large: large)
    }

    /// The graph's rows in a body (when it is not zoomed out), and whether the layout is large or medium.
    static func graphHeight(_ rect: Rect) -> (rows: Int, large: Bool, medium: Bool) {
        let large = rect.width >= 100 && rect.height >= 26
        let medium = !large && rect.width >= AppState.plotMinimumWidth
        let rows = large ? rect.height * 11 / 20
            : medium ? max(rect.height - max(10, rect.height * 9 / 20), min(9, rect.height / 2))
            : rect.height - 9 >= 9 ? rect.height - 9 : min(5, rect.height / 2)  // boxes, or the compact row
        return (rows, large, medium)
    }

    /// Rows the inspector and the plot keep while the graph is zoomed out (`f`): their titles and five rows.
    public static let rowsBelowZoomedOutGraph = 7

    /// Zoomed out, the graph takes the rows it needs to show whole (from the inspector and the
    /// plot, which keep `rowsBelowZoomedOutGraph`; they are back with `f`), as few as it can:
    /// the least height from `normal` up at which the zoomed-out layout fits (with values, for a
    /// graph of scalars; with boxes, before one-row nodes), else the most.
    func overviewGraphHeight(_ rect: Rect, normal: Int, large: Bool) -> Int {
        overviewGraphFit(rect, normal: normal, large: large).rows
    }

    /// `overviewGraphHeight`, with the layout made for the rows chosen (nil: known already, or not zoomed out).
    private func overviewGraphFit(_ rect: Rect, normal: Int, large: Bool) -> (rows: Int, layout: GraphLayout?) {
        let most = max(normal, rect.height - AppState.rowsBelowZoomedOutGraph)
        guard most > normal else { return (normal, nil) }
        // The graph's width does not depend on its height: the panes beside it take columns.
        let width = bodyAreas(rect, graphHeight: normal, large: large).graph.width
        if let known = shown.layouts.overviewHeights[overviewKey(graphWidth: width, bodyHeight: rect.height)] { return (known, nil) }
        var made: [Int: GraphLayout] = [:]
        func fitting(_ height: Int) -> GraphLayout? {
            let inner = Rect(x: 0, y: 0, width: width, height: height).inset(by: 1)
            let layout = made[height] ?? graphLayout(for: inner)
            made[height] = layout
            return layout.width <= inner.width && layout.height <= inner.height ? layout : nil
        }
        // A graph of numbers takes the rows its one-row nodes need to show their values too; a
        // graph of tensors the rows its boxes need to show whole with their numbers, where some
        // height does (xor and collapse at 120×40), as few as do.
        let showingValues = { (height: Int) in fitting(height)?.showsValues ?? false }
        if !model.layoutTemplate.holdsTensors || showingValues(most),
           let rows = (normal...most).first(where: showingValues) {
            return (rows, made[rows])
        }
        // Boxes where the rows there are let them show whole, every node by its name (l1-l2 at 120×40);
        // else one-row nodes (a box too small for `+ y_pred` says `+`; a one-row node says `y_pred`).
        let template = model.layoutTemplate
        func boxesNameEveryNode(_ layout: GraphLayout) -> Bool {
            !layout.flat && template.nodes.allSatisfy { node in
                guard let box = layout.placement(of: node.id) else { return true }
                return node.title(fitting: box.rect.width - (layout.compact ? 2 : 4), compact: layout.compact).contains(node.name)
            }
        }
        let rows = (normal...most).first { fitting($0).map(boxesNameEveryNode) ?? false }
            ?? (normal...most).first { fitting($0) != nil } ?? most
        return (rows, made[rows])
    }

    private func overviewKey(graphWidth: Int, bodyHeight: Int) -> LayoutCache.Key {
        LayoutCache.Key(width: graphWidth, height: bodyHeight, zoom: .overview)
    }

    /// `overviewGraphHeight` worked out once per size (each height tried is a layout), and the
    /// layout for the rows chosen kept as `storeGraphLayout` would keep it.
    mutating func storeOverviewGraphHeight() {
        guard camera.zoom == .overview, screenViews[viewIndex].placement.showsGraph,
              width >= AppState.minimumWidth, height >= AppState.minimumHeight else { return }
        let rect = screenAreas.body
        let (graphHeight, large, medium) = Self.graphHeight(rect)
        guard large || medium else { return }
        let width = bodyAreas(rect, graphHeight: graphHeight, large: large).graph.width
        let key = overviewKey(graphWidth: width, bodyHeight: rect.height)
        guard shown.layouts.overviewHeights[key] == nil else { return }
        let (rows, layout) = overviewGraphFit(rect, normal: graphHeight, large: large)
        shown.layouts.overviewHeights[key] = rows
        if let layout {
            let inner = Rect(x: 0, y: 0, width: width, height: rows).inset(by: 1)
            shown.layouts.store(layout, for: layoutKey(inner))
        }
    }

    /// The body's panels with the graph `graphHeight` rows tall.
    func bodyAreas(_ rect: Rect, graphHeight: Int, large: Bool) -> BodyAreas {
        var (graph, bottom) = rect.takeTop(graphHeight)
        var areas = BodyAreas(graph: graph, inspector: bottom)
        // The side pane takes the graph's right part, or on narrow screens the graph's place.
        if sidePane != nil {
            if graph.width >= AppState.sidePaneBesideGraphWidth {
                (graph, areas.side) = graph.takeRight(min(graph.width * 2 / 5, 70))
            } else {
                areas.side = graph
                graph = Rect(x: graph.x, y: graph.y, width: 0, height: 0)
            }
        }
        if case .besideGraph(let maxWidth) = screenViews[viewIndex].placement {
            (graph, areas.pane) = graph.takeRight(min(graph.width / 2, maxWidth))
        }
        areas.graph = graph
        let watchRows = run.scenario.watch.isEmpty ? 0 : run.scenario.watch.count + 2
        if large || rect.width >= AppState.plotMinimumWidth {  // large or medium
            // The inspector's sentences need the width more than the plot's line does.
            var (left, right) = large ? bottom.takeLeft(bottom.width * 11 / 20) : bottom.takeLeft(bottom.width - max(30, bottom.width * 2 / 5))
            areas.inspector = left
            // The watch above the plot, cut to what leaves the plot six rows (its title says so).
            let watchFits = min(watchRows, right.height - 6)
            if watchRows > 0 && watchFits >= 3 {
                (areas.watch, right) = right.takeTop(watchFits)
            }
            areas.plot = right
        } else {
            (bottom, areas.plotNote) = bottom.takeBottom(1)
            if watchRows > 0 && bottom.height > watchRows + 6 {
                (bottom, areas.watch) = bottom.takeBottom(watchRows)
            }
            areas.inspector = bottom
        }
        return areas
    }

    /// Whether the loss plot is on screen now (a key about it says so when it is not).
    var plotShown: Bool {
        visibleBodyAreas?.plot.map { !$0.isEmpty } ?? false
    }

    /// The body's areas when the screen is big enough for them (else it asks to be enlarged).
    var visibleBodyAreas: BodyAreas? {
        guard width >= AppState.minimumWidth, height >= AppState.minimumHeight else { return nil }
        return bodyAreas(screenAreas.body)
    }

    /// The cells inside the graph's box, when it is tall enough for boxes (else the compact row).
    var graphViewRect: Rect? {
        // Every view that draws the graph (beside the landscape, the boundary or the sample too) follows and pans it.
        guard screenViews[viewIndex].placement.showsGraph, let graph = visibleBodyAreas?.graph, graph.height >= 9 else { return nil }
        return graph.inset(by: 1)
    }

    func layoutKey(_ rect: Rect) -> LayoutCache.Key {
        LayoutCache.Key(width: rect.width, height: rect.height, zoom: camera.zoom)
    }

    /// The layout for a view of this size: depends on the model's shape, the size and the zoom,
    /// never on the cursor, and is kept (by `prepareFrame`) so boxes do not jump as numbers change.
    func graphLayout(for rect: Rect) -> GraphLayout {
        if let cached = shown.layouts.layouts[layoutKey(rect)] { return cached }
        return GraphFit.layout(of: model.layoutTemplate, width: rect.width, height: rect.height, zoom: camera.zoom)
    }

    /// A panel over the current layout, for geometry only (no picture): scrolling and clicks.
    var graphGeometry: (panel: GraphPanel, rect: Rect)? {
        guard let rect = graphViewRect else { return nil }
        return (GraphPanel(picture: GraphPicture(), layout: graphLayout(for: rect), focus: event.node, scroll: camera.scroll), rect)
    }
}

/// Where each panel of the body goes; nil: not on screen at this size or in this mode.
struct BodyAreas {
    var graph: Rect
    /// The code or transcript pane.
    var side: Rect?
    /// The pane of a view drawn beside the graph (landscape, decision boundary, sample).
    var pane: Rect?
    var inspector: Rect
    var watch: Rect?
    var plot: Rect?
    /// Narrow screens: one line saying the epoch's loss, where the plot would be.
    var plotNote: Rect?
}

/// The graph layouts once computed, per view size and zoom.
struct LayoutCache {
    struct Key: Hashable {
        var width: Int
        var height: Int
        var zoom: GraphFit.Zoom
    }

    private(set) var layouts: [Key: GraphLayout] = [:]
    /// Zoomed out: the graph's height per graph width and body height (see `overviewGraphHeight`).
    var overviewHeights: [Key: Int] = [:]

    mutating func store(_ layout: GraphLayout, for key: Key) {
        guard layouts[key] == nil else { return }
        // A resized terminal makes new sizes; old ones are rarely needed again.
        if layouts.count > 16 { layouts.removeAll() }
        layouts[key] = layout
    }
}
