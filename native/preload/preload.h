/* Shared state of the preload library: the connection to the master, the
 * re-entrancy guard and the real libc functions. */
#ifndef EMILUA_TS_PRELOAD_H
#define EMILUA_TS_PRELOAD_H

#include "wire.h"

#include <stddef.h>
#include <sys/types.h>

#define EXPORT __attribute__((visibility("default")))

/* One answer of the master. fds are owned by the caller (close them). */
struct lsvc_answer {
    struct lsvc_reply reply;
    union {
        struct lsvc_stat stat;
        struct lsvc_addrinfo addrinfo;
    } extra;
    int fds[LSVC_MAX_FDS];
    int nfds;
    int libc; /* lsvc_proxy: the call was (or, with caller_runs_libc, must be) made in libc */
};

/* Non-zero when calls must go straight to libc: no service, the library is
 * starting, or the calling thread is already inside the library (its own
 * Lua filter, or a libc function that calls another interposed one). */
int lsvc_bypass(void);
void lsvc_enter(void);
void lsvc_leave(void);

/* Sends one request and waits for its answer, under one mutex. Returns 0,
 * or -errno when the connection failed (the connection is then closed and
 * every later call goes to libc; see conn.c). */
int lsvc_ask(const struct lsvc_request *req, const void *s0, const void *s1,
             int fd, struct lsvc_answer *ans);

void lsvc_close_fds(struct lsvc_answer *ans);

/* The next definition of a libc symbol (dlsym RTLD_NEXT); dies if absent. */
void *lsvc_real(const char *name);

/* The Lua source configured for a function, NULL when none. */
const char *lsvc_filter_source(int function);

#endif
