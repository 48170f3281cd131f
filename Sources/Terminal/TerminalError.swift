/// Why the interactive screen could not open.
public enum TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// stdin or stdout is not a terminal (a pipe, a file): the UI would spin or write escape codes.
    case notATerminal(String)
    /// ncurses could not set up the terminal (unknown TERM, no terminfo entry).
    case cannotOpen(String)

    public var description: String {
        switch self {
        case .notATerminal(let reason), .cannotOpen(let reason): reason
        }
    }
}
