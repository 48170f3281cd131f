/// A key press as the app sees it, with no terminal codes in it.
public enum Key: Equatable, Hashable, Sendable {
    case character(Character)
    case left, right, up, down
    case home, end, pageUp, pageDown
    case enter, escape, backspace, tab
    case control(Character)  // Ctrl-C arrives as control("c")
}

/// Something that happened at the terminal.
public enum TerminalEvent: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// No input before the wake-up time: the animation clock moved.
    case tick
    /// A signal asked us to leave (INT, TERM, HUP, QUIT); the number is the signal's.
    case terminate(signal: Int32)
}
