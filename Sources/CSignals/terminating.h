// The one list of signals that end the process, and the one way handlers are put on them and
// taken off again: shared by the temp-file guard and the screen's flag handlers.
#ifndef BACKPROP_TERMINATING_H
#define BACKPROP_TERMINATING_H

#include <signal.h>

/// Every signal whose default action ends the process and that a user or the system may send
/// (USR1 and PIPE too, not only the usual four).
#define BP_TERMINATING_COUNT 14
extern const int bp_terminating[BP_TERMINATING_COUNT];

/// Puts `handler` on every terminating signal, keeping the actions found in `saved`. A signal
/// ignored on entry (nohup, a background job of a shell without job control) stays ignored, as
/// the shell meant. No SA_RESTART: a blocked read returns with EINTR. `block_all` blocks every
/// other signal while the handler runs.
void bp_terminating_install(void (*handler)(int), int block_all, struct sigaction saved[BP_TERMINATING_COUNT]);

/// Puts back the actions `bp_terminating_install` found.
void bp_terminating_restore(const struct sigaction saved[BP_TERMINATING_COUNT]);

/// Takes the terminating signals out of `mask`. A parent may have started us with them blocked
/// (the mask is inherited through fork and exec; test runners and some daemons do it): blocked,
/// they would wait past our handlers.
void bp_terminating_unblock_in(sigset_t *mask);

#endif
