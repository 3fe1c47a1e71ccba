/* The policy hand-over of deferred.h: written once, before the final execve. */
#include "deferred.h"
#include "die.h"
#include "fds.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void write_all_or_die(int fd, const void *buf, size_t len)
{
    const unsigned char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n == -1 && errno == EINTR)
            continue;
        if (n <= 0)
            die_with_errno("write the policy hand-over");
        p += n;
        len -= (size_t)n;
    }
}

static void keep_across_exec(int fd)
{
    if (fcntl(fd, F_SETFD, 0) == -1)
        die_with_errno("clear close-on-exec of fd %d", fd);
}

size_t deferred_hand_over(char **envp, size_t envc)
{
    size_t count = deferred_count();
    if (count == 0)
        return envc;
    int mfd = memfd_create("emilua-ts-policies", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (mfd == -1)
        die_with_errno("memfd_create (policy hand-over)");
    unsigned char header[8] = { 'E', 'T', 'I', 'P', 1, (unsigned char)count, 0, 0 };
    write_all_or_die(mfd, header, sizeof header);
    for (size_t i = 0; i < count; i++) {
        int fd;
        const void *insns;
        size_t len;
        int kind = deferred_kind(i, &fd, &insns, &len);
        unsigned char rec[8] = { (unsigned char)kind, 0, 0, 0 };
        uint32_t value = kind == DEFERRED_LANDLOCK ? (uint32_t)fd : (uint32_t)len;
        memcpy(rec + 4, &value, 4);
        write_all_or_die(mfd, rec, sizeof rec);
        if (kind == DEFERRED_SECCOMP)
            write_all_or_die(mfd, insns, len);
        else
            keep_across_exec(fd);
    }
    /* The host reads it from offset 0 and may trust it was not changed. */
    if (lseek(mfd, 0, SEEK_SET) == -1)
        die_with_errno("lseek (policy hand-over)");
    if (fcntl(mfd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW |
              F_SEAL_WRITE) == -1)
        die_with_errno("seal the policy hand-over");
    keep_across_exec(mfd);
    keep_across_exec(STATUS_FD);

    static char policy_var[64], status_var[64];
    snprintf(policy_var, sizeof policy_var, POLICY_FD_ENV_NAME "=%d", mfd);
    snprintf(status_var, sizeof status_var, STATUS_FD_ENV_NAME "=%d", STATUS_FD);
    envp[envc++] = policy_var;
    envp[envc++] = status_var;
    envp[envc] = NULL;
    return envc;
}
