/* Landlock domains and seccomp filters that init.script asks for, held back
 * until the actor host has started.
 *
 * Why: the helper's last act is to exec Node, which must read and map its
 * own files and make system calls a script's policy may forbid (a ruleset
 * with no rules, a filter denying execve). So when the config has
 * CONFIG_DEFER_POLICIES (the parent sets it for the actor host), the
 * script's C.landlock_restrict_self and C.seccomp_set_mode_filter record
 * the request, in order, and the helper hands the list to the host, which
 * applies it on every thread before the actor's first line runs and only
 * then lets the parent's spawn_vm return (the status fd goes along).
 * When the script itself calls C.execve/C.fexecve, or for the PID1
 * supervisor, the list is applied in the helper at once.
 *
 * Hand-over (version 1, little-endian; decoder
 * runtime/sandbox/deferred-policies.ts), in a sealed memfd named by
 * EMILUA_TS_POLICY_FD; the status fd is named by EMILUA_TS_STATUS_FD:
 *
 *   u8[4] "ETIP", u8 version (1), u8 count (1..DEFERRED_MAX), u16 0
 *   count records: u8 kind (1 Landlock, 2 seccomp), u8[3] 0, u32 value
 *     Landlock: value = the ruleset's fd number in the host
 *     seccomp:  value = byte length, then that many bytes of sock_filter
 */
#ifndef EMILUA_TS_INIT_DEFERRED_H
#define EMILUA_TS_INIT_DEFERRED_H

#include <stdbool.h>
#include <stddef.h>

#define DEFERRED_MAX 32
#define POLICY_FD_ENV_NAME "EMILUA_TS_POLICY_FD"
#define STATUS_FD_ENV_NAME "EMILUA_TS_STATUS_FD"

enum { DEFERRED_LANDLOCK = 1, DEFERRED_SECCOMP = 2 };

/* Called once from main when the config asks for deferral. */
void deferred_enable(void);
bool deferred_enabled(void);

/* Record a request. 0, or -1 with errno (EBADF: not an open fd; EMFILE: the
 * list is full; ENOMEM). The ruleset fd is duplicated: the script may close
 * its own. The filter bytes are copied (length already checked). */
int deferred_add_landlock(int ruleset_fd);
int deferred_add_seccomp(const void *insns, size_t len);

/* Apply the list here, in order, and empty it: 0, or -1 with errno and
 * *what naming the call that failed. */
int deferred_apply_now(const char **what);

/* The held-back list, for the hand-over: its length, and entry i (its
 * kind; the ruleset fd or the filter). */
size_t deferred_count(void);
int deferred_kind(size_t i, int *fd, const void **insns, size_t *len);

/* handover.c. Before the final execve: when the list is not empty, write the hand-over
 * memfd, keep it, the rulesets and the status fd open across exec, and put
 * the two variables in envp (which needs two spare slots). Returns the new
 * envc. Dies on failure. */
size_t deferred_hand_over(char **envp, size_t envc);

#endif
