/* Lua filters: each function's chunk runs in its own LuaJIT state, made
 * on first use, with the init.script C API (init-script/lua_*.c, compiled
 * into this library too) and errexit = false. The chunk gets
 * (real_fn, args...) and returns result[, errno]. The calling thread is
 * inside the library while the chunk runs, so libc calls of the chunk
 * itself go to libc, never back into a filter. */
#include "call.h"
#include "../../init-script/lua_support.h"

#include <errno.h>
#include <fcntl.h>
#include <lualib.h>
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
    default:
        luaL_error(L, "real_fn of this function is not built");
    }
}

static int real_fn(lua_State *L)
{
    struct lsvc_call c;
    memset(&c, 0, sizeof c);
    c.function = (int)lua_tointeger(L, lua_upvalueindex(1));
    c.fd = AT_FDCWD;
    call_from_lua(L, &c);
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
    default:
        lua_pushstring(L, c->path);
        return 1;
    }
}

long lsvc_filter(const char *source, const struct lsvc_call *c, int *err)
{
    long r = -1;
    *err = EIO;
    pthread_mutex_lock(&filter_lock);
    lua_State *L = state_for(c->function, source);
    if (L != NULL) {
        int top = lua_gettop(L);
        lua_getfield(L, LUA_REGISTRYINDEX, "emilua_ts_filter");
        lua_pushinteger(L, c->function);
        lua_pushcclosure(L, real_fn, 1);
        int n = push_args(L, c);
        if (lua_pcall(L, n + 1, 2, 0) != 0) {
            dprintf(2, "emilua-ts libc_service: filter error: %s\n", lua_tostring(L, -1));
        } else {
            r = (long)lua_tointeger(L, -2);
            *err = (int)lua_tointeger(L, -1);
        }
        lua_settop(L, top);
    }
    pthread_mutex_unlock(&filter_lock);
    return r;
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
