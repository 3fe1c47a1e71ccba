#include "pid1.h"
#include "deferred.h"
#include "die.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const int forwarded[] = { SIGTERM, SIGUSR1, SIGUSR2, SIGHUP, SIGINT };
#define N_FORWARDED (sizeof forwarded / sizeof forwarded[0])

/* The kernel drops a signal sent to a namespace's PID1 while its disposition
 * is SIG_DFL; a handler (never run: the signals stay blocked and are taken
 * with sigwaitinfo) makes them deliverable. */
static void never_called(int signo)
{
    (void)signo;
}

static noreturn void supervise(pid_t child, const sigset_t *waited)
{
    for (;;) {
        siginfo_t info;
        int sig = sigwaitinfo(waited, &info);
        if (sig == -1) {
            if (errno == EINTR)
                continue;
            _exit(INIT_FAILURE_EXIT); /* fds are closed: nothing to report */
        }
        if (sig != SIGCHLD) {
            /* ESRCH just after the child ended is harmless: its SIGCHLD is
             * pending and ends the loop. */
            kill(child, sig);
            continue;
        }
        /* SIGCHLD coalesces: reap everything that has ended. */
        for (;;) {
            int status;
            pid_t pid = waitpid(-1, &status, WNOHANG);
            if (pid <= 0)
                break;
            if (pid != child)
                continue;
            /* Our exit ends the namespace: the kernel kills what is left. */
            if (WIFEXITED(status))
                _exit(WEXITSTATUS(status));
            _exit(128 + WTERMSIG(status));
        }
    }
}

void pid1_fork_supervisor(void)
{
    sigset_t waited, old;

    if (sigemptyset(&waited) == -1 || sigaddset(&waited, SIGCHLD) == -1)
        die_with_errno("sigemptyset");
    for (size_t i = 0; i < N_FORWARDED; i++)
        if (sigaddset(&waited, forwarded[i]) == -1)
            die_with_errno("sigaddset");
    /* Blocked before the fork: a signal or the child's end that comes
     * between fork and sigwaitinfo stays pending instead of being lost. */
    if (sigprocmask(SIG_BLOCK, &waited, &old) == -1)
        die_with_errno("sigprocmask");

    pid_t child = fork();
    if (child == -1)
        die_with_errno("fork (PID1)");
    if (child == 0) {
        if (sigprocmask(SIG_SETMASK, &old, NULL) == -1)
            die_with_errno("sigprocmask (child of PID1)");
        return;
    }

    struct sigaction sa = { .sa_handler = never_called };
    if (sigemptyset(&sa.sa_mask) == -1)
        die_with_errno("sigemptyset");
    for (size_t i = 0; i < N_FORWARDED; i++)
        if (sigaction(forwarded[i], &sa, NULL) == -1)
            die_with_errno("sigaction");
    /* SIGCHLD must not be ignored, or the kernel reaps for us and waitpid
     * cannot see the child's status. */
    struct sigaction dfl = { .sa_handler = SIG_DFL };
    if (sigaction(SIGCHLD, &dfl, NULL) == -1)
        die_with_errno("sigaction SIGCHLD");

    /* PID1 stays in the sandbox the script asked for, as when the script
     * applies it itself (its fork inherits the held-back list and hands it
     * to the actor host). */
    const char *what = NULL;
    if (deferred_apply_now(&what) == -1)
        die_report(STAGE_SCRIPT_CALL, errno, "%s (in PID1)", what);

    /* Hold nothing: when the child closes a pipe or socket the peer must
     * see EOF/EPIPE, not a copy kept open by PID1. The status fd goes too;
     * the child reports on its own copy. */
    if (syscall(SYS_close_range, 0, ~0U, 0) == -1)
        die_with_errno("close_range (PID1)");
    status_fd = -1;
    supervise(child, &waited);
}
