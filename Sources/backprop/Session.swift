import Export
import Foundation
import Scenario
import Screen
import Terminal
import TextCanvas

/// The run loop: the only place with a clock. It feeds keys, resizes and ticks to `update`,
/// presents `render()` and sleeps in a blocking read while paused.
enum Session {
    /// Plays the scenarios in turn (one for `run`, all for `demo`); returns the exit code.
    /// `epochs` replaces each scenario's own count (`--epochs`).
    static func run(scenarios: [Scenario], epochs: Int? = nil, options: AppOptions, theme: Theme, record: String? = nil) throws -> Int32 {
        let advanceAtEnd = options.kiosk
        var timelines: [Timeline] = []
        for var scenario in scenarios {
            // The scenario itself changes, so the header, the plot, the code and transcript panes agree.
            if let epochs { scenario.train.epochs = epochs }
            do {
                timelines.append(try Timeline(scenario: scenario))
            } catch {
                Output.error("backprop: \(scenario.name): \(error)")
                return Exit.other
            }
        }
        if let record {
            // Found out now, not after the lesson: a recording that cannot be saved is lost.
            do {
                try OutputFile.checkWritable(record)
            } catch {
                Output.error("backprop: --record: \(error)")
                return Exit.usage
            }
        }
        let screen: TerminalScreen
        do {
            screen = try TerminalScreen.open(theme: theme)
        } catch {
            Output.error("backprop: \(error) — `backprop run` needs a terminal; try `backprop frame` or `backprop train` for text output")
            return Exit.other
        }
        var cast: CastRecording?
        defer {
            screen.close()
            if let path = record, var recording = cast {
                recording.finish(at: now())
                do {
                    try AtomicFile.write(recording.text, to: path)
                } catch {
                    Output.error("backprop: the recording is lost: \(error)")
                    exit(Exit.other)
                }
            }
        }
        var glyphs = options.glyphs
        if !screen.isUTF8 || LocaleChoice.asksForAscii(ProcessInfo.processInfo.environment) { glyphs = .ascii }
        let clock = Clock()
        func now() -> Double { clock.seconds }
        var index = 0
        while index < timelines.count {
            var opts = options
            opts.glyphs = glyphs
            opts.preparesInSlices = true
            opts.colour = screen.usesColour
            let size = screen.size
            var state = AppState(timeline: timelines[index], width: size.width, height: size.height, options: opts)
            if record != nil && cast == nil {
                cast = CastRecording(width: size.width, height: size.height, theme: theme, title: timelines[index].scenario.title)
            }
            var effect = state.playing ? Effect.wake(after: 0) : Effect.idle
            var wakeAt: Double? = state.playing ? now() : nil
            playing: while true {
                let canvas = state.render()
                screen.present(canvas)
                cast?.add(canvas, at: now())
                let timeout: Duration? = wakeAt.map { .milliseconds(Int(max(0, ($0 - now()) * 1000))) }
                let event = screen.nextEvent(timeout: timeout)
                switch event {
                case .key(let key):
                    cast?.addInput(KeyText.text(of: key), at: now())
                    effect = state.update(.key(key))
                    // Ctrl-C leaves as an interrupted program does, with the shell's 128 + SIGINT.
                    if effect == .quit && key == .control("c") { return 130 }
                case .resize(let w, let h):
                    effect = state.update(.resize(width: w, height: h))
                case .mouse(let mouse):
                    effect = state.update(.mouse(mouse))
                case .tick:
                    effect = state.update(.tick(now: now()))
                    // A far move trains in slices: as many as fit in a frame's time, then the
                    // progress is drawn and the keys read (q quits within a frame).
                    let frameEnds = now() + 1 / AppState.framesPerSecond
                    while state.preparing != nil && effect != .quit && now() < frameEnds {
                        effect = state.update(.tick(now: now()))
                    }
                case .terminate(let signal):
                    screen.close()
                    return 128 + signal
                }
                if effect == .suspend {
                    // Ctrl-Z (a key-map command, so `?` lists it): the shell's job control takes over until fg.
                    screen.suspend()
                    effect = state.update(.tick(now: now()))
                }
                switch effect {
                case .quit:
                    return 0
                case .finished:
                    wakeAt = nil
                    break playing
                case .wake(let after):
                    if wakeAt == nil || wakeAt.map({ $0 <= now() }) == true { wakeAt = now() + after }
                    if state.lastTick == nil { _ = state.update(.tick(now: now())) }
                case .idle, .suspend:
                    wakeAt = nil
                }
            }
            index += 1
            if !advanceAtEnd { break }
            if index == timelines.count { index = 0 }  // the kiosk plays on until q
        }
        return 0
    }
}

/// Seconds since it was made, from a monotonic clock.
struct Clock {
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    init() { start = clock.now }

    var seconds: Double {
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

/// How a key is written in a recording's input events.
enum KeyText {
    static func text(of key: Key) -> String {
        switch key {
        case .character(let c): return String(c)
        case .left: return "\u{1B}[D"
        case .right: return "\u{1B}[C"
        case .up: return "\u{1B}[A"
        case .down: return "\u{1B}[B"
        case .home: return "\u{1B}[H"
        case .end: return "\u{1B}[F"
        case .shiftLeft: return "\u{1B}[1;2D"
        case .shiftRight: return "\u{1B}[1;2C"
        case .shiftUp: return "\u{1B}[1;2A"
        case .shiftDown: return "\u{1B}[1;2B"
        case .pageUp: return "\u{1B}[5~"
        case .pageDown: return "\u{1B}[6~"
        case .enter: return "\r"
        case .escape: return "\u{1B}"
        case .backspace: return "\u{7F}"
        case .tab: return "\t"
        case .control(let c):
            let value = (c.asciiValue ?? 64) & 0x1F
            return String(UnicodeScalar(value))
        }
    }
}

/// What the user's locale asks for. ncurses falls back to C.UTF-8 when no locale is set, so the
/// screen works in bare shells; but a locale set to something not UTF-8 (`LANG=C`, `POSIX`,
/// `en_US.ISO-8859-1`) is a choice, and gets the ASCII screen, as `--ascii` does.
enum LocaleChoice {
    static func asksForAscii(_ environment: [String: String]) -> Bool {
        // The first of LC_ALL, LC_CTYPE, LANG that is set decides, as setlocale reads them.
        guard let value = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty }) else {
            return false
        }
        let lower = value.lowercased()
        return !(lower.contains("utf-8") || lower.contains("utf8"))
    }
}
