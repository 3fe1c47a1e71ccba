/* Lua filters: each function's chunk runs in its own LuaJIT state, made
 * on first use, with the init.script C API (init-script/lua_*.c, compiled
 * into this library too) and errexit = false. The chunk gets
 * (real_fn, args...) and returns result[, errno]. The calling thread is
 * inside the library while the chunk runs, so libc calls of the chunk
 * itself go to libc, never back into a filter. */
#include "call.h"
#include "filter_values.h"
#include "../../init-script/lua_support.h"

#include <errno.h>
#include <fcntl.h>
#include <lualib.h>
#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static lua_State *states[LSVC_FUNCTION_COUNT];
static pthread_mutex_t filter_lock = PTHREAD_MUTEX_INITIALIZER;

static lua_State *state_for(int function, const char *source)
{
    if (states[function] != NULL) return states[function];
    lua_State *L = luaL_newstate();
    if (L == NULL) return NULL;
    luaL_openlibs(L);
    lua_pushboolean(L, 0);
    lua_setglobal(L, "errexit");
    lua_newtable(L);
    register_fs(L);
    register_proc(L);
    register_constants(L);
    lua_setglobal(L, "C");
    register_helpers(L);
    if (luaL_loadbuffer(L, source, strlen(source), "=libc_service filter") != 0) {
        dprintf(2, "emilua-ts libc_service: filter %d: %s\n", function, lua_tostring(L, -1));
        lua_close(L);
        return NULL;
    }
    lua_setfield(L, LUA_REGISTRYINDEX, "emilua_ts_filter");
    return states[function] = L;
}

/* Lua arguments of real_fn (after the function itself) into a call. */
static void call_from_lua(lua_State *L, struct lsvc_call *c)
{
    switch (c->function) {
    case LSVC_OPEN:
        c->path = luaL_checkstring(L, 1);
        c->flags = (int)luaL_checkinteger(L, 2);
        c->mode = (int)luaL_optinteger(L, 3, 0);
        break;
    case LSVC_OPENAT:
        c->fd = (int)luaL_checkinteger(L, 1);
        c->path = luaL_checkstring(L, 2);
        c->flags = (int)luaL_checkinteger(L, 3);
        c->mode = (int)luaL_optinteger(L, 4, 0);
        break;
    case LSVC_UNLINK: case LSVC_RMDIR:
        c->path = luaL_checkstring(L, 1);
        break;
    case LSVC_RENAME:
        c->path = luaL_checkstring(L, 1);
        c->path2 = luaL_checkstring(L, 2);
        break;
    case LSVC_ACCESS: case LSVC_EACCESS:
        c->path = luaL_checkstring(L, 1);
        c->amode = (int)luaL_checkinteger(L, 2);
        break;
    case LSVC_MKDIR:
        c->path = luaL_checkstring(L, 1);
        c->mode = (int)luaL_checkinteger(L, 2);
        break;
    case LSVC_CONNECT_UNIX: case LSVC_BIND_UNIX:
        c->fd = (int)luaL_checkinteger(L, 1);
        c->path = luaL_checklstring(L, 2, &c->path_len);
        break;
    case LSVC_CONNECT_INET: case LSVC_BIND_INET:
        c->fd = (int)luaL_checkinteger(L, 1);
        lsvc_address_from_lua(L, 2, c->addr, 4);
        c->port = (int)(luaL_checkinteger(L, 3) & 0xffff);
        break;
    case LSVC_CONNECT_INET6: case LSVC_BIND_INET6:
        c->fd = (int)luaL_checkinteger(L, 1);
        lsvc_address_from_lua(L, 2, c->addr, 16);
        c->port = (int)(luaL_checkinteger(L, 3) & 0xffff);
        c->scope_id = (uint32_t)luaL_optinteger(L, 4, 0);
        break;
    case LSVC_STAT: case LSVC_LSTAT:
        c->path = luaL_checkstring(L, 1);
        break;
    case LSVC_GETADDRINFO: {
        c->path = luaL_optstring(L, 1, NULL);
        c->path2 = luaL_optstring(L, 2, NULL);
        const char *protocol = luaL_optstring(L, 3, NULL);
        if (protocol == NULL) c->protocol = 0;
        else if (strcmp(protocol, "tcp") == 0) c->protocol = 1;
        else if (strcmp(protocol, "udp") == 0) c->protocol = 2;
        else luaL_argerror(L, 3, "\"tcp\", \"udp\" or nil");
        if (c->path == NULL && c->path2 == NULL) luaL_error(L, "getaddrinfo without node and service");
        break;
    }
    default:
        luaL_error(L, "real_fn of this function is not built");
    }
}

