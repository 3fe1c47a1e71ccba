/* emilua-ts-init: the init helper of subprocess actors (and, later, of
 * system.spawn children).
 *
 * Threat model
 * ------------
 * The parent (the emilua-ts Node process) is trusted: it writes the config on
 * fd 3, including init.script, which is the user's own code. The helper is
 * started with clone3 already inside the namespaces the user asked for, so it
 * may hold every capability of a new user namespace (CAP_SYS_ADMIN over its
 * mount, net, ... namespaces); init.script exists to spend or drop those
 * privileges before untrusted code runs. What the helper must guarantee:
 *
 *  - Nothing of the parent leaks into the program it finally executes: no
 *    fd outside the contract (it refuses to start if one is open, and marks
 *    everything but stdio and the IPC socket close-on-exec before exec), no
 *    environment variable (the target's environment is exactly the one in
 *    the config plus EMILUA_TS_IPC_FD), no signal mask or ignored signal
 *    (reset on entry), umask 022.
 *  - A malformed config (a bug in the parent, or a truncated pipe) ends in a
 *    clear record on the status fd, never in a read past a buffer.
 *  - A failing call under errexit, or a script error, stops before the target
 *    runs: a half-applied sandbox never executes code.
 *  - Peers reached by init.script (init.arg) are not trusted: fds they send
 *    are bounded (extra or truncated SCM_RIGHTS are closed).
 * Out of scope: a hostile parent, and a script that deliberately undoes its
 * own sandbox (it is the user's code).
 *
 * Flow: check the status fd, read the config, check the fd contract, reset
 * signals, umask 022, run init.script, fork the PID1 supervisor when asked
 * (after the script, as Emilua does, so PID1 keeps only what the script left),
 * move the IPC socket to fd 3, hand init.script's held-back Landlock and
 * seccomp requests to the target (deferred.h), execve the target.
 */
#include "config.h"
#include "deferred.h"
#include "die.h"
#include "fds.h"
#include "pid1.h"
#include "script.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

/* The parent's signal dispositions and mask survive clone and execve
 * (ignored signals and the mask do); start from the defaults so neither the
 * script nor the target inherits Node's SIGPIPE ignore or a blocked signal. */
static void reset_signals(void)
{
    sigset_t none;
    struct sigaction dfl = { .sa_handler = SIG_DFL };

    if (sigemptyset(&none) == -1 || sigemptyset(&dfl.sa_mask) == -1)
        die_with_errno("sigemptyset");
    for (int sig = 1; sig < NSIG; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP)
            continue;
        /* glibc reserves two realtime signals for itself: EINVAL there. */
        if (sigaction(sig, &dfl, NULL) == -1 && errno != EINVAL)
            die_with_errno("sigaction(%d, SIG_DFL)", sig);
    }
    if (sigprocmask(SIG_SETMASK, &none, NULL) == -1)
        die_with_errno("sigprocmask");
}

int main(int argc, char **argv)
{
    struct init_config cfg;

    (void)argv;
    /* Without the status fd nothing can be reported: the exit status is
     * then the only signal. */
    if (fcntl(STATUS_FD, F_GETFD) == -1)
        return INIT_FAILURE_EXIT;
    /* Close-on-exec from the start: whichever execve succeeds (ours, or one
     * the script makes with C.execve) ends the parent's wait with EOF, and
     * the new program cannot write a record in the helper's name. */
    if (fcntl(STATUS_FD, F_SETFD, FD_CLOEXEC) == -1)
        return INIT_FAILURE_EXIT;
    if (argc != 1)
        die_report(STAGE_SETUP, 0, "emilua-ts-init takes no arguments: it "
                   "is started by emilua-ts with its config on fd 3");

    config_read(CONFIG_FD, &cfg);
    bool has_arg = cfg.flags & CONFIG_HAS_ARG;
    fds_check_entry(has_arg);
    if (close(CONFIG_FD) == -1)
        die_with_errno("close config fd");

    reset_signals();
    umask(022);
    if (cfg.flags & CONFIG_DEFER_POLICIES)
        deferred_enable();

    if (cfg.script_len > 0)
        script_run(cfg.script, cfg.script_len, has_arg ? ARG_FD : -1);

    if (cfg.flags & CONFIG_PID1) {
        pid_t self = getpid();
        if (self != 1)
            die_report(STAGE_SETUP, 0, "the config asks for the PID1 "
                       "supervisor but the helper is pid %ld, not 1 of a new "
                       "PID namespace", (long)self);
        pid1_fork_supervisor();
    }

    fds_prepare_exec();
    cfg.envp[cfg.envc++] = IPC_FD_ENV_NAME "=" HOST_IPC_FD_STR;
    cfg.envp[cfg.envc] = NULL;
    cfg.envc = deferred_hand_over(cfg.envp, cfg.envc);
    execve(cfg.path, cfg.argv, cfg.envp);
    die_report(STAGE_EXEC, errno, "%s", cfg.path);
}
