/* unlink, remove, rename, access, eaccess/euidaccess, mkdir, rmdir,
 * opendir: each is one call of the libc service. */
#include "call.h"

#include <dirent.h>
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int serve(struct lsvc_call *c)
{
    int err;
    lsvc_enter();
    long r = lsvc_dispatch(c, &err);
    lsvc_leave();
    if (r < 0) errno = err;
    return (int)r;
}

typedef int (*path_fn)(const char *);
typedef int (*path_int_fn)(const char *, int);

EXPORT int unlink(const char *path)
{
    if (lsvc_bypass() || path == NULL) return ((path_fn)lsvc_real("unlink"))(path);
    struct lsvc_call c = { .function = LSVC_UNLINK, .path = path };
    return serve(&c);
}

EXPORT int rmdir(const char *path)
{
    if (lsvc_bypass() || path == NULL) return ((path_fn)lsvc_real("rmdir"))(path);
    struct lsvc_call c = { .function = LSVC_RMDIR, .path = path };
    return serve(&c);
}

/* remove(3): unlink, or rmdir for a directory (as glibc does). */
EXPORT int remove(const char *path)
{
    if (lsvc_bypass() || path == NULL) return ((path_fn)lsvc_real("remove"))(path);
    int saved = errno;
    if (unlink(path) == 0) return 0;
    if (errno != EISDIR) return -1;
    errno = saved;
    return rmdir(path);
}

EXPORT int rename(const char *from, const char *to)
{
    if (lsvc_bypass() || from == NULL || to == NULL)
        return ((int (*)(const char *, const char *))lsvc_real("rename"))(from, to);
    struct lsvc_call c = { .function = LSVC_RENAME, .path = from, .path2 = to };
    return serve(&c);
}

EXPORT int access(const char *path, int amode)
{
    if (lsvc_bypass() || path == NULL) return ((path_int_fn)lsvc_real("access"))(path, amode);
    struct lsvc_call c = { .function = LSVC_ACCESS, .path = path, .amode = amode };
    return serve(&c);
}

EXPORT int euidaccess(const char *path, int amode)
{
    if (lsvc_bypass() || path == NULL) return ((path_int_fn)lsvc_real("euidaccess"))(path, amode);
    struct lsvc_call c = { .function = LSVC_EACCESS, .path = path, .amode = amode };
    return serve(&c);
}

EXPORT int eaccess(const char *path, int amode) { return euidaccess(path, amode); }

EXPORT int mkdir(const char *path, mode_t mode)
{
    if (lsvc_bypass() || path == NULL)
        return ((int (*)(const char *, mode_t))lsvc_real("mkdir"))(path, mode);
    struct lsvc_call c = { .function = LSVC_MKDIR, .path = path, .mode = (int)mode };
    return serve(&c);
}

/* opendir(3) opens through open() (served), then fdopendir. */
EXPORT DIR *opendir(const char *path)
{
    if (lsvc_bypass() || path == NULL)
        return ((DIR * (*)(const char *))lsvc_real("opendir"))(path);
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return NULL;
    DIR *d = fdopendir(fd);
    if (d == NULL) {
        int err = errno;
        close(fd);
        errno = err;
    }
    return d;
}