/* real_fn of stat/lstat: a table and 0, or -1 and errno. */
static int real_stat(lua_State *L, const struct lsvc_call *c)
{
    struct lsvc_answer ans;
    int err = 0;
    long r = lsvc_proxy(c, &ans, &err);
    lsvc_close_fds(&ans);
    if (r == 0 && ans.reply.extra_len == sizeof ans.extra.stat) {
        struct stat st;
        lsvc_fill_stat(&ans.extra.stat, &st);
        lsvc_push_stat(L, &st);
        lua_pushinteger(L, 0);
    } else {
        lua_pushinteger(L, -1);
        lua_pushinteger(L, r < 0 ? err : EPROTO);
    }
    return 2;
}

/* real_fn of getaddrinfo: the master's answer, or libc's first address. */
static int real_getaddrinfo(lua_State *L, const struct lsvc_call *c)
{
    struct lsvc_answer ans;
    struct lsvc_addrinfo a;
    int err = 0;
    long r = lsvc_proxy(c, &ans, &err);
    lsvc_close_fds(&ans);
    if (r == -2) {
        lsvc_gai_libc(c, &a, &err);
    } else if (r < 0 || ans.reply.extra_len != sizeof a) {
        memset(&a, 0, sizeof a);
        a.status = 2;
        a.eai = EAI_SYSTEM;
        err = r < 0 ? err : EPROTO;
    } else {
        a = ans.extra.addrinfo;
    }
    return lsvc_push_addrinfo(L, &a, err);
}

static int real_fn(lua_State *L)
{
    struct lsvc_call c;
    memset(&c, 0, sizeof c);
    c.function = (int)lua_tointeger(L, lua_upvalueindex(1));
    c.fd = AT_FDCWD;
    call_from_lua(L, &c);
    if (c.function == LSVC_STAT || c.function == LSVC_LSTAT) return real_stat(L, &c);
    if (c.function == LSVC_GETADDRINFO) return real_getaddrinfo(L, &c);
    struct lsvc_answer ans;
    int err = 0;
    long r = lsvc_proxy(&c, &ans, &err);
    lua_pushinteger(L, (lua_Integer)r);
    lua_pushinteger(L, err);
    luaL_checkstack(L, ans.nfds, "too many descriptors");
    for (int i = 0; i < ans.nfds; i++) lua_pushinteger(L, ans.fds[i]);
    return 2 + ans.nfds;
}

/* Pushes the program's arguments in the filter's shape; returns their count. */
static int push_args(lua_State *L, const struct lsvc_call *c)
{
    switch (c->function) {
    case LSVC_OPEN:
        lua_pushstring(L, c->path);
        lua_pushinteger(L, c->flags);
        if (c->flags & (O_CREAT | __O_TMPFILE)) {
            lua_pushinteger(L, c->mode);
            return 3;
        }
        return 2;
    case LSVC_OPENAT:
        lua_pushinteger(L, c->fd);
        lua_pushstring(L, c->path);
        lua_pushinteger(L, c->flags);
        lua_pushinteger(L, (c->flags & (O_CREAT | __O_TMPFILE)) ? c->mode : 0);
        lua_newtable(L); /* resolve: plain openat has none */
        return 5;
    case LSVC_RENAME:
        lua_pushstring(L, c->path);
        lua_pushstring(L, c->path2);
        return 2;
    case LSVC_ACCESS: case LSVC_EACCESS:
        lua_pushstring(L, c->path);
        lua_pushinteger(L, c->amode);
        return 2;
    case LSVC_MKDIR:
        lua_pushstring(L, c->path);
        lua_pushinteger(L, c->mode);
        return 2;
    case LSVC_CONNECT_UNIX: case LSVC_BIND_UNIX:
        lua_pushinteger(L, c->fd);
        lua_pushlstring(L, c->path, c->path_len);
        return 2;
    case LSVC_CONNECT_INET: case LSVC_BIND_INET:
        lua_pushinteger(L, c->fd);
        lsvc_push_address(L, c->addr, 4);
        lua_pushinteger(L, c->port);
        return 3;
    case LSVC_CONNECT_INET6: case LSVC_BIND_INET6:
        lua_pushinteger(L, c->fd);
        lsvc_push_address(L, c->addr, 16);
        lua_pushinteger(L, c->port);
        lua_pushinteger(L, c->scope_id);
        return 4;
    case LSVC_GETADDRINFO:
        if (c->path) lua_pushstring(L, c->path); else lua_pushnil(L);
        if (c->path2) lua_pushstring(L, c->path2); else lua_pushnil(L);
        if (c->protocol == 1) lua_pushstring(L, "tcp");
        else if (c->protocol == 2) lua_pushstring(L, "udp");
        else lua_pushnil(L);
        return 3;
    default:
        lua_pushstring(L, c->path);
        return 1;
    }
}

