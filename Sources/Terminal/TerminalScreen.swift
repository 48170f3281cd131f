import CNcursesw
import Glibc
import TextCanvas

/// The interactive terminal: the only object that talks to ncurses; open it, present canvases,
/// read events, and close it exactly once.
///
/// In raw mode Ctrl-Z arrives as the key `.control("z")`, not as SIGTSTP: the run loop must call
/// `suspend()` for it. A `.terminate(signal:)` event means INT/TERM/HUP/QUIT arrived: call
/// `close()` and exit with 128 + signal (130, 143, 129, 131).
public final class TerminalScreen {
    /// Whether the locale is UTF-8; when false the app should draw with `Glyphs.ascii`.
    public let isUTF8: Bool
    private(set) var palette: Palette
    /// Whether the terminal can show the colour themes (colours and pairs enough, no NO_COLOR),
    /// whichever theme is on now: `use(theme:)` may switch between them and mono.
    public let canColour: Bool
    /// Colour pairs the terminal has (few: the boundary's shades share pairs).
    let pairs: Int
    private var screen: OpaquePointer?
    /// The last canvas presented; nil forces the next `present` to redraw every row.
    var presented: Canvas?

    private init(screen: OpaquePointer, isUTF8: Bool, palette: Palette, canColour: Bool, pairs: Int) {
        self.screen = screen
        self.isUTF8 = isUTF8
        self.palette = palette
        self.canColour = canColour
        self.pairs = pairs
    }

    deinit { close() }

    /// Takes over the terminal, or throws if stdin/stdout is not one (a blocked read on a pipe
    /// returns at once and would spin) or if ncurses cannot start.
    public static func open(theme: Theme) throws -> TerminalScreen {
        // A dumb terminal cannot move the cursor: the screen would be unusable and arrows would quit.
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        if term.isEmpty || term == "dumb" {
            throw TerminalError.cannotOpen("TERM=\(term.isEmpty ? "(unset)" : term) cannot draw the screen (it cannot move the cursor); run it in a terminal such as xterm, tmux or screen")
        }
        guard isatty(STDIN_FILENO) == 1 else { throw TerminalError.notATerminal("stdin is not a terminal") }
        guard isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal("stdout is not a terminal") }
        let isUTF8 = bp_setup_locale() != 0
        Signals.install()
        guard let screen = bp_newterm() else {
            Signals.restore()
            throw TerminalError.unknownTerminal(term)
        }
        bp_setup_modes()
        bp_enable_mouse()
        let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        // Each role needs a pair (the boundary's shades may share some); a terminal with too few draws with attributes only.
        // Colours start under mono too (with the terminal's own as pair 0), so `T` can switch to a colour theme later.
        let canColour = !noColor && has_colors() && start_color() == OK
            && Int(bp_color_pairs()) >= Palette.pairsWithCoarseField
        // 24-bit colour only where the terminal description says it (TERM=xterm-direct, tmux-direct, …): see ColourDepth.
        let depth = ColourDepth.of(colours: Int(bp_colors()), rgb: bp_has_rgb() != 0)
        let palette = Palette(theme: theme, usesColour: canColour && theme != .mono, depth: depth)
        let terminal = TerminalScreen(screen: screen, isUTF8: isUTF8, palette: palette, canColour: canColour, pairs: Int(bp_color_pairs()))
        if canColour { terminal.defaultColours = use_default_colors() == OK }
        if palette.usesColour { terminal.setUpColours() }
        bp_erase()
        bp_refresh()
        return terminal
    }

    /// Columns and rows of the terminal now.
    public var size: (width: Int, height: Int) {
        guard screen != nil else { return (0, 0) }
        return (Int(bp_cols()), Int(bp_lines()))
    }

    /// Ends curses mode and restores the tty and the signal handlers; safe to call again.
    public func close() {
        guard let screen else { return }
        self.screen = nil
        endwin()
        delscreen(screen)
        Signals.restore()
    }

    /// Gives the terminal back to the shell and stops (as Ctrl-Z does in a cooked terminal);
    /// when the shell resumes us with `fg`, takes it over again and repaints everything.
    public func suspend() {
        guard screen != nil else { return }
        endwin()
        Signals.stopSelf()
        // A refresh after endwin restores raw mode; the forced repaint covers whatever the
        // shell printed meanwhile.
        bp_force_repaint()
        bp_refresh()
        presented = nil
    }

    var isOpen: Bool { screen != nil }

    /// Whether style roles show in colour (not mono, not NO_COLOR, enough colour pairs).
    public var usesColour: Bool { palette.usesColour }

    /// The theme the screen paints in now.
    public var theme: Theme { palette.theme }

    /// Paints in another theme from the next frame on (`T`): the pairs made again, every row redrawn.
    public func use(theme: Theme) {
        guard theme != palette.theme, screen != nil else { return }
        palette = Palette(theme: theme, usesColour: canColour && theme != .mono, depth: palette.depth)
        if palette.usesColour { setUpColours() } else if canColour { bp_set_background_pair(0) }
        presented = nil
        bp_force_repaint()
    }

    /// Whether the terminal's own colours stand for "default" (use_default_colors succeeded).
    private var defaultColours = false

    /// Pair n + 1 is style n (see `Palette.pair`); pair 0 stays the terminal's own. Extended
    /// pairs take colour numbers past 16 bits: 0xRRGGBB in direct colour.
    private func setUpColours() {
        let defaults = defaultColours
        var initialised = Set<Int16>()
        for style in Style.allCases {
            // A shared pair (few pairs) takes the colours of its first role.
            guard initialised.insert(Palette.pair(style, pairs: pairs)).inserted else { continue }
            var (foreground, background) = palette.colours(style)
            if foreground < 0 && !defaults { foreground = palette.theme == .light ? 0 : 7 }
            if background < 0 && !defaults { background = 0 }
            init_extended_pair(Int32(Palette.pair(style, pairs: pairs)), foreground, background)
        }
        bp_set_background_pair(Palette.pair(.normal, pairs: pairs))
    }
}
