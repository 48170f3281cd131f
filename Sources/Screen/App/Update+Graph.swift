import Scenario
import TextCanvas

/// Moving the graph's view: follow, pan, fit, and the mouse.
extension AppState {
    /// In follow mode, scrolls just enough (a page at a time) to keep the active node in view.
    mutating func keepFocusInView() {
        // Every path that changes the state comes here before the frame is prepared.
        refreshCaptionHeight()
        storeGraphLayout()
        guard camera.follow, let (panel, rect) = graphGeometry else { return }
        // The nodes of the rest of this step, in the order the cursor will visit them.
        let template = run.template
        let upcoming = template[min(template.count, event.indexInStep + 1)...].prefix(24).map(\.node)
        camera.scroll = panel.following(event.node, upcoming: upcoming, from: camera.scroll, in: rect)
    }

    /// Lays the graph out for the view's size and zoom once, before anything reads it (following,
    /// the frame, clicks): a layout depends on the model, the size and the zoom, never on the cursor.
    mutating func storeGraphLayout() {
        storeOverviewGraphHeight()
        guard let rect = graphViewRect else { return }
        let key = layoutKey(rect)
        if shown.layouts.layouts[key] == nil { shown.layouts.store(graphLayout(for: rect), for: key) }
    }

    /// Pans by hand: follow mode stops so the view stays where it was taken.
    mutating func pan(dx: Int, dy: Int) {
        guard let (panel, rect) = graphGeometry else { return }
        let view = panel.viewport(in: rect)
        let shown = GraphPoint(x: view.area.x - view.originX, y: view.area.y - view.originY)
        var moved = panel
        moved.scroll = GraphPoint(x: shown.x + dx, y: shown.y + dy)
        let after = moved.viewport(in: rect)
        camera.scroll = GraphPoint(x: after.area.x - after.originX, y: after.area.y - after.originY)
        camera.follow = false
    }

    /// A graph of numbers too big for its boxes at this size starts zoomed out where its one-row
    /// nodes then show whole with every value (quadratic and two-paths at 80×24): a class reads
    /// the numbers first, and `f` still gives the boxes (and the inspector's rows) back.
    mutating func startZoomedOutWhereOnlyThatShowsEveryNumber() {
        guard !model.layoutTemplate.holdsTensors,
              let (panel, rect) = graphGeometry, panel.viewport(in: rect).isClipped else { return }
        var zoomed = self
        zoomed.camera.zoom = .overview
        guard let (whole, wholeRect) = zoomed.graphGeometry, whole.layout.showsValues, !whole.viewport(in: wholeRect).isClipped else { return }
        camera.zoom = .overview
    }

    /// `f`: back to following the active node; when the graph already fits, or to leave an
    /// overview, the boxes go back to readable widths; else the boxes shrink to show the most.
    mutating func fitGraph() {
        if camera.zoom == .overview {
            camera.zoom = .readable
        } else if let (panel, rect) = graphGeometry, panel.viewport(in: rect).isClipped {
            camera.zoom = .overview
        }
        camera.follow = true
        camera.scroll = GraphPoint(x: 0, y: 0)
    }

    mutating func mouse(_ mouse: MouseEvent, training: Training) -> Effect {
        verdict = nil
        if view == .neurons {
            if mouse.button == .left { chooseWeight(atX: mouse.x, y: mouse.y) }
            return effect
        }
        if view == .unitImages {
            if mouse.button == .left { pickUnitImage(atX: mouse.x, y: mouse.y) }
            return effect
        }
        guard let (panel, rect) = graphGeometry else { return effect }
        let clippedVertically = panel.viewport(in: rect).clippedTop || panel.viewport(in: rect).clippedBottom
        switch mouse.button {
        case .left:
            if let id = panel.node(atX: mouse.x, y: mouse.y, in: rect) { inspect(node: id, training: training) }
        case .wheelUp where mouse.shift || !clippedVertically, .wheelLeft: pan(dx: -6, dy: 0)
        case .wheelDown where mouse.shift || !clippedVertically, .wheelRight: pan(dx: 6, dy: 0)
        case .wheelUp: pan(dx: 0, dy: -2)
        case .wheelDown: pan(dx: 0, dy: 2)
        }
        return effect
    }

    /// A click on a node: the cursor goes to that node's event in this step, in the same phase
    /// when it has one there (a param's gradient in backward, its update in update), and the
    /// view follows again. A quiz does not let a click jump past its open question.
    mutating func inspect(node id: Int, training: Training) {
        let template = run.template
        let events = template.indices.filter { template[$0].node == id }
        guard let first = events.first else { return }
        let pick = events.first { template[$0].phase == event.phase } ?? first
        let target = run.firstEvent(ofStep: event.step) + pick
        if quiz != nil && target > cursor { return }
        moveTo(target, training: training)
        camera.follow = true
    }
}
