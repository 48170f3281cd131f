import Foundation
import Scenario
import Screen
import Terminal
import TextCanvas

/// The run loop: the only place with a clock. It feeds keys, resizes and ticks to `update`,
/// presents `render()` and sleeps in a blocking read while paused.
enum Session {
    /// Plays the scenarios in turn (one for `run`, all for `demo`); returns the exit code.
    static func run(scenarios: [Scenario], options: AppOptions, theme: Theme, advanceAtEnd: Bool = false) throws -> Int32 {
        var timelines: [Timeline] = []
        for scenario in scenarios {
            do {
                timelines.append(try Timeline(scenario: scenario))
            } catch {
                Output.error("backprop: \(scenario.name): \(error)")
                return Exit.other
            }
        }
        let screen: TerminalScreen
        do {
            screen = try TerminalScreen.open(theme: theme)
        } catch {
            Output.error("backprop: \(error) — `backprop run` needs a terminal; try `backprop frame` or `backprop train` for text output")
            return Exit.other
        }
        defer { screen.close() }
        var glyphs = options.glyphs
        if !screen.isUTF8 { glyphs = .ascii }
        let clock = ContinuousClock()
        let start = clock.now
        func now() -> Double {
            let d = clock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        var index = 0
        while index < timelines.count {
            var opts = options
            opts.glyphs = glyphs
            let size = screen.size
            var state = AppState(timeline: timelines[index], width: size.width, height: size.height, options: opts)
            var effect = state.playing ? Effect.wake(after: 0) : Effect.none
            var wakeAt: Double? = state.playing ? now() : nil
            playing: while true {
                screen.present(state.render())
                let timeout: Duration? = wakeAt.map { .milliseconds(Int(max(0, ($0 - now()) * 1000))) }
                let event = screen.nextEvent(timeout: timeout)
                switch event {
                case .key(.control("z")):
                    screen.suspend()
                    effect = state.update(.tick(now: now()))
                case .key(let key):
                    effect = state.update(.key(key))
                case .resize(let w, let h):
                    effect = state.update(.resize(width: w, height: h))
                case .tick:
                    effect = state.update(.tick(now: now()))
                case .terminate(let signal):
                    screen.close()
                    return 128 + signal
                }
                switch effect {
                case .quit:
                    if advanceAtEnd { return 0 }
                    break playing
                case .wake(let after):
                    if wakeAt == nil || wakeAt.map({ $0 <= now() }) == true { wakeAt = now() + after }
                    if state.lastTick == nil { _ = state.update(.tick(now: now())) }
                case .none:
                    wakeAt = nil
                    if advanceAtEnd && state.cursor >= state.lastEvent { break playing }
                }
            }
            index += 1
            if !advanceAtEnd { break }
        }
        return 0
    }
}
