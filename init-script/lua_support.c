#include "lua_support.h"
#include "die.h"

#include <math.h>
#include <limits.h>
#include <string.h>

void check_errexit(lua_State *L, const char *name, int err)
{
    if (err == 0)
        return;
    lua_getglobal(L, "errexit");
    int on = lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (on)
        die_report(STAGE_SCRIPT_CALL, err, "%s", name);
}

int push_result(lua_State *L, const char *name, long ret, int err)
{
    if (ret != -1)
        err = 0;
    check_errexit(L, name, err);
    lua_pushnumber(L, (lua_Number)ret);
    lua_pushinteger(L, err);
    return 2;
}

static lua_Number check_integral(lua_State *L, int idx, lua_Number lo,
                                 lua_Number hi)
{
    lua_Number n = luaL_checknumber(L, idx);
    if (n != floor(n) || n < lo || n > hi)
        luaL_argerror(L, idx, "integer out of range");
    return n;
}

int check_int(lua_State *L, int idx)
{
    return (int)check_integral(L, idx, INT_MIN, INT_MAX);
}

unsigned check_uint(lua_State *L, int idx)
{
    /* Flags such as MS_* are unsigned; negatives are accepted as their
     * 32-bit pattern so bit.bor results (signed in LuaJIT) work. */
    lua_Number n = check_integral(L, idx, INT_MIN, UINT_MAX);
    return n < 0 ? (unsigned)(int)n : (unsigned)n;
}

uint64_t check_u64(lua_State *L, int idx)
{
    /* 2^53: beyond it a Lua number no longer holds every integer. */
    return (uint64_t)check_integral(L, idx, 0, 9007199254740992.0);
}

const char *check_cstr(lua_State *L, int idx)
{
    size_t len;
    const char *s = luaL_checklstring(L, idx, &len);
    /* C would stop at the NUL and act on a different path than the one the
     * script wrote. */
    if (memchr(s, '\0', len) != NULL)
        luaL_argerror(L, idx, "string contains a NUL byte");
    return s;
}

const char *opt_str(lua_State *L, int idx)
{
    if (lua_isnoneornil(L, idx))
        return NULL;
    return check_cstr(L, idx);
}

char **check_str_list(lua_State *L, int idx)
{
    luaL_checktype(L, idx, LUA_TTABLE);
    size_t n = lua_objlen(L, idx);
    if (n > 65536)
        luaL_argerror(L, idx, "too many items");
    char **list = lua_newuserdata(L, (n + 1) * sizeof *list);
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, idx, (int)i + 1);
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        if (s == NULL || lua_type(L, -1) != LUA_TSTRING)
            luaL_argerror(L, idx, "list items must be strings");
        if (memchr(s, '\0', len) != NULL)
            luaL_argerror(L, idx, "string contains a NUL byte");
        /* The string stays referenced by the table argument for the call. */
        list[i] = (char *)s;
        lua_pop(L, 1);
    }
    list[n] = NULL;
    return list;
}
