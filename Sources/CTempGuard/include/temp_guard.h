// While backprop writes a temporary file (an export, a recording), a signal that would end the
// process must not leave the half-written file behind. Signal handlers need a global: this is it,
// kept in C, with nothing but async-signal-safe calls in the handler.
#ifndef BACKPROP_TEMP_GUARD_H
#define BACKPROP_TEMP_GUARD_H

/// From now on a terminating signal (HUP, INT, QUIT, TERM, USR1, USR2, ALRM, …) removes `path`,
/// then ends the process as the signal would have. Signals ignored on entry stay ignored.
void bp_temp_guard_begin(const char *path);

/// The file is finished (or removed): signals act as before.
void bp_temp_guard_end(void);

/// Holds back the terminating signals until `bp_signals_release`: for a write that must finish
/// (a recording being saved, a rename). Calls nest; the outermost release lets them through.
void bp_signals_hold(void);
void bp_signals_release(void);

#endif
