#include "deferred.h"
#include "kernel_compat.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

struct request {
    int kind;
    int fd;             /* Landlock: our duplicate of the ruleset */
    unsigned char *insns; /* seccomp: a copy of the filter */
    size_t len;
};

static bool enabled;
static struct request list[DEFERRED_MAX];
static size_t count;

size_t deferred_count(void)
{
    return count;
}

int deferred_kind(size_t i, int *fd, const void **insns, size_t *len)
{
    *fd = list[i].fd;
    *insns = list[i].insns;
    *len = list[i].len;
    return list[i].kind;
}

void deferred_enable(void)
{
    enabled = true;
}

bool deferred_enabled(void)
{
    return enabled;
}

int deferred_add_landlock(int ruleset_fd)
{
    if (count == DEFERRED_MAX) {
        errno = EMFILE;
        return -1;
    }
    /* Above the fds of the contract (0..6), close-on-exec until handed over. */
    int fd = fcntl(ruleset_fd, F_DUPFD_CLOEXEC, 10);
    if (fd == -1)
        return -1;
    list[count++] = (struct request){ .kind = DEFERRED_LANDLOCK, .fd = fd };
    return 0;
}

int deferred_add_seccomp(const void *insns, size_t len)
{
    if (count == DEFERRED_MAX) {
        errno = EMFILE;
        return -1;
    }
    unsigned char *copy = malloc(len);
    if (copy == NULL)
        return -1;
    memcpy(copy, insns, len);
    list[count++] = (struct request){ .kind = DEFERRED_SECCOMP, .fd = -1,
                                      .insns = copy, .len = len };
    return 0;
}

int deferred_apply_now(const char **what)
{
    for (size_t i = 0; i < count; i++) {
        struct request *r = &list[i];
        long ret;
        if (r->kind == DEFERRED_LANDLOCK) {
            *what = "C.landlock_restrict_self";
            ret = syscall(__NR_landlock_restrict_self, r->fd, 0);
        } else {
            *what = "C.seccomp_set_mode_filter";
            struct sock_fprog prog = {
                .len = (unsigned short)(r->len / sizeof(struct sock_filter)),
                .filter = (struct sock_filter *)r->insns,
            };
            ret = prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
        }
        if (ret == -1)
            return -1;
    }
    /* Applied: nothing left to hand over (the duplicates are close-on-exec). */
    count = 0;
    return 0;
}
