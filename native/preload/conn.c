/* The connection to the master: found through EMILUA_LIBC_SERVICE_FD when
 * the library loads, then one request/reply at a time under a mutex.
 *
 * Threat model: this code runs in the sandboxed process and protects
 * nothing from it (libc_service is a compatibility layer, not a security
 * boundary; the master validates every request). What it guards is the
 * program's own sanity: a reply is read whole or not at all, threads never
 * interleave their requests, and after fork(2) the child never shares the
 * parent's half of a request: the child closes its copy and serves every
 * later call from libc itself (docs/sandboxing.md). */
#include "preload.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

static int service_fd = -1;
static int starting = 1;
static pthread_mutex_t service_lock = PTHREAD_MUTEX_INITIALIZER;
static __thread int inside;
static char *filters[LSVC_FUNCTION_COUNT];

void *lsvc_real(const char *name)
{
    void *fn = dlsym(RTLD_NEXT, name);
    if (fn == NULL) {
        dprintf(2, "emilua-ts libc_service: libc has no %s\n", name);
        abort();
    }
    return fn;
}

int lsvc_bypass(void) { return starting || inside || service_fd < 0; }
void lsvc_enter(void) { inside++; }
void lsvc_leave(void) { inside--; }

const char *lsvc_filter_source(int function)
{
    if (function <= 0 || function >= LSVC_FUNCTION_COUNT) return NULL;
    return filters[function];
}

static void drop_connection(void)
{
    if (service_fd >= 0) close(service_fd);
    service_fd = -1;
}

static void before_fork(void) { pthread_mutex_lock(&service_lock); }
static void after_fork_parent(void) { pthread_mutex_unlock(&service_lock); }
static void after_fork_child(void)
{
    drop_connection();
    pthread_mutex_unlock(&service_lock);
}

/* The config datagram: { u8 id; u32 length; source }*. A malformed config
 * leaves the service off (every call goes to libc) and says so. */
static int read_config(int fd)
{
    char *buf = malloc(LSVC_MAX_CONFIG);
    if (buf == NULL) return -1;
    ssize_t n;
    do n = recv(fd, buf, LSVC_MAX_CONFIG, MSG_TRUNC);
    while (n < 0 && errno == EINTR);
    if (n < 0 || n > LSVC_MAX_CONFIG) goto bad;
    size_t at = 0;
    while (at < (size_t)n) {
        uint8_t id;
        uint32_t len;
        if ((size_t)n - at < 5) goto bad;
        memcpy(&id, buf + at, 1);
        memcpy(&len, buf + at + 1, 4);
        at += 5;
        if (id == 0 || id >= LSVC_FUNCTION_COUNT || len > (size_t)n - at || filters[id]) goto bad;
        filters[id] = strndup(buf + at, len);
        if (filters[id] == NULL) goto bad;
        at += len;
    }
    free(buf);
    return 0;
bad:
    free(buf);
    dprintf(2, "emilua-ts libc_service: malformed filter config; service off\n");
    return -1;
}

/* The socket came from the runtime non-blocking; this process waits for
 * each answer, so its copy blocks (the master's end is another open file
 * description, unaffected). */
static int blocking(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
}

__attribute__((constructor)) static void lsvc_start(void)
{
    const char *env = getenv("EMILUA_LIBC_SERVICE_FD");
    if (env != NULL && *env != '\0') {
        char *end;
        errno = 0;
        long fd = strtol(env, &end, 10);
        /* Descendants must not take whatever later sits at that number for
         * the service: the variable goes, the fd is close-on-exec. */
        unsetenv("EMILUA_LIBC_SERVICE_FD");
        if (errno == 0 && *end == '\0' && fd >= 0 && fd < 1 << 20 &&
            fcntl((int)fd, F_SETFD, FD_CLOEXEC) == 0 && blocking((int)fd) == 0 &&
            read_config((int)fd) == 0 &&
            pthread_atfork(before_fork, after_fork_parent, after_fork_child) == 0)
            service_fd = (int)fd;
    }
    starting = 0;
}

void lsvc_close_fds(struct lsvc_answer *ans)
{
    for (int i = 0; i < ans->nfds; i++)
        if (ans->fds[i] >= 0) close(ans->fds[i]);
    ans->nfds = 0;
}

static int send_request(const struct lsvc_request *req, const void *s0, const void *s1, int fd)
{
    struct iovec iov[3] = {
        { (void *)req, sizeof *req }, { (void *)s0, req->len0 }, { (void *)s1, req->len1 },
    };
    union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int))]; } ctl;
    struct msghdr msg = { .msg_iov = iov, .msg_iovlen = 3 };
    if (fd >= 0) {
        memset(&ctl, 0, sizeof ctl);
        msg.msg_control = ctl.b;
        msg.msg_controllen = sizeof ctl.b;
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(c), &fd, sizeof fd);
    }
    ssize_t n;
    do n = sendmsg(service_fd, &msg, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n < 0 ? -errno : 0;
}

static int receive_answer(struct lsvc_answer *ans)
{
    char buf[sizeof ans->reply + sizeof ans->extra];
    union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int) * LSVC_MAX_FDS)]; } ctl;
    struct iovec iov = { buf, sizeof buf };
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.b,
                          .msg_controllen = sizeof ctl.b };
    ssize_t n;
    do n = recvmsg(service_fd, &msg, MSG_CMSG_CLOEXEC);
    while (n < 0 && errno == EINTR);
    if (n < 0) return -errno;
    ans->nfds = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c != NULL; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
        size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < count && ans->nfds < LSVC_MAX_FDS; i++)
            memcpy(&ans->fds[ans->nfds++], CMSG_DATA(c) + i * sizeof(int), sizeof(int));
    }
    if (n == 0) return -ECONNRESET;
    if ((size_t)n < sizeof ans->reply || (msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC))) goto bad;
    memcpy(&ans->reply, buf, sizeof ans->reply);
    if (ans->reply.magic != LSVC_MAGIC || ans->reply.extra_len > sizeof ans->extra ||
        ans->reply.extra_len != (size_t)n - sizeof ans->reply)
        goto bad;
    memset(&ans->extra, 0, sizeof ans->extra);
    memcpy(&ans->extra, buf + sizeof ans->reply, ans->reply.extra_len);
    return 0;
bad:
    lsvc_close_fds(ans);
    return -EPROTO;
}

int lsvc_ask(const struct lsvc_request *req, const void *s0, const void *s1,
             int fd, struct lsvc_answer *ans)
{
    pthread_mutex_lock(&service_lock);
    int r = service_fd < 0 ? -ENOTCONN : send_request(req, s0, s1, fd);
    if (r == 0) r = receive_answer(ans);
    if (r < 0 && r != -ENOTCONN) {
        dprintf(2, "emilua-ts libc_service: the master is gone (%s); calls go to libc now\n",
                strerror(-r));
        drop_connection();
    }
    pthread_mutex_unlock(&service_lock);
    return r;
}
