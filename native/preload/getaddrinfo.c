/* getaddrinfo: the master answers an EAI error, no address, or one
 * address (and maybe a port), turned here into a list glibc's
 * freeaddrinfo() can free: each entry is one malloc'ed block holding the
 * struct addrinfo and its sockaddr, ai_canonname NULL. One entry per
 * socket type the hints allow (stream, datagram). A filter answers in the
 * master's shape (filter_values.c). */
#include "call.h"
#include "filter_values.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

typedef int (*gai_fn)(const char *, const char *, const struct addrinfo *, struct addrinfo **);

static const int EAI_CODES[] = { EAI_AGAIN, EAI_BADFLAGS, EAI_FAIL, EAI_FAMILY, EAI_MEMORY,
                                 EAI_NONAME, EAI_SERVICE, EAI_SOCKTYPE, EAI_SYSTEM };

static int known_eai(int code)
{
    for (size_t i = 0; i < sizeof EAI_CODES / sizeof EAI_CODES[0]; i++)
        if (EAI_CODES[i] == code) return 1;
    return 0;
}

static struct addrinfo *entry(const struct lsvc_addrinfo *a, int socktype, int protocol)
{
    struct { struct addrinfo ai; struct sockaddr_in6 sa; } *e = calloc(1, sizeof *e);
    if (e == NULL) return NULL;
    e->ai.ai_socktype = socktype;
    e->ai.ai_protocol = protocol;
    e->ai.ai_addr = (struct sockaddr *)&e->sa;
    uint16_t port = htons(a->port < 0 ? 0 : (uint16_t)a->port);
    if (a->family == 4) {
        struct sockaddr_in *in = (struct sockaddr_in *)&e->sa;
        e->ai.ai_family = AF_INET;
        e->ai.ai_addrlen = sizeof *in;
        in->sin_family = AF_INET;
        in->sin_port = port;
        memcpy(&in->sin_addr, a->addr, 4);
    } else {
        e->ai.ai_family = AF_INET6;
        e->ai.ai_addrlen = sizeof e->sa;
        e->sa.sin6_family = AF_INET6;
        e->sa.sin6_port = port;
        e->sa.sin6_scope_id = a->scope_id;
        memcpy(&e->sa.sin6_addr, a->addr, 16);
    }
    return &e->ai;
}

/* The answer as the list getaddrinfo() returns. */
static int answer(const struct lsvc_addrinfo *a, int err, const struct addrinfo *hints, struct addrinfo **res)
{
    int socktype = hints ? hints->ai_socktype : 0;
    int protocol = hints ? hints->ai_protocol : 0;
    if (a->status == 2) {
        if (a->eai == EAI_SYSTEM) errno = err;
        return known_eai(a->eai) ? a->eai : EAI_FAIL;
    }
    if (a->status == 1 || (a->family != 4 && a->family != 6)) return EAI_NONAME;
    int family = hints ? hints->ai_family : AF_UNSPEC;
    if (family != AF_UNSPEC && family != (a->family == 4 ? AF_INET : AF_INET6)) return EAI_NONAME;
    struct addrinfo *first = NULL, **next = &first;
    for (int t = 0; t < 2; t++) {
        int type = t == 0 ? SOCK_STREAM : SOCK_DGRAM;
        int proto = type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
        if ((socktype != 0 && socktype != type) || (protocol != 0 && protocol != proto)) continue;
        struct addrinfo *e = entry(a, type, proto);
        if (e == NULL) {
            freeaddrinfo(first);
            return EAI_MEMORY;
        }
        *next = e;
        next = &e->ai_next;
    }
    if (first == NULL) return EAI_SOCKTYPE;
    *res = first;
    return 0;
}

EXPORT int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
                       struct addrinfo **res)
{
    if (lsvc_bypass() || res == NULL || (node == NULL && service == NULL))
        return ((gai_fn)lsvc_real("getaddrinfo"))(node, service, hints, res);
    int socktype = hints ? hints->ai_socktype : 0;
    int protocol = hints ? hints->ai_protocol : 0;
    struct lsvc_call c = { .function = LSVC_GETADDRINFO, .path = node, .path2 = service,
                           .protocol = (socktype == SOCK_STREAM || protocol == IPPROTO_TCP) ? 1
                                     : (socktype == SOCK_DGRAM || protocol == IPPROTO_UDP) ? 2 : 0 };
    int err;
    const char *source = lsvc_filter_source(LSVC_GETADDRINFO);
    if (source != NULL) {
        struct lsvc_addrinfo a;
        lsvc_enter();
        lsvc_filter_getaddrinfo(source, &c, &a, &err);
        lsvc_leave();
        return answer(&a, err, hints, res);
    }
    struct lsvc_answer ans;
    lsvc_enter();
    long r = lsvc_proxy(&c, &ans, &err);
    lsvc_close_fds(&ans);
    lsvc_leave();
    if (r == -2) return ((gai_fn)lsvc_real("getaddrinfo"))(node, service, hints, res);
    if (r < 0 || ans.reply.extra_len != sizeof ans.extra.addrinfo) {
        errno = r < 0 ? err : EPROTO;
        return EAI_SYSTEM;
    }
    return answer(&ans.extra.addrinfo, err, hints, res);
}
