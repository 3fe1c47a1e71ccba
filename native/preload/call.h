/* One intercepted call, described the same way whether it comes from the
 * program or from a filter's real_fn. */
#ifndef EMILUA_TS_PRELOAD_CALL_H
#define EMILUA_TS_PRELOAD_CALL_H

#include "preload.h"

#include <sys/stat.h>

struct lsvc_call {
    int function;
    const char *path;  /* or node (getaddrinfo), NULL allowed there */
    const char *path2; /* rename's new path, getaddrinfo's service */
    size_t path_len;   /* unix socket paths may hold NUL (abstract) */
    int fd;            /* openat's dirfd, connect/bind's socket */
    int flags, mode, resolve, amode;
    int port;
    uint32_t scope_id;
    uint8_t addr[16];
    int protocol;      /* getaddrinfo: 0, 1 tcp, 2 udp */
    int caller_runs_libc; /* on use_slave_credentials, lsvc_proxy only sets ans->libc */
};

/* Asks the master, or runs libc itself when told to (or when the master
 * is gone). Returns the call's result and sets *err; `ans` keeps the fds
 * and the stat/addrinfo payload of the answer (ans->nfds 0 when none). */
long lsvc_proxy(const struct lsvc_call *c, struct lsvc_answer *ans, int *err);

/* The same call made to libc directly (stat results go to *st). */
long lsvc_libc(const struct lsvc_call *c, struct stat *st, int *err);

/* Fills st from the master's stat table; missing fields are 0. */
void lsvc_fill_stat(const struct lsvc_stat *in, struct stat *st);

/* Runs the configured filter, or the proxy when there is none. For every
 * function but stat/lstat/getaddrinfo (see stat.c, getaddrinfo.c). */
long lsvc_dispatch(const struct lsvc_call *c, int *err);

/* The Lua filter of c->function: its integer result and errno. */
long lsvc_filter(const char *source, const struct lsvc_call *c, int *err);

/* The stat/lstat filter: 0 and *st (a table), or -1 and *err. */
int lsvc_filter_stat(const char *source, const struct lsvc_call *c, struct stat *st, int *err);

/* The getaddrinfo filter's answer, in the master's shape. */
void lsvc_filter_getaddrinfo(const char *source, const struct lsvc_call *c, struct lsvc_addrinfo *a, int *err);

#endif
