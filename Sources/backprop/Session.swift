import Export
import Foundation
import Scenario
import Screen
import Serve
import Terminal
import TextCanvas

/// The run loop: the only place with a clock. It feeds keys, resizes and ticks to `update`,
/// presents `render()` and sleeps in a blocking read while paused.
enum Session {
    /// Plays the scenarios in turn (one for `run`, all for `demo`); returns the exit code.
    /// `epochs` replaces each scenario's own count (`--epochs`).
    /// `lecture`: the class following this screen over SSH (lecture mode); it is told every moment.
    /// `stops`: one guide screen per scenario (`backprop lecture`): each opens there, and PgDn/PgUp move between them.
    static func run(scenarios: [Scenario], epochs: Int? = nil, options: AppOptions, theme: Theme, record: String? = nil,
                    lecture: LectureHall? = nil, stops: [GuideScreen]? = nil) throws -> Int32 {
        let advanceAtEnd = options.kiosk
        // One training service per scenario, held here beside each screen's state.
        var trainings: [Training] = []
        for var scenario in scenarios {
            // The scenario itself changes, so the header, the plot, the code and transcript panes agree.
            if let epochs { scenario.train.epochs = epochs }
            do {
                trainings.append(try Training(scenario: scenario))
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
        } catch TerminalError.unknownTerminal(let term) {
            Output.error("backprop: \(TerminalError.unknownTerminal(term)); a common one draws the same screen: \(CommonTerm.command())")
            return Exit.other
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
        while index < trainings.count {
            var opts = options
            opts.glyphs = glyphs
            opts.preparesInSlices = true
            opts.colour = screen.canColour
            opts.theme = screen.theme
            let stop = stops.map { $0[index] }
            if let stop, let stops {
                opts.lectureStop = LectureStop(idea: stop.idea ?? index + 1, count: stops.count, title: stop.title)
            }
            let size = screen.size
            let training = trainings[index]
            var state = AppState(training: training, width: size.width, height: size.height, options: opts)
            if let stop { state.open(stop, training: training) }
            if record != nil && cast == nil {
                cast = CastRecording(width: size.width, height: size.height, theme: theme, title: state.run.scenario.title)
            }
            var effect = state.playing ? Effect.wake(after: 0) : Effect.idle
            // A notice (the lecture's "idea 3/7") needs the clock to go away again.
            var wakeAt: Double? = state.playing || state.notice != nil ? now() : nil
            var moveBy = 1
            playing: while true {
                if let lecture {
                    // The class's count and answers: news for the header, read a few times a second.
                    let role = lecture.role
                    if state.lectureRole != role { _ = state.update(.lecture(role), training: training) }
                }
                let canvas = state.render()
                screen.use(theme: state.theme)
                screen.present(canvas)
                lecture?.publish(state.moment)
                cast?.add(canvas, at: now())
                var timeout: Duration? = wakeAt.map { .milliseconds(Int(max(0, ($0 - now()) * 1000))) }
                if lecture != nil { timeout = min(timeout ?? Self.lectureNews, Self.lectureNews) }
                let event = screen.nextEvent(timeout: timeout)
                switch event {
                case .key(let key):
                    cast?.addInput(KeyText.text(of: key), at: now())
                    effect = state.update(.key(key), training: training)
                    // Ctrl-C leaves as an interrupted program does, with the shell's 128 + SIGINT.
                    if effect == .quit && key == .control("c") { return 130 }
                case .resize(let w, let h):
                    effect = state.update(.resize(width: w, height: h), training: training)
                case .mouse(let mouse):
                    effect = state.update(.mouse(mouse), training: training)
                case .tick:
                    effect = state.update(.tick(now: now()), training: training)
                    // A far move trains in slices: as many as fit in a frame's time, then the
                    // progress is drawn and the keys read (q quits within a frame).
                    let frameEnds = now() + 1 / AppState.framesPerSecond
                    while state.preparing != nil && effect != .quit && now() < frameEnds {
                        effect = state.update(.tick(now: now()), training: training)
                    }
                case .terminate(let signal):
                    screen.close()
                    return 128 + signal
                }
                if effect == .suspend {
                    // Ctrl-Z (a key-map command, so `?` lists it): the shell's job control takes over until fg.
                    screen.suspend()
                    effect = state.update(.tick(now: now()), training: training)
                }
                switch effect {
                case .quit:
                    return 0
                case .finished:
                    wakeAt = nil
                    break playing
                case .changeIdea(let by):
                    moveBy = by
                    break playing
                case .wake(let after):
                    if wakeAt == nil || wakeAt.map({ $0 <= now() }) == true { wakeAt = now() + after }
                    if state.lastTick == nil { _ = state.update(.tick(now: now()), training: training) }
                case .idle, .suspend:
                    wakeAt = nil
                }
            }
            if stops != nil {
                // The lecture goes on until q: PgDn and PgUp stop at the first and the last idea themselves.
                index = min(max(0, index + moveBy), trainings.count - 1)
                continue
            }
            index += 1
            if !advanceAtEnd { break }
            if index == trainings.count { index = 0 }  // the kiosk plays on until q
        }
        return 0
    }

    /// How often the lecturer's screen looks for news of the class (joins, answers) while nothing else wakes it.
    static let lectureNews: Duration = .milliseconds(250)
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
