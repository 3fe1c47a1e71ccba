/* The fd contract of the helper (see README.md).
 *
 * On entry: 0,1,2 stdio; CONFIG_FD config; IPC_FD the actor's IPC socket;
 * STATUS_FD failure records; ARG_FD init.arg when the config says so. Any
 * other open fd is a leak from the parent and the helper refuses to run.
 * At the final execve: 0,1,2 and the IPC socket moved to HOST_IPC_FD; nothing
 * else survives. */
#ifndef EMILUA_TS_INIT_FDS_H
#define EMILUA_TS_INIT_FDS_H

#include <stdbool.h>

#define CONFIG_FD 3
#define IPC_FD 4
#define STATUS_FD 5
#define ARG_FD 6
/* Where the actor host finds its IPC socket; also in IPC_FD_ENV_NAME. */
#define HOST_IPC_FD 3
#define HOST_IPC_FD_STR "3"

/* Dies unless exactly the fds of the contract above are open (stdio may be
 * closed: the parent decides about 0..2). */
void fds_check_entry(bool has_arg);

/* Moves the IPC socket to HOST_IPC_FD and marks every fd above it
 * close-on-exec (the status fd included, so the parent sees EOF when the
 * execve succeeds). */
void fds_prepare_exec(void);

#endif
