/* open, open64, openat, openat64 (and glibc's fortified __open_2 forms),
 * fopen, fopen64: served as "open"/"openat" of the libc service. */
#include "call.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef int (*openat_fn)(int, const char *, int, ...);
typedef FILE *(*fopen_fn)(const char *, const char *);

static int serve(int function, int dirfd, const char *path, int flags, int mode)
{
    if (lsvc_bypass() || path == NULL)
        return ((openat_fn)lsvc_real("openat"))(dirfd, path, flags, mode);
    struct lsvc_call c = { .function = function, .path = path, .fd = dirfd,
                           .flags = flags, .mode = mode };
    int err;
    lsvc_enter();
    long r = lsvc_dispatch(&c, &err);
    lsvc_leave();
    if (r < 0) errno = err;
    return (int)r;
}

static int mode_arg(int flags, va_list ap)
{
    return (flags & (O_CREAT | __O_TMPFILE)) ? va_arg(ap, int) : 0;
}

EXPORT int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    int mode = mode_arg(flags, ap);
    va_end(ap);
    return serve(LSVC_OPEN, AT_FDCWD, path, flags, mode);
}

EXPORT int open64(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    int mode = mode_arg(flags, ap);
    va_end(ap);
    return serve(LSVC_OPEN, AT_FDCWD, path, flags | O_LARGEFILE, mode);
}

EXPORT int __open_2(const char *path, int flags);
EXPORT int __open_2(const char *path, int flags) { return serve(LSVC_OPEN, AT_FDCWD, path, flags, 0); }
EXPORT int __open64_2(const char *path, int flags);
EXPORT int __open64_2(const char *path, int flags) { return serve(LSVC_OPEN, AT_FDCWD, path, flags | O_LARGEFILE, 0); }

/* openat with AT_FDCWD is the program's open() under another name (glibc
 * itself and coreutils use it): it is served as "open". */
static int serve_at(int dirfd, const char *path, int flags, int mode)
{
    return serve(dirfd == AT_FDCWD ? LSVC_OPEN : LSVC_OPENAT, dirfd, path, flags, mode);
}

EXPORT int openat(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    int mode = mode_arg(flags, ap);
    va_end(ap);
    return serve_at(dirfd, path, flags, mode);
}

EXPORT int openat64(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    int mode = mode_arg(flags, ap);
    va_end(ap);
    return serve_at(dirfd, path, flags | O_LARGEFILE, mode);
}

EXPORT int __openat_2(int dirfd, const char *path, int flags);
EXPORT int __openat_2(int dirfd, const char *path, int flags) { return serve_at(dirfd, path, flags, 0); }
EXPORT int __openat64_2(int dirfd, const char *path, int flags);
EXPORT int __openat64_2(int dirfd, const char *path, int flags) { return serve_at(dirfd, path, flags | O_LARGEFILE, 0); }

/* fopen's mode string as open(2) flags (the letters glibc accepts). */
static int fopen_flags(const char *m)
{
    int flags;
    switch (m[0]) {
    case 'r': flags = 0; break;
    case 'w': flags = O_CREAT | O_TRUNC; break;
    case 'a': flags = O_CREAT | O_APPEND; break;
    default: return -1;
    }
    int plus = strchr(m + 1, '+') != NULL;
    flags |= plus ? O_RDWR : (m[0] == 'r' ? O_RDONLY : O_WRONLY);
    if (strchr(m + 1, 'x')) flags |= O_EXCL;
    if (strchr(m + 1, 'e')) flags |= O_CLOEXEC;
    return flags;
}

static FILE *serve_fopen(const char *name, const char *path, const char *m)
{
    if (lsvc_bypass() || path == NULL || m == NULL)
        return ((fopen_fn)lsvc_real(name))(path, m);
    int flags = fopen_flags(m);
    if (flags < 0) {
        errno = EINVAL;
        return NULL;
    }
    int fd = serve(LSVC_OPEN, AT_FDCWD, path, flags, 0666);
    if (fd < 0) return NULL;
    FILE *f = fdopen(fd, m);
    if (f == NULL) {
        int err = errno;
        close(fd);
        errno = err;
    }
    return f;
}

EXPORT FILE *fopen(const char *path, const char *m) { return serve_fopen("fopen", path, m); }
EXPORT FILE *fopen64(const char *path, const char *m) { return serve_fopen("fopen64", path, m); }
