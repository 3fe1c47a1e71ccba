#include "fds.h"
#include "die.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

static bool fd_expected(int fd, bool has_arg)
{
    if (fd <= 2)
        return true;
    if (fd == CONFIG_FD || fd == IPC_FD || fd == STATUS_FD)
        return true;
    return has_arg && fd == ARG_FD;
}

static void require_open(int fd, const char *what)
{
    if (fcntl(fd, F_GETFD) == -1)
        die_report(STAGE_SETUP, errno, "fd %d (%s) is not open", fd, what);
}

void fds_check_entry(bool has_arg)
{
    /* The status fd comes first: every later failure is reported on it. */
    require_open(STATUS_FD, "status");
    require_open(CONFIG_FD, "config");
    require_open(IPC_FD, "IPC socket");
    if (has_arg)
        require_open(ARG_FD, "init.arg");

    /* /proc/self/fd lists what is open. The helper starts in a copy of the
     * parent's mount namespace, so procfs is there unless the host has none,
     * which we refuse rather than guess. */
    int dfd = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd == -1)
        die_with_errno("open /proc/self/fd");
    DIR *dir = fdopendir(dfd);
    if (dir == NULL)
        die_with_errno("fdopendir /proc/self/fd");
    struct dirent *e;
    errno = 0;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *end;
        long fd = strtol(e->d_name, &end, 10);
        if (*end != '\0' || fd < 0 || fd > INT_MAX)
            die_report(STAGE_SETUP, 0, "unexpected entry /proc/self/fd/%s",
                       e->d_name);
        if (fd == dfd || fd_expected((int)fd, has_arg))
            continue;
        die_report(STAGE_SETUP, 0,
                   "fd %ld is open on entry; the parent must close every fd "
                   "outside the contract", fd);
    }
    if (errno != 0)
        die_with_errno("readdir /proc/self/fd");
    if (closedir(dir) == -1)
        die_with_errno("closedir /proc/self/fd");
}

void fds_prepare_exec(void)
{
    /* The script may have closed the IPC socket or put something else on
     * its number; check it is still a socket before handing it on. */
    struct stat st;
    if (fstat(IPC_FD, &st) == -1)
        die_report(STAGE_SETUP, errno,
                   "the IPC socket (fd %d) was closed by init.script", IPC_FD);
    if (!S_ISSOCK(st.st_mode))
        die_report(STAGE_SETUP, 0,
                   "fd %d is no longer the IPC socket after init.script",
                   IPC_FD);
    if (dup2(IPC_FD, HOST_IPC_FD) == -1)
        die_with_errno("dup2 IPC socket to fd %d", HOST_IPC_FD);
    /* dup2 clears FD_CLOEXEC on the copy: it survives the execve. */
    if (syscall(SYS_close_range, HOST_IPC_FD + 1, ~0U, CLOSE_RANGE_CLOEXEC)
        == -1)
        die_with_errno("close_range(CLOEXEC)");
}
