#include "terminating.h"

#include <string.h>

const int bp_terminating[BP_TERMINATING_COUNT] = {
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGIO, SIGPWR,
};

void bp_terminating_install(void (*handler)(int), int block_all, struct sigaction saved[BP_TERMINATING_COUNT]) {
    for (int i = 0; i < BP_TERMINATING_COUNT; i++) {
        sigaction(bp_terminating[i], NULL, &saved[i]);
        if (saved[i].sa_handler == SIG_IGN) continue;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = handler;
        if (block_all) sigfillset(&action.sa_mask); else sigemptyset(&action.sa_mask);
        action.sa_flags = 0;
        sigaction(bp_terminating[i], &action, NULL);
    }
}

void bp_terminating_restore(const struct sigaction saved[BP_TERMINATING_COUNT]) {
    for (int i = 0; i < BP_TERMINATING_COUNT; i++) sigaction(bp_terminating[i], &saved[i], NULL);
}

void bp_terminating_unblock_in(sigset_t *mask) {
    for (int i = 0; i < BP_TERMINATING_COUNT; i++) sigdelset(mask, bp_terminating[i]);
}
