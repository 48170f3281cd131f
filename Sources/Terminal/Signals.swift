import CSignals

/// The signal flag of CSignals: handlers that only record the signal, for INT, TERM, HUP, QUIT and
/// every other signal whose default would end the process with the terminal still raw (USR1, USR2,
/// PIPE, ALRM, …); the run loop closes the screen and exits with 128 + the signal.
enum Signals {
    /// Must run before newterm: ncurses installs its own INT/TERM handlers only where none exists.
    static func install() { bp_signal_install() }

    static func restore() { bp_signal_restore() }

    /// The signal that asked us to leave, if any; it stays set, so every later event says so too.
    static var pending: Int32? {
        let signal = bp_signal_pending()
        return signal == 0 ? nil : signal
    }

    /// Stops the process as Ctrl-Z would in cooked mode; returns after `fg` (SIGCONT).
    static func stopSelf() { bp_stop_self() }
}
