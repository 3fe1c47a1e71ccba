/* The builtin PID1 of a new PID namespace (spawn_vm's newns_pid). */
#ifndef EMILUA_TS_INIT_PID1_H
#define EMILUA_TS_INIT_PID1_H

/* Forks. Returns in the child, which goes on to execve the actor host. The
 * parent never returns: it closes all its fds, forwards SIGTERM, SIGUSR1,
 * SIGUSR2, SIGHUP and SIGINT to the child, reaps every process that ends in
 * the namespace, and exits with the child's exit code, or 128 + the signal
 * number when the child was killed by a signal (the shell's convention; PID1
 * cannot re-raise a signal on itself, the kernel ignores it). */
void pid1_fork_supervisor(void);

#endif
