// Signal handlers need a global: these are the program's, kept in C, with nothing but
// async-signal-safe calls in a handler. One list of terminating signals (terminating.c) serves
// both users: the temp-file guard of exports and recordings, and the screen's flag handlers.
#ifndef BACKPROP_SIGNALS_H
#define BACKPROP_SIGNALS_H

// MARK: temporary files (Export)

/// From now on a terminating signal (HUP, INT, QUIT, TERM, USR1, USR2, PIPE, ALRM, …) removes
/// `path`, then ends the process as the signal would have. Signals ignored on entry stay ignored.
void bp_temp_guard_begin(const char *path);

/// The file is finished (or removed): signals act as before.
void bp_temp_guard_end(void);

/// Holds back the terminating signals until `bp_signals_release`: for a write that must finish
/// (a recording being saved, a rename). Calls nest; the outermost release lets them through.
void bp_signals_hold(void);
void bp_signals_release(void);

// MARK: the screen (Terminal)

/// Flag-only handlers on every terminating signal, without SA_RESTART so a blocked read returns
/// with EINTR; installed before newterm so ncurses keeps its own hands off them. Signals ignored
/// on entry stay ignored; signals a parent left blocked are unblocked.
void bp_signal_install(void);

/// Puts back the handlers `bp_signal_install` found.
void bp_signal_restore(void);

/// The last signal caught, or 0.
int bp_signal_pending(void);

/// Stops the process with SIGTSTP's default action (the shell's job control takes over), and
/// puts back whatever handler was there (ncurses') once SIGCONT resumes us.
void bp_stop_self(void);

#endif
