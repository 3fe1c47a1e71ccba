/* The proxied call: ask the master; run libc in this process when the
 * master says use_slave_credentials or cannot be reached. */
#include "call.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <unistd.h>
#include <linux/openat2.h>

typedef int (*openat_fn)(int, const char *, int, ...);
typedef int (*path_fn)(const char *);
typedef int (*path_int_fn)(const char *, int);
typedef int (*path_mode_fn)(const char *, mode_t);
typedef int (*rename_fn)(const char *, const char *);
typedef int (*stat_fn)(const char *, struct stat *);
typedef int (*sock_fn)(int, const struct sockaddr *, socklen_t);

static long sock_call(const struct lsvc_call *c, int bind_it)
{
    sock_fn fn = (sock_fn)lsvc_real(bind_it ? "bind" : "connect");
    union { struct sockaddr_un un; struct sockaddr_in in; struct sockaddr_in6 in6; } sa;
    memset(&sa, 0, sizeof sa);
    socklen_t len;
    int kind = c->function;
    if (kind == LSVC_CONNECT_UNIX || kind == LSVC_BIND_UNIX) {
        sa.un.sun_family = AF_UNIX;
        size_t n = c->path_len < sizeof sa.un.sun_path ? c->path_len : sizeof sa.un.sun_path;
        memcpy(sa.un.sun_path, c->path, n);
        len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
    } else if (kind == LSVC_CONNECT_INET || kind == LSVC_BIND_INET) {
        sa.in.sin_family = AF_INET;
        sa.in.sin_port = htons((uint16_t)c->port);
        memcpy(&sa.in.sin_addr, c->addr, 4);
        len = sizeof sa.in;
    } else {
        sa.in6.sin6_family = AF_INET6;
        sa.in6.sin6_port = htons((uint16_t)c->port);
        memcpy(&sa.in6.sin6_addr, c->addr, 16);
        sa.in6.sin6_scope_id = c->scope_id;
        len = sizeof sa.in6;
    }
    return fn(c->fd, (struct sockaddr *)&sa, len);
}

static long openat_call(const struct lsvc_call *c)
{
    if (c->resolve == 0)
        return ((openat_fn)lsvc_real("openat"))(c->fd, c->path, c->flags, c->mode);
    struct open_how how = { .flags = (uint64_t)(unsigned)c->flags,
                            .mode = (c->flags & (O_CREAT | __O_TMPFILE)) ? (uint64_t)c->mode : 0,
                            .resolve = (uint64_t)(unsigned)c->resolve };
    return syscall(SYS_openat2, c->fd, c->path, &how, sizeof how);
}

long lsvc_libc(const struct lsvc_call *c, struct stat *st, int *err)
{
    long r;
    errno = 0;
    switch (c->function) {
    case LSVC_OPEN: r = ((openat_fn)lsvc_real("openat"))(AT_FDCWD, c->path, c->flags, c->mode); break;
    case LSVC_OPENAT: r = openat_call(c); break;
    case LSVC_UNLINK: r = ((path_fn)lsvc_real("unlink"))(c->path); break;
    case LSVC_RMDIR: r = ((path_fn)lsvc_real("rmdir"))(c->path); break;
    case LSVC_RENAME: r = ((rename_fn)lsvc_real("rename"))(c->path, c->path2); break;
    case LSVC_ACCESS: r = ((path_int_fn)lsvc_real("access"))(c->path, c->amode); break;
    case LSVC_EACCESS: r = ((path_int_fn)lsvc_real("euidaccess"))(c->path, c->amode); break;
    case LSVC_MKDIR: r = ((path_mode_fn)lsvc_real("mkdir"))(c->path, (mode_t)c->mode); break;
    case LSVC_STAT: r = ((stat_fn)lsvc_real("stat"))(c->path, st); break;
    case LSVC_LSTAT: r = ((stat_fn)lsvc_real("lstat"))(c->path, st); break;
    case LSVC_CONNECT_UNIX: case LSVC_CONNECT_INET: case LSVC_CONNECT_INET6:
        r = sock_call(c, 0); break;
    case LSVC_BIND_UNIX: case LSVC_BIND_INET: case LSVC_BIND_INET6:
        r = sock_call(c, 1); break;
    default: errno = ENOSYS; r = -1; break;
    }
    *err = r < 0 ? errno : 0;
    return r;
}

