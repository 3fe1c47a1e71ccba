/* connect and bind of AF_UNIX, AF_INET and AF_INET6 sockets; other
 * families go to libc. */
#include "call.h"

#include <errno.h>
#include <netinet/in.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

typedef int (*sock_fn)(int, const struct sockaddr *, socklen_t);

static int serve(const char *name, int base, int fd, const struct sockaddr *sa, socklen_t len)
{
    struct lsvc_call c = { .fd = fd };
    if (lsvc_bypass() || sa == NULL || len < sizeof(sa_family_t)) goto libc;
    if (sa->sa_family == AF_UNIX && len > offsetof(struct sockaddr_un, sun_path)) {
        const struct sockaddr_un *un = (const void *)sa;
        c.function = base;
        c.path = un->sun_path;
        c.path_len = len - offsetof(struct sockaddr_un, sun_path);
        if (c.path_len > sizeof un->sun_path) goto libc;
        /* A pathname address ends at its NUL; an abstract one keeps all. */
        if (c.path_len > 0 && un->sun_path[0] != '\0') c.path_len = strnlen(c.path, c.path_len);
    } else if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *in = (const void *)sa;
        c.function = base + 1;
        c.port = ntohs(in->sin_port);
        memcpy(c.addr, &in->sin_addr, 4);
    } else if (sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *in6 = (const void *)sa;
        c.function = base + 2;
        c.port = ntohs(in6->sin6_port);
        c.scope_id = in6->sin6_scope_id;
        memcpy(c.addr, &in6->sin6_addr, 16);
    } else {
        goto libc;
    }
    int err;
    lsvc_enter();
    long r = lsvc_dispatch(&c, &err);
    lsvc_leave();
    if (r < 0) errno = err;
    return (int)r;
libc:
    return ((sock_fn)lsvc_real(name))(fd, sa, len);
}

EXPORT int connect(int fd, const struct sockaddr *sa, socklen_t len)
{
    return serve("connect", LSVC_CONNECT_UNIX, fd, sa, len);
}

EXPORT int bind(int fd, const struct sockaddr *sa, socklen_t len)
{
    return serve("bind", LSVC_BIND_UNIX, fd, sa, len);
}
