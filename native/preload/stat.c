/* stat, stat64, lstat, lstat64: the master answers -1 + errno or a table
 * (struct lsvc_stat); a filter answers -1 + errno or a table too
 * (filter_values.c). */
#include "call.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

typedef int (*stat_fn)(const char *, struct stat *);

static int serve(const char *name, int function, const char *path, struct stat *st)
{
    if (lsvc_bypass() || path == NULL || st == NULL)
        return ((stat_fn)lsvc_real(name))(path, st);
    struct lsvc_call c = { .function = function, .path = path };
    struct lsvc_answer ans;
    int err;
    const char *source = lsvc_filter_source(function);
    if (source != NULL) {
        lsvc_enter();
        int r = lsvc_filter_stat(source, &c, st, &err);
        lsvc_leave();
        if (r < 0) errno = err;
        return r;
    }
    lsvc_enter();
    long r = lsvc_proxy(&c, &ans, &err);
    lsvc_close_fds(&ans);
    lsvc_leave();
    if (r < 0) {
        errno = err;
        return -1;
    }
    if (ans.reply.extra_len != sizeof ans.extra.stat) {
        errno = EPROTO;
        return -1;
    }
    lsvc_fill_stat(&ans.extra.stat, st);
    return 0;
}

EXPORT int stat(const char *path, struct stat *st) { return serve("stat", LSVC_STAT, path, st); }
EXPORT int stat64(const char *path, struct stat64 *st) { return serve("stat64", LSVC_STAT, path, (struct stat *)st); }
EXPORT int lstat(const char *path, struct stat *st) { return serve("lstat", LSVC_LSTAT, path, st); }
EXPORT int lstat64(const char *path, struct stat64 *st) { return serve("lstat64", LSVC_LSTAT, path, (struct stat *)st); }
