import Scenario
import Screen
import TextCanvas

/// Bytes read as a stream of what a terminal sends the screen — keys, clicks and wheel turns, clock
/// ticks, resizes — fed through `update` on a shipped scenario the first byte picks. After each
/// action the state must hold together (the cursor on an event, the view one of the scenario's,
/// the speed on its ladder, the size what the terminal said); after the stream the frame must fill
/// the terminal. Shared by `Fuzz/run.sh screen` (which traps on a failure) and `ScreenFuzzCrasherTests`.
enum ScreenStream {
    /// Scenarios of every kind of screen: scalar, tensors, classification with pictures, a deep
    /// net; three epochs, so a stream that plays to the end stays fast.
    nonisolated(unsafe) static let timelines: [Timeline] = ["linear", "xor", "collapse", "circle", "deep193"].compactMap { name in
        guard let scenario = try? Builtins.load(name) else { return nil }
        return try? Timeline(scenario: scenario, epochs: min(scenario.train.epochs, 3))
    }

    static let keys: [Key] = Array("qvshcltzngG[]<>+-f? p&xyzab0123456789.").map { .character($0) } + [
        .left, .right, .up, .down, .shiftLeft, .shiftRight, .shiftUp, .shiftDown, .home, .end, .pageUp, .pageDown,
        .enter, .escape, .backspace, .tab, .control("c"), .control("z"), .control("l"),
    ]

    /// What went wrong, or nil when every invariant held.
    static func run(_ bytes: [UInt8]) -> String? {
        guard let first = bytes.first, !timelines.isEmpty else { return nil }
        let timeline = timelines[Int(first) % timelines.count]
        let options = AppOptions(autoplay: first & 0x80 != 0, loop: first & 0x40 != 0, quiz: first & 0x20 != 0)
        // The state and the training service beside it, as a driver holds them (no TestScreen: the
        // fuzzer is linked without the test target).
        let training = Training(timeline)
        var state = AppState(training: training, width: 80, height: 24, options: options)
        var width = 80, height = 24
        var now = 0.0
        var i = 1
        func next() -> Int {
            defer { i += 1 }
            return i < bytes.count ? Int(bytes[i]) : 0
        }
        while i < bytes.count {
            let action: Action
            switch next() % 8 {
            case 0, 1, 2, 3: action = .key(keys[next() % keys.count])
            case 4:
                width = next() % 240
                height = next() % 90
                action = .resize(width: width, height: height)
            case 5:
                now += Double(next()) / 16
                action = .tick(now: now)
            case 6:
                let buttons: [MouseEvent.Button] = [.left, .wheelUp, .wheelDown, .wheelLeft, .wheelRight]
                action = .mouse(MouseEvent(buttons[next() % buttons.count], x: next() - 8, y: next() - 8, shift: next() & 1 == 1))
            default:
                action = .key(.character(Character(Unicode.Scalar(UInt8(next())))))
            }
            _ = state.update(action, training: training)
            if state.cursor < 0 || state.cursor > state.lastEvent { return "after \(action): the cursor \(state.cursor) is past the last event \(state.lastEvent)" }
            if !state.screenViews.indices.contains(state.viewIndex) { return "after \(action): view \(state.viewIndex) of \(state.screenViews.count)" }
            if !state.speeds.indices.contains(state.speedLevel) { return "after \(action): speed level \(state.speedLevel)" }
            if state.width != width || state.height != height { return "after \(action): size \(state.width)×\(state.height), the terminal's \(width)×\(height)" }
            if state.helpScroll < 0 { return "after \(action): help scrolled to \(state.helpScroll)" }
        }
        let canvas = state.render()
        if canvas.width != width || canvas.height != height { return "a frame of \(canvas.width)×\(canvas.height) at \(width)×\(height)" }
        return nil
    }
}
