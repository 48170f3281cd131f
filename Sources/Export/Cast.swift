import Foundation
import Scenario
import Screen
import TextCanvas

/// An asciicast v2 recording: a JSON header line, then `[time, "o", text]` events, each the
/// escape sequences that turn the previous frame into the next (https://docs.asciinema.org).
public struct CastRecording: Sendable {
    /// The most frames a recording takes (about 4 minutes of autoplay at its usual pace).
    public static let mostFrames = 3_000
    public let width: Int
    public let height: Int
    private let ansi: AnsiText
    private var previous: Canvas?
    private var lastTime = 0.0
    public private(set) var lines: [String]

    public init(width: Int, height: Int, theme: Theme, title: String) {
        self.width = width
        self.height = height
        ansi = AnsiText(theme: theme)
        let header: [String: Any] = ["version": 2, "width": width, "height": height, "title": title,
                                     "env": ["TERM": "xterm-256color", "SHELL": "/bin/sh"]]
        let data = (try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])) ?? Data("{}".utf8)
        lines = [String(decoding: data, as: UTF8.self)]
    }

    /// Adds a frame shown at `time` seconds; nothing when it equals the previous one.
    public mutating func add(_ canvas: Canvas, at time: Double) {
        let text = ansi.frame(canvas, after: previous)
        previous = canvas
        guard !text.isEmpty else { return }
        append(time, "o", text)
    }

    /// A key the user pressed (asciicast's input event), so a replay shows what was typed.
    public mutating func addInput(_ text: String, at time: Double) {
        append(time, "i", text)
    }

    /// Leaves the terminal as it was (cursor back, attributes off) at the end of a replay.
    public mutating func finish(at time: Double) {
        append(time, "o", "\u{1B}[0m\u{1B}[?25h\r\n")
    }

    private mutating func append(_ time: Double, _ kind: String, _ text: String) {
        lastTime = max(lastTime, time)
        let encoded = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes]))
            .map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
        // encoded is `["…"]`: keep the string literal inside the brackets.
        let literal = encoded.dropFirst().dropLast()
        lines.append("[\(String(format: "%.6f", lastTime)), \"\(kind)\", \(literal)]")
    }

    /// The whole file.
    public var text: String { lines.joined(separator: "\n") + "\n" }
}

extension AppState {
    /// Plays the animation without a terminal and records it, as autoplay would show it;
    /// captions that pause autoplay become waits of `pauseSeconds`. Stops at the end of the
    /// run or when epoch `untilEpoch` begins. `training` trains the runs it shows.
    public func recordAutoplay(training: Training, untilEpoch: Int?, theme: Theme, pauseSeconds: Double = 4,
                               frameRate: Double = 30) -> CastRecording {
        var state = self
        if !state.playing { _ = state.update(.command(.togglePlay), training: training) }
        var cast = CastRecording(width: width, height: height, theme: theme, title: run.scenario.title)
        var time = 0.0
        _ = state.update(.tick(now: time), training: training)
        cast.add(state.render(), at: time)
        let limit = untilEpoch.map { min($0, run.epochs) } ?? run.epochs
        // Frames follow the events shown, not the clock: a slow speed waits longer between
        // frames rather than drawing the same screen thirty times a second (at 0.01 events a
        // second that was five minutes of work for three lines of output).
        // (A bound on the loop all the same: rounding may split an event's wait in two.)
        // And at most `CastRecording.mostFrames`, whatever the data and `--until` ask: 10^4 samples
        // one at a time made 10^4 frames of 123 MB in 43 s, and --until 10^7 would have run for days.
        var frames = 0
        while frames <= min(CastRecording.mostFrames, 4 * (state.lastEvent + state.pauseEvents.count + 2)) {
            frames += 1
            time += max(1 / frameRate, state.secondsToNextEvent ?? 0)
            _ = state.update(.tick(now: time), training: training)
            if state.event.epoch >= limit { break }
            cast.add(state.render(), at: time)
            if !state.playing {
                if state.cursor >= state.lastEvent { break }
                time += pauseSeconds  // the caption's pause: a wait, then play on
                _ = state.update(.command(.togglePlay), training: training)
                _ = state.update(.tick(now: time), training: training)
            }
        }
        cast.finish(at: time)
        return cast
    }
}
