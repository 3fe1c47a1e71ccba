/* init.script's calls on the process: credentials, session, namespaces,
 * host names, sockets, exec. Each returns (result, errno). */
#include "deferred.h"
#include "lua_support.h"

#include <grp.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

static int l_socket(lua_State *L)
{
    return RET("C.socket",
               socket(check_int(L, 1), check_int(L, 2), check_int(L, 3)));
}

static int l_listen(lua_State *L)
{
    return RET("C.listen", listen(check_int(L, 1), check_int(L, 2)));
}

static int l_setsid(lua_State *L)
{
    return RET("C.setsid", setsid());
}

static int l_setpgid(lua_State *L)
{
    return RET("C.setpgid", setpgid(check_int(L, 1), check_int(L, 2)));
}

static int l_setresuid(lua_State *L)
{
    uid_t r = check_uint(L, 1), e = check_uint(L, 2), s = check_uint(L, 3);
    return RET("C.setresuid", setresuid(r, e, s));
}

static int l_setresgid(lua_State *L)
{
    gid_t r = check_uint(L, 1), e = check_uint(L, 2), s = check_uint(L, 3);
    return RET("C.setresgid", setresgid(r, e, s));
}

static int l_setgroups(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    size_t n = lua_objlen(L, 1);
    if (n > 65536) /* NGROUPS_MAX of Linux */
        luaL_argerror(L, 1, "too many groups");
    gid_t *groups = lua_newuserdata(L, (n ? n : 1) * sizeof *groups);
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, 1, (int)i + 1);
        groups[i] = check_uint(L, -1);
        lua_pop(L, 1);
    }
    return RET("C.setgroups", setgroups(n, groups));
}

static int l_sethostname(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    return RET("C.sethostname", sethostname(s, len));
}

static int l_setdomainname(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    return RET("C.setdomainname", setdomainname(s, len));
}

static int l_unshare(lua_State *L)
{
    return RET("C.unshare", unshare(check_int(L, 1)));
}

static int l_setns(lua_State *L)
{
    int fd = check_int(L, 1);
    int nstype = lua_isnoneornil(L, 2) ? 0 : check_int(L, 2);
    return RET("C.setns", setns(fd, nstype));
}

/* Landlock domains and seccomp filters the script asked for and that were
 * held back for the actor host (deferred.h) hold for whatever the script
 * executes instead: they are applied here first. */
static int apply_held_back(lua_State *L)
{
    const char *what = NULL;
    if (deferred_apply_now(&what) == 0)
        return 0;
    return push_result(L, what, -1, errno);
}

/* execve/fexecve from the script replace the whole helper, as in Emilua:
 * the script then owns what happens next (no actor host is started). */
static int l_execve(lua_State *L)
{
    const char *path = check_cstr(L, 1);
    char **argv = check_str_list(L, 2);
    char **envp = check_str_list(L, 3);
    if (apply_held_back(L) != 0)
        return 2;
    return RET("C.execve", execve(path, argv, envp));
}

static int l_fexecve(lua_State *L)
{
    int fd = check_int(L, 1);
    char **argv = check_str_list(L, 2);
    char **envp = check_str_list(L, 3);
    if (apply_held_back(L) != 0)
        return 2;
    return RET("C.fexecve", fexecve(fd, argv, envp));
}

void register_proc(lua_State *L)
{
    SET_FN(L, "socket", l_socket);
    SET_FN(L, "listen", l_listen);
    SET_FN(L, "setsid", l_setsid);
    SET_FN(L, "setpgid", l_setpgid);
    SET_FN(L, "setresuid", l_setresuid);
    SET_FN(L, "setresgid", l_setresgid);
    SET_FN(L, "setgroups", l_setgroups);
    SET_FN(L, "sethostname", l_sethostname);
    SET_FN(L, "setdomainname", l_setdomainname);
    SET_FN(L, "unshare", l_unshare);
    SET_FN(L, "setns", l_setns);
    SET_FN(L, "execve", l_execve);
    SET_FN(L, "fexecve", l_fexecve);
}
