/* stat, stat64, lstat, lstat64; fstatat, fstatat64 and statx on a path
 * relative to the working directory or absolute; the __xstat family that
 * programs built against glibc older than 2.33 call. All are served as
 * "stat" or "lstat": the master (or the filter) answers -1 + errno or a
 * table (struct lsvc_stat); use_slave_credentials makes the same call in
 * libc. A directory descriptor, AT_EMPTY_PATH or another flag is not a
 * path the master could judge: such calls go to libc. */
#include "call.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

typedef int (*stat_fn)(const char *, struct stat *);
typedef int (*fstatat_fn)(int, const char *, struct stat *, int);
typedef int (*statx_fn)(int, const char *, int, unsigned, struct statx *);

/* Asks for stat/lstat of path: 0 (st filled), -1 (errno set), or 1 when
 * the caller must make the call in libc (use_slave_credentials). */
static int ask(int function, const char *path, struct stat *st)
{
    struct lsvc_call c = { .function = function, .path = path, .caller_runs_libc = 1 };
    int err;
    const char *source = lsvc_filter_source(function);
    lsvc_enter();
    if (source != NULL) {
        int r = lsvc_filter_stat(source, &c, st, &err);
        lsvc_leave();
        if (r < 0) errno = err;
        return r;
    }
    struct lsvc_answer ans;
    long r = lsvc_proxy(&c, &ans, &err);
    lsvc_close_fds(&ans);
    lsvc_leave();
    if (ans.libc) return 1;
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

static int serve(const char *name, int function, const char *path, struct stat *st)
{
    int r = lsvc_bypass() || path == NULL || st == NULL ? 1 : ask(function, path, st);
    return r == 1 ? ((stat_fn)lsvc_real(name))(path, st) : r;
}

EXPORT int stat(const char *path, struct stat *st) { return serve("stat", LSVC_STAT, path, st); }
EXPORT int stat64(const char *path, struct stat64 *st) { return serve("stat64", LSVC_STAT, path, (struct stat *)st); }
EXPORT int lstat(const char *path, struct stat *st) { return serve("lstat", LSVC_LSTAT, path, st); }
EXPORT int lstat64(const char *path, struct stat64 *st) { return serve("lstat64", LSVC_LSTAT, path, (struct stat *)st); }

/* A path the master can judge: named from the working directory or from
 * the root, with no flag but those in `allowed`. */
static int servable(int dirfd, const char *path, int flags, int allowed)
{
    return !lsvc_bypass() && path != NULL && path[0] != '\0' &&
           (dirfd == AT_FDCWD || path[0] == '/') && (flags & ~allowed) == 0;
}

static int serve_at(int dirfd, const char *path, struct stat *st, int flags)
{
    int r = 1;
    if (st != NULL && servable(dirfd, path, flags, AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT))
        r = ask(flags & AT_SYMLINK_NOFOLLOW ? LSVC_LSTAT : LSVC_STAT, path, st);
    return r == 1 ? ((fstatat_fn)lsvc_real("fstatat"))(dirfd, path, st, flags) : r;
}

EXPORT int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
    return serve_at(dirfd, path, st, flags);
}

EXPORT int fstatat64(int dirfd, const char *path, struct stat64 *st, int flags)
{
    return serve_at(dirfd, path, (struct stat *)st, flags);
}

/* The pre-2.33 entry points. On x86-64 and arm64 every stat version glibc
 * accepts has the kernel's struct stat, the layout of struct stat here. */
EXPORT int __xstat(int ver, const char *path, struct stat *st);
EXPORT int __xstat(int ver, const char *path, struct stat *st) { (void)ver; return serve_at(AT_FDCWD, path, st, 0); }
EXPORT int __xstat64(int ver, const char *path, struct stat64 *st);
EXPORT int __xstat64(int ver, const char *path, struct stat64 *st) { (void)ver; return serve_at(AT_FDCWD, path, (struct stat *)st, 0); }
EXPORT int __lxstat(int ver, const char *path, struct stat *st);
EXPORT int __lxstat(int ver, const char *path, struct stat *st) { (void)ver; return serve_at(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW); }
EXPORT int __lxstat64(int ver, const char *path, struct stat64 *st);
EXPORT int __lxstat64(int ver, const char *path, struct stat64 *st) { (void)ver; return serve_at(AT_FDCWD, path, (struct stat *)st, AT_SYMLINK_NOFOLLOW); }
EXPORT int __fxstatat(int ver, int dirfd, const char *path, struct stat *st, int flags);
EXPORT int __fxstatat(int ver, int dirfd, const char *path, struct stat *st, int flags) { (void)ver; return serve_at(dirfd, path, st, flags); }
EXPORT int __fxstatat64(int ver, int dirfd, const char *path, struct stat64 *st, int flags);
EXPORT int __fxstatat64(int ver, int dirfd, const char *path, struct stat64 *st, int flags) { (void)ver; return serve_at(dirfd, path, (struct stat *)st, flags); }

static void statx_time(struct statx_timestamp *out, const struct timespec *in)
{
    out->tv_sec = in->tv_sec;
    out->tv_nsec = (uint32_t)in->tv_nsec;
}

/* The basic fields of a statx answer; btime, attributes and mount id are
 * not part of what the master answers (stx_mask says so). */
static void to_statx(const struct stat *st, struct statx *x)
{
    memset(x, 0, sizeof *x);
    x->stx_mask = STATX_BASIC_STATS;
    x->stx_blksize = (uint32_t)st->st_blksize;
    x->stx_nlink = (uint32_t)st->st_nlink;
    x->stx_uid = st->st_uid;
    x->stx_gid = st->st_gid;
    x->stx_mode = (uint16_t)st->st_mode;
    x->stx_ino = st->st_ino;
    x->stx_size = (uint64_t)st->st_size;
    x->stx_blocks = (uint64_t)st->st_blocks;
    statx_time(&x->stx_atime, &st->st_atim);
    statx_time(&x->stx_mtime, &st->st_mtim);
    statx_time(&x->stx_ctime, &st->st_ctim);
    x->stx_rdev_major = major(st->st_rdev);
    x->stx_rdev_minor = minor(st->st_rdev);
    x->stx_dev_major = major(st->st_dev);
    x->stx_dev_minor = minor(st->st_dev);
}

EXPORT int statx(int dirfd, const char *path, int flags, unsigned mask, struct statx *x)
{
    if (x != NULL && servable(dirfd, path, flags, AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE)) {
        struct stat st;
        int r = ask(flags & AT_SYMLINK_NOFOLLOW ? LSVC_LSTAT : LSVC_STAT, path, &st);
        if (r == 0) to_statx(&st, x);
        if (r != 1) return r;
    }
    return ((statx_fn)lsvc_real("statx"))(dirfd, path, flags, mask, x);
}
