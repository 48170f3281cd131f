import CNcursesw
import TextCanvas

extension TerminalScreen {
    /// Waits for the next key, resize or signal; with a nil timeout it blocks without using CPU,
    /// otherwise it returns `.tick` when the timeout passes with no input.
    public func nextEvent(timeout: Duration?) -> TerminalEvent {
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        var instantFailures = 0
        while true {
            if let signal = Signals.pending { return .terminate(signal: signal) }
            guard isOpen else { return .terminate(signal: SIGHUP) }
            let remaining = deadline.map { milliseconds(until: $0, clock: clock) } ?? -1
            var code: UInt32 = 0
            var error: Int32 = 0
            let started = clock.now
            let result = bp_get_wch(remaining, &code, &error)
            if let signal = Signals.pending { return .terminate(signal: signal) }
            if result == KEY_CODE_YES {
                if code == KEY_RESIZE {
                    presented = nil  // ncurses resized its windows; the next frame redraws all
                    let (width, height) = size
                    return .resize(width: width, height: height)
                }
                if code == KEY_MOUSE, let mouse = Self.mouse() { return .mouse(mouse) }
                if let key = Self.key(forKeyCode: Int32(code)) { return .key(key) }
            } else if result == OK {
                if let key = Self.key(forCharacter: code) { return .key(key) }
            } else if error == EINTR {
                continue  // a signal not ours woke the read; wait on
            } else if let deadline, clock.now >= deadline {
                return .tick
            } else if clock.now - started < .milliseconds(1) {
                // An interrupted read leaves an ERR in ncurses' queue that the next call returns
                // at once; only repeated instant failures mean stdin is at end of file (the
                // terminal went away), and leaving then beats spinning at 100% CPU.
                instantFailures += 1
                if instantFailures >= 3 { return .terminate(signal: SIGHUP) }
            }
            // Keys we do not use (function keys, mouse) are skipped within the same deadline.
        }
    }

    private func milliseconds(until deadline: ContinuousClock.Instant, clock: ContinuousClock) -> Int32 {
        let left = deadline - clock.now
        guard left > .zero else { return 0 }
        let (seconds, attoseconds) = left.components
        let ms = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: ms)
    }

    /// Keys ncurses decoded from escape sequences (keypad mode).
    static func key(forKeyCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_SLEFT: .shiftLeft
        case KEY_SRIGHT: .shiftRight
        case KEY_SR: .shiftUp     // "scroll reverse": what terminals send for Shift+↑
        case KEY_SF: .shiftDown
        case KEY_HOME, KEY_FIND, KEY_A1: .home
        case KEY_END, KEY_SELECT, KEY_C1: .end
        case KEY_PPAGE, KEY_A3: .pageUp
        case KEY_NPAGE, KEY_C3: .pageDown
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        default: nil
        }
    }

    /// The mouse event ncurses holds after KEY_MOUSE, if it is one the app uses.
    static func mouse() -> MouseEvent? {
        var x: Int32 = 0, y: Int32 = 0, shift: Int32 = 0
        let button: MouseEvent.Button
        switch bp_get_mouse(&x, &y, &shift) {
        case 1: button = .left
        case 2: button = .wheelUp
        case 3: button = .wheelDown
        default: return nil
        }
        return MouseEvent(button, x: Int(x), y: Int(y), shift: shift != 0)
    }

    /// Plain characters and the control bytes raw mode passes through (Ctrl-C is 3, Ctrl-Z 26).
    static func key(forCharacter code: UInt32) -> Key? {
        switch code {
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 9: return .tab
        case 1...26:
            guard let letter = Unicode.Scalar(0x60 + code) else { return nil }
            return .control(Character(letter))
        default:
            guard code >= 32, let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }
}
