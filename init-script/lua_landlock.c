/* init.script's Landlock and seccomp calls. Each returns (result, errno).
 * Unknown access names are script errors: a typo must not silently widen
 * or narrow a sandbox. */
#include "kernel_compat.h"
#include "deferred.h"
#include "lua_support.h"

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static const struct {
    const char *name;
    unsigned long long bit;
} fs_rights[] = {
    { "execute", LL_ACCESS_FS_EXECUTE },
    { "write_file", LL_ACCESS_FS_WRITE_FILE },
    { "read_file", LL_ACCESS_FS_READ_FILE },
    { "read_dir", LL_ACCESS_FS_READ_DIR },
    { "remove_dir", LL_ACCESS_FS_REMOVE_DIR },
    { "remove_file", LL_ACCESS_FS_REMOVE_FILE },
    { "make_char", LL_ACCESS_FS_MAKE_CHAR },
    { "make_dir", LL_ACCESS_FS_MAKE_DIR },
    { "make_reg", LL_ACCESS_FS_MAKE_REG },
    { "make_sock", LL_ACCESS_FS_MAKE_SOCK },
    { "make_fifo", LL_ACCESS_FS_MAKE_FIFO },
    { "make_block", LL_ACCESS_FS_MAKE_BLOCK },
    { "make_sym", LL_ACCESS_FS_MAKE_SYM },
    { "refer", LL_ACCESS_FS_REFER },
    { "truncate", LL_ACCESS_FS_TRUNCATE },
};

/* A list of access names in field `field` of the table at `idx`. */
static unsigned long long access_list(lua_State *L, int idx, const char *field)
{
    unsigned long long mask = 0;

    lua_getfield(L, idx, field);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return 0;
    }
    if (!lua_istable(L, -1))
        luaL_error(L, "%s must be a list of strings", field);
    size_t n = lua_objlen(L, -1);
    for (size_t i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, (int)i);
        const char *name = lua_tostring(L, -1);
        size_t k = 0;
        if (name != NULL && lua_type(L, -1) == LUA_TSTRING)
            for (; k < sizeof fs_rights / sizeof fs_rights[0]; k++)
                if (strcmp(name, fs_rights[k].name) == 0)
                    break;
        if (name == NULL || k == sizeof fs_rights / sizeof fs_rights[0])
            luaL_error(L, "%s: unknown Landlock access right '%s'", field,
                       name ? name : "(not a string)");
        mask |= fs_rights[k].bit;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return mask;
}

static int l_landlock_create_ruleset(lua_State *L)
{
    unsigned flags = 0;

    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        size_t n = lua_objlen(L, 2);
        for (size_t i = 1; i <= n; i++) {
            lua_rawgeti(L, 2, (int)i);
            const char *f = lua_tostring(L, -1);
            if (f == NULL || strcmp(f, "version") != 0)
                luaL_argerror(L, 2, "unknown flag (only \"version\")");
            flags |= LL_CREATE_RULESET_VERSION;
            lua_pop(L, 1);
        }
    }
    if (lua_isnoneornil(L, 1))
        return RET("C.landlock_create_ruleset",
                   syscall(__NR_landlock_create_ruleset, NULL, 0, flags));
    luaL_checktype(L, 1, LUA_TTABLE);
    struct ll_ruleset_attr attr = {
        .handled_access_fs = access_list(L, 1, "handled_access_fs"),
    };
    return RET("C.landlock_create_ruleset",
               syscall(__NR_landlock_create_ruleset, &attr, sizeof attr,
                       flags));
}

static int l_landlock_add_rule(lua_State *L)
{
    int ruleset = check_int(L, 1);
    const char *type = luaL_checkstring(L, 2);
    if (strcmp(type, "path_beneath") != 0)
        luaL_argerror(L, 2, "unknown rule type (only \"path_beneath\")");
    luaL_checktype(L, 3, LUA_TTABLE);
    struct ll_path_beneath_attr attr;
    attr.allowed_access = access_list(L, 3, "allowed_access");
    lua_getfield(L, 3, "parent_fd");
    attr.parent_fd = check_int(L, -1);
    lua_pop(L, 1);
    return RET("C.landlock_add_rule",
               syscall(__NR_landlock_add_rule, ruleset, LL_RULE_PATH_BENEATH,
                       &attr, 0));
}

/* For the actor host, the request is recorded and applied by the host on
 * all its threads before the actor runs (deferred.h): 0 now, or EBADF at
 * once for a fd that is not open. */
static int l_landlock_restrict_self(lua_State *L)
{
    int fd = check_int(L, 1);
    if (deferred_enabled())
        return RET("C.landlock_restrict_self", deferred_add_landlock(fd));
    return RET("C.landlock_restrict_self",
               syscall(__NR_landlock_restrict_self, fd, 0));
}

/* Raw struct sock_filter[] bytes, as in Emilua. A length that is not a whole
 * number of instructions, or too many for sock_fprog.len, is EINVAL. */
static int l_seccomp_set_mode_filter(lua_State *L)
{
    size_t len;
    const char *bytes = luaL_checklstring(L, 1, &len);
    if (len == 0 || len % sizeof(struct sock_filter) != 0 ||
        len / sizeof(struct sock_filter) > BPF_MAXINSNS)
        return push_result(L, "C.seccomp_set_mode_filter", -1, EINVAL);
    /* Copied: the Lua string may not be aligned for sock_filter. */
    struct sock_filter *insns = lua_newuserdata(L, len);
    memcpy(insns, bytes, len);
    struct sock_fprog prog = {
        .len = (unsigned short)(len / sizeof(struct sock_filter)),
        .filter = insns,
    };
    if (deferred_enabled())
        return RET("C.seccomp_set_mode_filter",
                   deferred_add_seccomp(insns, len));
    return RET("C.seccomp_set_mode_filter",
               prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog));
}

void register_landlock(lua_State *L)
{
    SET_FN(L, "landlock_create_ruleset", l_landlock_create_ruleset);
    SET_FN(L, "landlock_add_rule", l_landlock_add_rule);
    SET_FN(L, "landlock_restrict_self", l_landlock_restrict_self);
    SET_FN(L, "seccomp_set_mode_filter", l_seccomp_set_mode_filter);
}
