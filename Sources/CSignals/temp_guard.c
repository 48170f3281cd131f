#include "bp_signals.h"
#include "terminating.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

static char bp_path[4096];
static volatile sig_atomic_t bp_active = 0;
static struct sigaction bp_guard_saved[BP_TERMINATING_COUNT];
static sigset_t bp_held_mask;
static int bp_hold_depth = 0;

static void bp_remove_and_die(int sig) {
    if (bp_active) unlink(bp_path);
    struct sigaction deflt;
    memset(&deflt, 0, sizeof deflt);
    deflt.sa_handler = SIG_DFL;
    sigemptyset(&deflt.sa_mask);
    sigaction(sig, &deflt, NULL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, sig);
    sigprocmask(SIG_UNBLOCK, &only, NULL);
    raise(sig);
}

void bp_temp_guard_begin(const char *path) {
    if (bp_hold_depth == 0) {
        sigset_t mask;
        sigprocmask(SIG_BLOCK, NULL, &mask);
        bp_terminating_unblock_in(&mask);
        sigprocmask(SIG_SETMASK, &mask, NULL);
    }
    strncpy(bp_path, path, sizeof bp_path - 1);
    bp_path[sizeof bp_path - 1] = 0;
    bp_active = 1;
    bp_terminating_install(bp_remove_and_die, 1, bp_guard_saved);
}

void bp_temp_guard_end(void) {
    bp_active = 0;
    bp_terminating_restore(bp_guard_saved);
}

void bp_signals_hold(void) {
    if (bp_hold_depth++ > 0) return;
    sigset_t all;
    sigemptyset(&all);
    for (int i = 0; i < BP_TERMINATING_COUNT; i++) sigaddset(&all, bp_terminating[i]);
    sigprocmask(SIG_BLOCK, &all, &bp_held_mask);
    bp_terminating_unblock_in(&bp_held_mask);
}

void bp_signals_release(void) {
    if (bp_hold_depth > 0 && --bp_hold_depth == 0) sigprocmask(SIG_SETMASK, &bp_held_mask, NULL);
}