/* Runs the chunk of c->function with (real_fn, args...) under filter_lock
 * (held on return when the result is >= 0: the caller reads the results,
 * from the returned stack index to the top, then calls finish()). -1 when
 * the chunk could not run (said on stderr; the lock is released). */
static int run_chunk(const char *source, const struct lsvc_call *c, lua_State **out, int *top)
{
    pthread_mutex_lock(&filter_lock);
    lua_State *L = state_for(c->function, source);
    if (L != NULL) {
        *top = lua_gettop(L);
        lua_getfield(L, LUA_REGISTRYINDEX, "emilua_ts_filter");
        lua_pushinteger(L, c->function);
        lua_pushcclosure(L, real_fn, 1);
        int n = push_args(L, c);
        if (lua_pcall(L, n + 1, LUA_MULTRET, 0) == 0) {
            *out = L;
            return *top + 1;
        }
        dprintf(2, "emilua-ts libc_service: filter error: %s\n", lua_tostring(L, -1));
        lua_settop(L, *top);
    }
    pthread_mutex_unlock(&filter_lock);
    return -1;
}

static void finish(lua_State *L, int top)
{
    lua_settop(L, top);
    pthread_mutex_unlock(&filter_lock);
}

long lsvc_filter(const char *source, const struct lsvc_call *c, int *err)
{
    lua_State *L;
    int top;
    int base = run_chunk(source, c, &L, &top);
    *err = EIO;
    if (base < 0) return -1;
    long r = base <= lua_gettop(L) ? (long)lua_tointeger(L, base) : -1;
    *err = base + 1 <= lua_gettop(L) ? (int)lua_tointeger(L, base + 1) : 0;
    finish(L, top);
    return r;
}

int lsvc_filter_stat(const char *source, const struct lsvc_call *c, struct stat *st, int *err)
{
    lua_State *L;
    int top;
    int base = run_chunk(source, c, &L, &top);
    *err = EIO;
    if (base < 0) return -1;
    int r = 0;
    if (base <= lua_gettop(L) && lua_type(L, base) == LUA_TTABLE) {
        lsvc_stat_from_lua(L, base, st);
    } else {
        r = -1;
        int e = base + 1 <= lua_gettop(L) ? (int)lua_tointeger(L, base + 1) : 0;
        *err = e > 0 ? e : EIO;
    }
    finish(L, top);
    return r;
}

void lsvc_filter_getaddrinfo(const char *source, const struct lsvc_call *c, struct lsvc_addrinfo *a, int *err)
{
    lua_State *L;
    int top;
    int base = run_chunk(source, c, &L, &top);
    if (base < 0) {
        memset(a, 0, sizeof *a);
        a->status = 2;
        a->eai = EAI_SYSTEM;
        *err = EIO;
        return;
    }
    lsvc_addrinfo_from_lua(L, base, lua_gettop(L), a, err);
    finish(L, top);
}

long lsvc_dispatch(const struct lsvc_call *c, int *err)
{
    const char *source = lsvc_filter_source(c->function);
    if (source != NULL) return lsvc_filter(source, c, err);
    struct lsvc_answer ans;
    long r = lsvc_proxy(c, &ans, err);
    lsvc_close_fds(&ans);
    return r;
}
