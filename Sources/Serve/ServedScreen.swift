import Dispatch
import Scenario
import Screen
import TextCanvas

/// One client's own screen: the app (`AppState`, as `backprop run` has it) on a serial queue of
/// its own, with its own size, keys, glyphs and training service beside it; its clock is the queue's timers.
///
/// Unchecked Sendable: every stored property but the constants is touched only on `queue`.
final class ServedScreen: SessionApp, @unchecked Sendable {
    let queue: DispatchQueue
    let link: ClientLink
    let scenarios: ServedScenarios
    let options: AppOptions
    let limits: ServeLimits
    private var terminal: ClientTerminal
    private var screen: ClientScreen
    private var state: AppState?
    /// The service that trains the state's runs (the state holds only values).
    private var training: Training?
    private var menu: ScenarioMenu?
    private var decoder = InputDecoder()
    private var timer = 0
    private var ended = false
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant
    /// A key the owner handles itself (a lecture's `r`: back to following); true when taken.
    var intercept: ((Key) -> Bool)?

    init(link: ClientLink, terminal: ClientTerminal, theme: Theme, scenarios: ServedScenarios, options: AppOptions, limits: ServeLimits) {
        queue = DispatchQueue(label: "backprop.session")
        self.link = link
        self.terminal = terminal
        self.scenarios = scenarios
        self.options = options
        self.limits = limits
        screen = ClientScreen(terminal: terminal, theme: theme)
        origin = clock.now
    }

    var now: Double {
        let d = clock.now - origin
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// Takes over the client's terminal and shows `entry` (nil: the menu).
    func begin(_ entry: ServedScenarios.Entry?) {
        queue.async {
            _ = self.link.send(Array(TerminalModes.enter.utf8))
            if let entry { self.open(entry) } else {
                self.menu = ScenarioMenu(items: self.scenarios.entries.map { ($0.name, $0.scenario.title) })
                self.present()
            }
        }
    }

    /// Takes over with a state made elsewhere (a student leaving the lecture to explore), then a key.
    func adopt(_ handoff: Handoff<(AppState, Training)>, key: Key?) {
        queue.async {
            (self.state, self.training) = handoff.value
            self.screen.forget()
            if let key { self.handle(.key(key)) } else { self.present() }
        }
    }

    private func open(_ entry: ServedScenarios.Entry) {
        var opts = options
        if terminal.asksForAscii { opts.glyphs = .ascii }
        opts.colour = terminal.usesColour && options.colour
        opts.theme = screen.encoderKey.theme
        let size = terminal.drawnSize(limits: limits)
        do {
            let training = try Training(scenario: entry.scenario)
            state = AppState(training: training, width: size.width, height: size.height, options: opts)
            self.training = training
            menu = nil
            handle(.tick(now: now))
        } catch {
            link.finish(exitStatus: 1, message: "backprop: \(entry.name): \(error)")
        }
    }

    func input(_ bytes: [UInt8]) {
        queue.async {
            guard !self.ended else { return }
            for input in self.decoder.decode(bytes) {
                guard !self.ended else { return }
                switch input {
                case .key(let key):
                    if var menu = self.menu {
                        let outcome = menu.key(key)
                        self.menu = menu
                        switch outcome {
                        case .stay: self.present()
                        case .open(let index): self.open(self.scenarios.entries[index])
                        case .quit: self.end()
                        }
                    } else if self.intercept?(key) == true {
                        return
                    } else {
                        self.handle(.key(key))
                    }
                case .mouse(let mouse):
                    if self.menu == nil { self.handle(.mouse(mouse)) }
                }
            }
        }
    }

    func resize(width: Int, height: Int) {
        queue.async {
            self.terminal.width = width
            self.terminal.height = height
            let size = self.terminal.drawnSize(limits: self.limits)
            self.screen.forget()
            if self.state != nil { self.handle(.resize(width: size.width, height: size.height)) } else { self.present() }
        }
    }

    func redrawWhole() {
        queue.async {
            self.screen.forget()
            self.present()
        }
    }

    func closed() {
        queue.async {
            self.ended = true
            self.timer += 1
            self.state = nil
            self.training = nil
        }
    }

    /// Ends the screen: the terminal given back, exit status 0.
    private func end() {
        ended = true
        timer += 1
        link.finish()
    }

    /// Runs on `queue`: the one way the state changes, then the frame, then the clock.
    func handle(_ action: Action) {
        guard var state, let training, !ended else { return }
        let effect = state.update(action, training: training)
        self.state = state
        present()
        switch effect {
        case .quit:
            end()
        case .wake(let after):
            schedule(after: after)
        case .idle, .suspend, .finished, .changeIdea:
            // Ctrl-Z has no shell to return to over SSH; the kiosk's `.finished` and the lecture's ideas are not served.
            timer += 1
        }
    }

    private func schedule(after seconds: Double) {
        timer += 1
        let generation = timer
        queue.asyncAfter(deadline: .now() + .milliseconds(Int(max(0, min(seconds, 3600)) * 1000))) {
            guard generation == self.timer, !self.ended else { return }
            self.handle(.tick(now: self.now))
        }
    }

    /// Draws the state (or the menu) and sends what changed.
    private func present() {
        guard !ended else { return }
        let size = terminal.drawnSize(limits: limits)
        let canvas: Canvas
        if let state {
            // `T` and `a` are this screen's own: the encoder follows the state's theme and glyphs.
            screen = screen.presenting(theme: state.theme, ascii: !state.glyphs.usesBraille, terminal: terminal)
            canvas = state.render()
        } else if let menu {
            canvas = menu.render(width: size.width, height: size.height, glyphs: terminal.asksForAscii ? .ascii : .unicode)
        } else {
            return
        }
        screen.present(canvas, link: link)
    }

    /// The state now, for the lecture (read on the queue).
    func withState<T>(_ body: (AppState?) -> T) -> T { body(state) }

    func setState(_ newState: AppState?) { state = newState }
}

/// A value handed from one queue to another that nothing else holds a reference into any more
/// (a state made for a student leaving the lecture, with a training service of its own).
struct Handoff<Value>: @unchecked Sendable {
    let value: Value
}

/// `backprop serve`: every session a screen of its own, on the scenario it names or from the menu.
public enum ServedSessions {
    /// The server's `start`: sessions over the given scenarios, with the app's options and theme.
    public static func starter(scenarios: ServedScenarios, options: AppOptions, theme: Theme, limits: ServeLimits) -> SSHServer.Start {
        { start, link in
            switch scenarios.choice(for: start) {
            case .failure(let refusal):
                return .failure(refusal)
            case .success(let entry):
                let screen = ServedScreen(link: link, terminal: start.terminal, theme: theme, scenarios: scenarios, options: options, limits: limits)
                screen.begin(entry)
                return .success(screen)
            }
        }
    }
}
