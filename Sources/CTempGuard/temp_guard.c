#include "temp_guard.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

static const int bp_terminating[] = {
    SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGIO, SIGPWR,
};
#define BP_COUNT (int)(sizeof bp_terminating / sizeof bp_terminating[0])

static char bp_path[4096];
static volatile sig_atomic_t bp_active = 0;
static struct sigaction bp_saved[BP_COUNT];
static sigset_t bp_held_mask;

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

static int bp_hold_depth = 0;

/* A parent may have started us with these signals blocked (the mask is inherited through fork
   and exec; test runners and some daemons do it): blocked, they would wait past our handler. */
static void bp_unblock_terminating(sigset_t *mask) {
    for (int i = 0; i < BP_COUNT; i++) sigdelset(mask, bp_terminating[i]);
}

void bp_temp_guard_begin(const char *path) {
    if (bp_hold_depth == 0) {
        sigset_t mask;
        sigprocmask(SIG_BLOCK, NULL, &mask);
        bp_unblock_terminating(&mask);
        sigprocmask(SIG_SETMASK, &mask, NULL);
    }
    strncpy(bp_path, path, sizeof bp_path - 1);
    bp_path[sizeof bp_path - 1] = 0;
    bp_active = 1;
    for (int i = 0; i < BP_COUNT; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        sigaction(bp_terminating[i], NULL, &bp_saved[i]);
        if (bp_saved[i].sa_handler == SIG_IGN) continue;
        action.sa_handler = bp_remove_and_die;
        sigfillset(&action.sa_mask);
        sigaction(bp_terminating[i], &action, NULL);
    }
}

void bp_temp_guard_end(void) {
    bp_active = 0;
    for (int i = 0; i < BP_COUNT; i++) sigaction(bp_terminating[i], &bp_saved[i], NULL);
}

void bp_signals_hold(void) {
    if (bp_hold_depth++ > 0) return;
    sigset_t all;
    sigemptyset(&all);
    for (int i = 0; i < BP_COUNT; i++) sigaddset(&all, bp_terminating[i]);
    sigprocmask(SIG_BLOCK, &all, &bp_held_mask);
    bp_unblock_terminating(&bp_held_mask);
}

void bp_signals_release(void) {
    if (bp_hold_depth > 0 && --bp_hold_depth == 0) sigprocmask(SIG_SETMASK, &bp_held_mask, NULL);
}
