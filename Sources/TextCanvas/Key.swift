/// A key press as the app sees it, with no terminal codes in it.
public enum Key: Equatable, Hashable, Sendable {
    case character(Character)
    case left, right, up, down
    case shiftLeft, shiftRight, shiftUp, shiftDown
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
    /// A mouse button or wheel, at a cell of the screen.
    case mouse(MouseEvent)
    /// A signal asked us to leave (INT, TERM, HUP, QUIT); the number is the signal's.
    case terminate(signal: Int32)
}

/// A click or a turn of the wheel at a cell (column x, row y from the top-left).
public struct MouseEvent: Equatable, Hashable, Sendable {
    public enum Button: Equatable, Hashable, Sendable {
        case left
        case wheelUp, wheelDown, wheelLeft, wheelRight
    }

    public var button: Button
    public var x: Int
    public var y: Int
    /// Shift held: the wheel scrolls sideways.
    public var shift: Bool

    public init(_ button: Button, x: Int, y: Int, shift: Bool = false) {
        self.button = button
        self.x = x
        self.y = y
        self.shift = shift
    }
}
