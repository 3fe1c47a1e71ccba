/* init.script's C.* calls on files and fds. Each returns (result, errno). */
#include "lua_support.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* C.read allocates its buffer: bound it so a script typo cannot ask for
 * gigabytes. */
#define READ_MAX (16 * 1024 * 1024)

static int l_open(lua_State *L)
{
    const char *path = check_cstr(L, 1);
    int flags = check_int(L, 2);
    mode_t mode = lua_isnoneornil(L, 3) ? 0 : check_uint(L, 3);
    return RET("C.open", open(path, flags, mode));
}

static int l_access(lua_State *L)
{
    return RET("C.access", access(check_cstr(L, 1), check_int(L, 2)));
}

static int l_eaccess(lua_State *L)
{
    return RET("C.eaccess", eaccess(check_cstr(L, 1), check_int(L, 2)));
}

static int l_mkdir(lua_State *L)
{
    return RET("C.mkdir", mkdir(check_cstr(L, 1), check_uint(L, 2)));
}

static int l_chdir(lua_State *L)
{
    return RET("C.chdir", chdir(check_cstr(L, 1)));
}

static int l_mkfifo(lua_State *L)
{
    return RET("C.mkfifo", mkfifo(check_cstr(L, 1), check_uint(L, 2)));
}

static int l_mknod(lua_State *L)
{
    const char *path = check_cstr(L, 1);
    mode_t mode = check_uint(L, 2);
    dev_t dev = check_u64(L, 3);
    return RET("C.mknod", mknod(path, mode, dev));
}

static int l_makedev(lua_State *L)
{
    unsigned maj = check_uint(L, 1), min = check_uint(L, 2);
    lua_pushnumber(L, (lua_Number)makedev(maj, min));
    lua_pushinteger(L, 0);
    return 2;
}

static int l_link(lua_State *L)
{
    return RET("C.link", link(check_cstr(L, 1), check_cstr(L, 2)));
}

static int l_linkat(lua_State *L)
{
    int olddirfd = check_int(L, 1);
    const char *oldpath = check_cstr(L, 2);
    int newdirfd = check_int(L, 3);
    const char *newpath = check_cstr(L, 4);
    int flags = lua_isnoneornil(L, 5) ? 0 : check_int(L, 5);
    return RET("C.linkat", linkat(olddirfd, oldpath, newdirfd, newpath, flags));
}

static int l_symlink(lua_State *L)
{
    return RET("C.symlink", symlink(check_cstr(L, 1), check_cstr(L, 2)));
}

static int l_chown(lua_State *L)
{
    const char *path = check_cstr(L, 1);
    uid_t uid = check_uint(L, 2);
    gid_t gid = check_uint(L, 3);
    return RET("C.chown", chown(path, uid, gid));
}

static int l_chmod(lua_State *L)
{
    return RET("C.chmod", chmod(check_cstr(L, 1), check_uint(L, 2)));
}

static int l_umask(lua_State *L)
{
    lua_pushinteger(L, umask(check_uint(L, 1) & 0777));
    lua_pushinteger(L, 0);
    return 2;
}

static int l_dup(lua_State *L)
{
    return RET("C.dup", dup(check_int(L, 1)));
}

static int l_dup2(lua_State *L)
{
    return RET("C.dup2", dup2(check_int(L, 1), check_int(L, 2)));
}

static int l_close(lua_State *L)
{
    return RET("C.close", close(check_int(L, 1)));
}

/* Emilua: returns nothing and ignores errors (closefrom(3) has no result). */
static int l_closefrom(lua_State *L)
{
    int lowfd = check_int(L, 1);
    if (lowfd >= 0)
        (void)syscall(SYS_close_range, (unsigned)lowfd, ~0U, 0);
    return 0;
}

static int l_read(lua_State *L)
{
    int fd = check_int(L, 1);
    int size = check_int(L, 2);
    if (size < 0 || size > READ_MAX)
        luaL_argerror(L, 2, "size out of range");
    char *buf = malloc(size > 0 ? (size_t)size : 1);
    if (buf == NULL)
        luaL_error(L, "C.read: out of memory");
    ssize_t r;
    do {
        r = read(fd, buf, (size_t)size);
    } while (r == -1 && errno == EINTR);
    int err = r == -1 ? errno : 0;
    if (r >= 0)
        lua_pushlstring(L, buf, (size_t)r);
    free(buf);
    check_errexit(L, "C.read", err);
    if (r < 0)
        lua_pushnil(L);
    lua_pushinteger(L, err);
    return 2;
}

static int l_write(lua_State *L)
{
    int fd = check_int(L, 1);
    size_t len;
    const char *s = luaL_checklstring(L, 2, &len);
    return RET("C.write", write(fd, s, len));
}

void register_fs(lua_State *L)
{
    SET_FN(L, "open", l_open);
    SET_FN(L, "access", l_access);
    SET_FN(L, "eaccess", l_eaccess);
    SET_FN(L, "mkdir", l_mkdir);
    SET_FN(L, "chdir", l_chdir);
    SET_FN(L, "mkfifo", l_mkfifo);
    SET_FN(L, "mknod", l_mknod);
    SET_FN(L, "makedev", l_makedev);
    SET_FN(L, "link", l_link);
    SET_FN(L, "linkat", l_linkat);
    SET_FN(L, "symlink", l_symlink);
    SET_FN(L, "chown", l_chown);
    SET_FN(L, "chmod", l_chmod);
    SET_FN(L, "umask", l_umask);
    SET_FN(L, "dup", l_dup);
    SET_FN(L, "dup2", l_dup2);
    SET_FN(L, "close", l_close);
    SET_FN(L, "closefrom", l_closefrom);
    SET_FN(L, "read", l_read);
    SET_FN(L, "write", l_write);
}
