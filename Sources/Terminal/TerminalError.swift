/// Why the interactive screen could not open.
public enum TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// stdin or stdout is not a terminal (a pipe, a file): the UI would spin or write escape codes.
    case notATerminal(String)
    /// ncurses could not set up the terminal.
    case cannotOpen(String)
    /// This machine has no description (terminfo entry) of the terminal TERM names: common over SSH
    /// from a newer terminal (TERM=xterm-kitty, wezterm, alacritty) to a machine without its entry.
    case unknownTerminal(String)

    public var description: String {
        switch self {
        case .notATerminal(let reason), .cannotOpen(let reason): reason
        case .unknownTerminal(let term): "cannot open the terminal: this machine has no description of TERM=\(term) (no terminfo entry)"
        }
    }
}
