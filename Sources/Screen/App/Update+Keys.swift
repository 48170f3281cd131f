import TextCanvas

/// Keys that depend on the scenario or the terminal: `v` cycles only the views this scenario has,
/// a key that can do nothing here says why in the footer, and help scrolls where it does not fit.
extension AppState {
    /// How long a notice stays in the footer.
    public static let noticeSeconds = 3.0

    /// The views `v` cycles through, in order, for this scenario.
    public var views: [ViewID] { screenViews.map(\.id) }

    /// The help line of `v` for this scenario.
    public var viewHelp: String {
        views.count > 1 ? "cycle the view: " + views.map(\.title).joined(separator: " ⸱ ")
            : "only the graph here (no weight matrices; a landscape needs 1–2 scalar params)"
    }

    /// The help text of a binding as it applies to this scenario.
    public func help(for binding: Binding) -> String {
        binding.command == .cycleView ? viewHelp : binding.help
    }

    mutating func cycleView() {
        guard screenViews.count > 1 else {
            notice = "v: only the graph here; heat maps need weight matrices, a landscape 1–2 scalar params"
            return
        }
        viewIndex = (viewIndex + 1) % screenViews.count
    }

    /// `c` and `t`: beside the graph when the terminal is wide enough, else in the graph's place.
    mutating func toggleSidePane(_ pane: SidePane) {
        if pane == .code { prepareCodeListings() }
        if pane == .code && codeListing == nil {
            notice = "c: no code listing: \(codeListingProblem ?? "the scenario could not be written as PyTorch")"
            return
        }
        sidePane = sidePane == pane ? nil : pane
        if sidePane != nil && width < AppState.sidePaneBesideGraphWidth + 2 {
            let name = pane == .code ? "code" : "transcript"
            notice = "\(name) pane in the graph's place (beside it from \(AppState.sidePaneBesideGraphWidth + 2) columns); \(name.prefix(1)) again: the graph"
        }
    }

    /// Starts a notice's clock at the first tick after it appeared; clears it when its time is
    /// up. Returns the wake-up the notice still needs, if any.
    mutating func expireNotice(now: Double) -> Effect? {
        guard notice != nil else {
            noticeExpiry = nil
            return nil
        }
        guard let expiry = noticeExpiry else {
            noticeExpiry = now + AppState.noticeSeconds
            return .wake(after: AppState.noticeSeconds)
        }
        if now >= expiry - 0.05 {
            notice = nil
            noticeExpiry = nil
            return nil
        }
        return .wake(after: expiry - now)
    }

    /// ↑ ↓ j k PgUp PgDn scroll the help where it does not fit; returns whether the key did.
    mutating func scrollHelp(_ key: Key) -> Bool {
        let step: Int
        switch key {
        case .down, .character("j"): step = 1
        case .up, .character("k"): step = -1
        case .pageDown, .character(" "): step = 10
        case .pageUp: step = -10
        default: return false
        }
        let hidden = HelpOverlay.hiddenRows(helpEntries, in: screenAreas.body)
        guard hidden > 0 else { return false }
        helpScroll = min(max(0, helpScroll + step), hidden)
        return true
    }

    /// ↑ ↓ { }: moves the inspector's grid window by rows or columns, as far as the tensor goes
    /// (the first grid that can move: the second one when the first shows whole); the footer says
    /// why when there is nothing to scroll.
    mutating func scrollGrid(rows dr: Int, cols dc: Int) {
        guard let record = shown.record, let rect = visibleBodyAreas?.inspector else { return }
        let grids = inspectorPanel(record).layout(in: rect.inset(by: 1)).grids
        guard let first = grids.first else {
            notice = "↑ ↓ { } scroll the inspector's grid: here the active node is a number (or the inspector is too small)"
            return
        }
        for (grid, area) in grids {
            let now = grid.window(width: area.width, height: area.height)
            var still = grid
            still.scroll = GridScroll()
            let home = still.window(width: area.width, height: area.height)
            let top = min(max(0, now.top + dr), max(0, grid.rows - now.shownRows))
            let left = min(max(0, now.left + dc), max(0, grid.cols - now.shownCols))
            if top != now.top || left != now.left {
                gridScroll = GridScroll(rows: top - home.top, cols: left - home.left)
                return
            }
        }
        let whole = grids.allSatisfy { grid, area in
            let w = grid.window(width: area.width, height: area.height)
            return w.shownRows == grid.rows && w.shownCols == grid.cols
        }
        notice = whole ? "↑ ↓ { }: \(first.grid.title) shows whole" : "↑ ↓ { }: the grid's edge"
    }
}

/// A key that would change nothing here says why, instead of doing nothing without a word.
extension AppState {
    func whyNothing(_ command: Command) -> String? {
        let e = event, t = run
        let lastEpoch = max(0, t.epochs - 1)
        switch command {
        case .next where cursor >= lastEvent: return "→: this is the last event of training (g: back to the start)"
        case .previous where cursor == 0: return "←: this is the first event of training (→ steps on)"
        case .nextSample where e.step >= t.stepsPerEpoch * t.epochs - 1:
            return "n: this is the last step of the last epoch (G: its last event)"
        case .previousSample where cursor == 0: return "p: this is the first step of training"
        case .nextEpoch where e.epoch >= lastEpoch: return "]: this is the last epoch (G: its last event)"
        case .previousEpoch where cursor == 0: return "[: this is the start of epoch 0"
        case .start where cursor == 0: return "g: this is the start already"
        case .end where cursor >= lastEvent: return "G: this is the end already"
        case .faster where speedLevel >= speeds.count - 1: return "+: this is the fastest speed"
        case .slower where speedLevel == 0: return "-: this is the slowest speed"
        case .fitGraph:
            guard let (panel, rect) = graphGeometry else { return "f: no graph on screen in this view (v: the graph)" }
            if camera.zoom == .readable && !panel.viewport(in: rect).isClipped && camera.follow {
                return "f: the whole graph shows already"
            }
            return nil
        default: return nil
        }
    }

    /// Pans the graph (as `pan`), and when the view cannot move that way says why.
    mutating func panOrSay(dx: Int, dy: Int, key: String) {
        guard let (panel, rect) = graphGeometry else {
            notice = "\(key): no graph on screen in this view (v: the graph)"
            return
        }
        let before = panel.viewport(in: rect)
        pan(dx: dx, dy: dy)
        guard let (after, _) = graphGeometry, after.viewport(in: rect) == before else { return }
        if !before.isClipped {
            notice = "\(key): the whole graph shows: nothing to pan"
        } else if dx != 0 && !(before.clippedLeft || before.clippedRight) {
            notice = "\(key): the graph fits across; ⇧↑↓ pan it up and down"
        } else if dy != 0 && !(before.clippedTop || before.clippedBottom) {
            notice = "\(key): the graph fits top to bottom; ⇧←→ pan it across"
        } else {
            notice = "\(key): the graph's edge: nothing more that way"
        }
    }

    /// A narrow header gives the speed up for the title: then `+` and `-` say it in the footer.
    mutating func sayTheSpeedWhereTheHeaderHidesIt(_ key: String) {
        var line = Canvas(width: width, height: 1)
        headerPanel.render(into: &line, rect: line.bounds)
        if !line.line(0).contains(speedText) { notice = "\(key): \(speedText)" }
    }
}
