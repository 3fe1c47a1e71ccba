/* init.script's mount calls: the classic mount(2) family and the new mount
 * API (fsopen, fsconfig, fsmount, move_mount, fspick, open_tree,
 * mount_setattr), plus pivot_root and chroot. Each returns (result, errno). */
#include "kernel_compat.h"
#include "lua_support.h"

#include <sys/mount.h>
#include <unistd.h>

static int l_mount(lua_State *L)
{
    const char *source = opt_str(L, 1);
    const char *target = check_cstr(L, 2);
    const char *fstype = opt_str(L, 3);
    unsigned long flags = lua_isnoneornil(L, 4) ? 0 : check_uint(L, 4);
    const char *data = opt_str(L, 5);
    return RET("C.mount", mount(source, target, fstype, flags, data));
}

static int l_umount(lua_State *L)
{
    return RET("C.umount", umount(check_cstr(L, 1)));
}

static int l_umount2(lua_State *L)
{
    return RET("C.umount2", umount2(check_cstr(L, 1), check_int(L, 2)));
}

static int l_fsopen(lua_State *L)
{
    const char *fsname = check_cstr(L, 1);
    unsigned flags = lua_isnoneornil(L, 2) ? 0 : check_uint(L, 2);
    return RET("C.fsopen", fsopen(fsname, flags));
}

/* fsconfig(fd, cmd, key|nil, value|nil, aux|nil). value is a C string except
 * for FSCONFIG_SET_BINARY, where it is raw bytes and aux defaults to its
 * length. */
static int l_fsconfig(lua_State *L)
{
    int fd = check_int(L, 1);
    unsigned cmd = check_uint(L, 2);
    const char *key = opt_str(L, 3);
    const void *value = NULL;
    int aux = lua_isnoneornil(L, 5) ? 0 : check_int(L, 5);
    if (!lua_isnoneornil(L, 4)) {
        if (cmd == FSCONFIG_SET_BINARY) {
            size_t len;
            value = luaL_checklstring(L, 4, &len);
            if (lua_isnoneornil(L, 5)) {
                if (len > 1024 * 1024)
                    luaL_argerror(L, 4, "binary value too large");
                aux = (int)len;
            }
        } else {
            value = check_cstr(L, 4);
        }
    }
    return RET("C.fsconfig", fsconfig(fd, cmd, key, value, aux));
}

static int l_fsmount(lua_State *L)
{
    int fd = check_int(L, 1);
    unsigned flags = lua_isnoneornil(L, 2) ? 0 : check_uint(L, 2);
    unsigned attrs = lua_isnoneornil(L, 3) ? 0 : check_uint(L, 3);
    return RET("C.fsmount", fsmount(fd, flags, attrs));
}

static int l_move_mount(lua_State *L)
{
    int from_dirfd = check_int(L, 1);
    const char *from = opt_str(L, 2);
    int to_dirfd = check_int(L, 3);
    const char *to = opt_str(L, 4);
    unsigned flags = lua_isnoneornil(L, 5) ? 0 : check_uint(L, 5);
    return RET("C.move_mount", move_mount(from_dirfd, from ? from : "",
                                          to_dirfd, to ? to : "", flags));
}

static int l_fspick(lua_State *L)
{
    int dirfd = check_int(L, 1);
    const char *path = opt_str(L, 2);
    unsigned flags = lua_isnoneornil(L, 3) ? 0 : check_uint(L, 3);
    return RET("C.fspick", fspick(dirfd, path ? path : "", flags));
}

static int l_open_tree(lua_State *L)
{
    int dirfd = check_int(L, 1);
    const char *path = opt_str(L, 2);
    unsigned flags = lua_isnoneornil(L, 3) ? 0 : check_uint(L, 3);
    return RET("C.open_tree", open_tree(dirfd, path ? path : "", flags));
}

static uint64_t opt_field(lua_State *L, int idx, const char *name)
{
    lua_getfield(L, idx, name);
    uint64_t v = lua_isnil(L, -1) ? 0 : check_u64(L, -1);
    lua_pop(L, 1);
    return v;
}

static int l_mount_setattr(lua_State *L)
{
    int dirfd = check_int(L, 1);
    const char *path = opt_str(L, 2);
    unsigned flags = check_uint(L, 3);
    luaL_checktype(L, 4, LUA_TTABLE);
    struct mount_attr attr = {
        .attr_set = opt_field(L, 4, "attr_set"),
        .attr_clr = opt_field(L, 4, "attr_clr"),
        .propagation = opt_field(L, 4, "propagation"),
        .userns_fd = opt_field(L, 4, "userns_fd"),
    };
    return RET("C.mount_setattr",
               mount_setattr(dirfd, path ? path : "", flags, &attr,
                             sizeof attr));
}

static int l_pivot_root(lua_State *L)
{
    const char *new_root = check_cstr(L, 1);
    const char *put_old = check_cstr(L, 2);
    return RET("C.pivot_root", syscall(SYS_pivot_root, new_root, put_old));
}

static int l_chroot(lua_State *L)
{
    return RET("C.chroot", chroot(check_cstr(L, 1)));
}

void register_mount(lua_State *L)
{
    SET_FN(L, "mount", l_mount);
    SET_FN(L, "umount", l_umount);
    SET_FN(L, "umount2", l_umount2);
    SET_FN(L, "fsopen", l_fsopen);
    SET_FN(L, "fsconfig", l_fsconfig);
    SET_FN(L, "fsmount", l_fsmount);
    SET_FN(L, "move_mount", l_move_mount);
    SET_FN(L, "fspick", l_fspick);
    SET_FN(L, "open_tree", l_open_tree);
    SET_FN(L, "mount_setattr", l_mount_setattr);
    SET_FN(L, "pivot_root", l_pivot_root);
    SET_FN(L, "chroot", l_chroot);
}
