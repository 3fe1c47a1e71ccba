/* init.script's global helpers: mode, dev_major, dev_minor, write_all,
 * receive_with_fd, send_with_fd, set_no_new_privs, bind_unix. */
#include "lua_support.h"

#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#define RECV_MAX (16 * 1024 * 1024)

static int l_mode(lua_State *L)
{
    unsigned u = check_uint(L, 1), g = check_uint(L, 2), o = check_uint(L, 3);
    lua_pushinteger(L, (lua_Integer)((u << 6) | (g << 3) | o));
    return 1;
}

static int l_dev_major(lua_State *L)
{
    lua_pushnumber(L, major(check_u64(L, 1)));
    return 1;
}

static int l_dev_minor(lua_State *L)
{
    lua_pushnumber(L, minor(check_u64(L, 1)));
    return 1;
}

/* Loops over short writes; returns (bytes written, errno). */
static int l_write_all(lua_State *L)
{
    int fd = check_int(L, 1);
    size_t len, done = 0;
    const char *s = luaL_checklstring(L, 2, &len);
    int err = 0;
    while (done < len) {
        ssize_t r = write(fd, s + done, len - done);
        if (r == -1) {
            if (errno == EINTR)
                continue;
            err = errno;
            break;
        }
        done += (size_t)r;
    }
    check_errexit(L, "write_all", err);
    lua_pushnumber(L, (lua_Number)done);
    lua_pushinteger(L, err);
    return 2;
}

/* Closes every fd carried by a control message we will not hand on. */
static void close_received(struct msghdr *msg, int keep)
{
    for (struct cmsghdr *c = CMSG_FIRSTHDR(msg); c; c = CMSG_NXTHDR(msg, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
            continue;
        size_t n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < n; i++) {
            int fd;
            memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
            if (fd != keep)
                close(fd);
        }
    }
}

/* Returns (string|nil, fd|-1, errno). At most one fd is taken; any extra
 * fd, or every fd when the control data was truncated, is closed so the
 * peer cannot stuff the helper's table. Received fds are close-on-exec:
 * they reach the actor host only if the script dup2's them on purpose. */
static int l_receive_with_fd(lua_State *L)
{
    int fd = check_int(L, 1);
    int size = check_int(L, 2);
    if (size < 0 || size > RECV_MAX)
        luaL_argerror(L, 2, "size out of range");
    char *buf = lua_newuserdata(L, size > 0 ? (size_t)size : 1);
    struct iovec iov = { .iov_base = buf, .iov_len = (size_t)size };
    union {
        struct cmsghdr align;
        char buf[CMSG_SPACE(sizeof(int) * 4)];
    } cmsgu;
    struct msghdr msg = {
        .msg_iov = &iov,
        .msg_iovlen = 1,
        .msg_control = cmsgu.buf,
        .msg_controllen = sizeof cmsgu.buf,
    };
    ssize_t r;
    do {
        r = recvmsg(fd, &msg, MSG_CMSG_CLOEXEC);
    } while (r == -1 && errno == EINTR);
    int err = r == -1 ? errno : 0;
    int got = -1;
    if (r >= 0) {
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c && got == -1;
             c = CMSG_NXTHDR(&msg, c))
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
                c->cmsg_len >= CMSG_LEN(sizeof(int)))
                memcpy(&got, CMSG_DATA(c), sizeof got);
        if (msg.msg_flags & MSG_CTRUNC) {
            close_received(&msg, -1);
            got = -1;
            r = -1;
            err = EMSGSIZE;
        } else {
            close_received(&msg, got);
        }
    }
    check_errexit(L, "receive_with_fd", err);
    if (r >= 0)
        lua_pushlstring(L, buf, (size_t)r);
    else
        lua_pushnil(L);
    lua_pushinteger(L, got);
    lua_pushinteger(L, err);
    return 3;
}

static int l_send_with_fd(lua_State *L)
{
    int fd = check_int(L, 1);
    size_t len;
    const char *s = luaL_checklstring(L, 2, &len);
    int fd2 = check_int(L, 3);
    struct iovec iov = { .iov_base = (void *)s, .iov_len = len };
    union {
        struct cmsghdr align;
        char buf[CMSG_SPACE(sizeof(int))];
    } cmsgu;
    memset(&cmsgu, 0, sizeof cmsgu);
    struct msghdr msg = {
        .msg_iov = &iov,
        .msg_iovlen = 1,
        .msg_control = cmsgu.buf,
        .msg_controllen = sizeof cmsgu.buf,
    };
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd2, sizeof fd2);
    return RET("send_with_fd", sendmsg(fd, &msg, MSG_NOSIGNAL));
}

static int l_set_no_new_privs(lua_State *L)
{
    return RET("set_no_new_privs", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
}

/* bind(2) of a unix socket to a filesystem path (the NUL is added here). */
static int l_bind_unix(lua_State *L)
{
    int fd = check_int(L, 1);
    size_t len;
    const char *path = luaL_checklstring(L, 2, &len);
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    if (memchr(path, '\0', len) != NULL)
        luaL_argerror(L, 2, "path contains a NUL byte");
    if (len >= sizeof addr.sun_path)
        return push_result(L, "bind_unix", -1, ENAMETOOLONG);
    memcpy(addr.sun_path, path, len);
    socklen_t alen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len
                                 + 1);
    return RET("bind_unix", bind(fd, (struct sockaddr *)&addr, alen));
}

void register_helpers(lua_State *L)
{
    lua_register(L, "mode", l_mode);
    lua_register(L, "dev_major", l_dev_major);
    lua_register(L, "dev_minor", l_dev_minor);
    lua_register(L, "write_all", l_write_all);
    lua_register(L, "receive_with_fd", l_receive_with_fd);
    lua_register(L, "send_with_fd", l_send_with_fd);
    lua_register(L, "set_no_new_privs", l_set_no_new_privs);
    lua_register(L, "bind_unix", l_bind_unix);
}
