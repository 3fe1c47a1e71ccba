#include "script.h"
#include "die.h"
#include "lua_support.h"

#include <lualib.h>

static int traceback_free_message(lua_State *L)
{
    /* Keep Lua's own message ("init.script:3: ..."); a non-string error
     * value is described rather than dropped. */
    if (lua_type(L, 1) != LUA_TSTRING) {
        const char *tn = luaL_typename(L, 1);
        lua_pushfstring(L, "(error object is a %s value)", tn);
    }
    return 1;
}

void script_run(const char *src, size_t len, int arg_fd)
{
    lua_State *L = luaL_newstate();
    if (L == NULL)
        die_report(STAGE_SETUP, 0, "cannot create the Lua state");
    luaL_openlibs(L);

    lua_pushboolean(L, 1);
    lua_setglobal(L, "errexit");
    if (arg_fd >= 0) {
        lua_pushinteger(L, arg_fd);
        lua_setglobal(L, "arg");
    }
    lua_newtable(L);
    register_fs(L);
    register_mount(L);
    register_proc(L);
    register_caps(L);
    register_landlock(L);
    register_constants(L);
    lua_setglobal(L, "C");
    register_helpers(L);
    register_ambient(L);

    lua_pushcfunction(L, traceback_free_message);
    /* "=init.script": Lua's messages then read "init.script:LINE: ...".
     * Mode "t": source text only, never precompiled bytecode, which LuaJIT
     * does not verify. */
    if (luaL_loadbufferx(L, src, len, "=init.script", "t") != 0)
        die_report(STAGE_SCRIPT_ERROR, 0, "%s", lua_tostring(L, -1));
    if (lua_pcall(L, 0, 0, -2) != 0) {
        const char *msg = lua_tostring(L, -1);
        die_report(STAGE_SCRIPT_ERROR, 0, "%s", msg ? msg : "(no message)");
    }
    lua_close(L);
}
