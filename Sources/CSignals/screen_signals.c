#include "bp_signals.h"
#include "terminating.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t bp_signal_received = 0;
static struct sigaction bp_screen_saved[BP_TERMINATING_COUNT];

static void bp_signal_handler(int sig) { bp_signal_received = sig; }

void bp_signal_install(void) {
    bp_signal_received = 0;
    // Blocked, a TERM would wait forever and q would be the only way out; the job-control and
    // resize signals must reach ncurses and the shell too.
    sigset_t mask;
    sigprocmask(SIG_BLOCK, NULL, &mask);
    bp_terminating_unblock_in(&mask);
    sigdelset(&mask, SIGTSTP);
    sigdelset(&mask, SIGCONT);
    sigdelset(&mask, SIGWINCH);
    sigprocmask(SIG_SETMASK, &mask, NULL);
    bp_terminating_install(bp_signal_handler, 0, bp_screen_saved);
}

void bp_signal_restore(void) { bp_terminating_restore(bp_screen_saved); }

int bp_signal_pending(void) { return bp_signal_received; }

void bp_stop_self(void) {
    struct sigaction deflt, saved;
    memset(&deflt, 0, sizeof deflt);
    deflt.sa_handler = SIG_DFL;
    sigemptyset(&deflt.sa_mask);
    sigaction(SIGTSTP, &deflt, &saved);
    kill(getpid(), SIGTSTP);
    sigaction(SIGTSTP, &saved, NULL);
}