static void fill_request(const struct lsvc_call *c, struct lsvc_request *req,
                         const void **s0, const void **s1)
{
    memset(req, 0, sizeof *req);
    req->magic = LSVC_MAGIC;
    req->function = (uint16_t)c->function;
    *s0 = c->path;
    *s1 = NULL;
    switch (c->function) {
    case LSVC_OPEN: case LSVC_OPENAT:
        req->i[0] = c->flags; req->i[1] = c->mode; req->i[2] = c->resolve; break;
    case LSVC_ACCESS: case LSVC_EACCESS: req->i[0] = c->amode; break;
    case LSVC_MKDIR: req->i[0] = c->mode; break;
    case LSVC_RENAME: *s1 = c->path2; req->len1 = (uint32_t)strlen(c->path2); break;
    case LSVC_CONNECT_INET: case LSVC_BIND_INET:
        *s0 = c->addr; req->len0 = 4; req->i[0] = c->port; return;
    case LSVC_CONNECT_INET6: case LSVC_BIND_INET6:
        *s0 = c->addr; req->len0 = 16; req->i[0] = c->port; req->i[1] = (int32_t)c->scope_id; return;
    case LSVC_CONNECT_UNIX: case LSVC_BIND_UNIX: req->len0 = (uint32_t)c->path_len; return;
    case LSVC_GETADDRINFO:
        req->i[0] = c->protocol;
        req->i[1] = (c->path ? 1 : 0) | (c->path2 ? 2 : 0);
        req->len0 = c->path ? (uint32_t)strlen(c->path) : 0;
        *s1 = c->path2;
        req->len1 = c->path2 ? (uint32_t)strlen(c->path2) : 0;
        return;
    default: break;
    }
    req->len0 = (uint32_t)strlen(c->path);
}

long lsvc_proxy(const struct lsvc_call *c, struct lsvc_answer *ans, int *err)
{
    struct lsvc_request req;
    const void *s0, *s1;
    ans->nfds = 0;
    ans->libc = 0;
    ans->reply.extra_len = 0;
    fill_request(c, &req, &s0, &s1);
    if (req.len0 > LSVC_MAX_STR || req.len1 > LSVC_MAX_STR) {
        *err = ENAMETOOLONG;
        return -1;
    }
    int dirfd = c->function == LSVC_OPENAT && c->fd >= 0 ? c->fd : -1;
    req.has_fd = dirfd >= 0;
    if (lsvc_ask(&req, s0, s1, dirfd, ans) < 0 || ans->reply.kind == LSVC_REPLY_USE_SLAVE) {
        ans->libc = 1;
        if (c->function == LSVC_GETADDRINFO) return -2; /* caller runs libc */
        if (c->caller_runs_libc) {
            *err = 0;
            return -1;
        }
        struct stat st;
        long r = lsvc_libc(c, &st, err);
        if (r == 0 && (c->function == LSVC_STAT || c->function == LSVC_LSTAT)) {
            /* Hand libc's answer back in the master's shape. */
            struct lsvc_stat *o = &ans->extra.stat;
            o->present = (1u << 13) - 1;
            o->type = st.st_mode & S_IFMT;
            int64_t v[13] = { (int64_t)st.st_dev, (int64_t)st.st_ino, st.st_mode & 07777,
                (int64_t)st.st_nlink, st.st_uid, st.st_gid, (int64_t)st.st_rdev, st.st_size,
                st.st_atim.tv_sec, st.st_mtim.tv_sec, st.st_ctim.tv_sec, st.st_blksize, st.st_blocks };
            memcpy(o->v, v, sizeof v);
            o->nsec[0] = st.st_atim.tv_nsec;
            o->nsec[1] = st.st_mtim.tv_nsec;
            o->nsec[2] = st.st_ctim.tv_nsec;
            ans->reply.extra_len = sizeof *o;
        }
        return r;
    }
    *err = ans->reply.err;
    return (long)ans->reply.result;
}

void lsvc_fill_stat(const struct lsvc_stat *in, struct stat *st)
{
    int64_t v[13];
    for (int i = 0; i < 13; i++) v[i] = (in->present >> i) & 1 ? in->v[i] : 0;
    memset(st, 0, sizeof *st);
    st->st_dev = (dev_t)v[0];
    st->st_ino = (ino_t)v[1];
    st->st_mode = (mode_t)((v[2] & 07777) | in->type);
    st->st_nlink = (nlink_t)v[3];
    st->st_uid = (uid_t)v[4];
    st->st_gid = (gid_t)v[5];
    st->st_rdev = (dev_t)v[6];
    st->st_size = (off_t)v[7];
    st->st_atim.tv_sec = v[8];
    st->st_mtim.tv_sec = v[9];
    st->st_ctim.tv_sec = v[10];
    /* Nanoseconds outside [0, 1e9) would make the timespec invalid. */
    for (int i = 0; i < 3; i++) {
        int64_t ns = (in->present >> (8 + i)) & 1 ? in->nsec[i] : 0;
        if (ns < 0 || ns >= 1000000000) ns = 0;
        if (i == 0) st->st_atim.tv_nsec = ns;
        else if (i == 1) st->st_mtim.tv_nsec = ns;
        else st->st_ctim.tv_nsec = ns;
    }
    st->st_blksize = (blksize_t)v[11];
    st->st_blocks = (blkcnt_t)v[12];
}
