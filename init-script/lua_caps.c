/* init.script's capability calls, through libcap. Each returns
 * (result, errno). */
#include "lua_support.h"

#include <sys/capability.h>

static int l_cap_set_proc(lua_State *L)
{
    const char *text = check_cstr(L, 1);
    cap_t caps = cap_from_text(text);
    if (caps == NULL)
        return push_result(L, "C.cap_set_proc", -1, errno);
    int r = cap_set_proc(caps);
    int err = errno;
    cap_free(caps);
    return push_result(L, "C.cap_set_proc", r, err);
}

static int name_to_cap(lua_State *L, int idx, cap_value_t *out)
{
    const char *name = check_cstr(L, idx);
    errno = 0; /* libcap does not always set it for an unknown name */
    return cap_from_name(name, out);
}

static int l_cap_drop_bound(lua_State *L)
{
    cap_value_t cap;
    if (name_to_cap(L, 1, &cap) == -1)
        return push_result(L, "C.cap_drop_bound", -1, errno ? errno : EINVAL);
    return RET("C.cap_drop_bound", cap_drop_bound(cap));
}

static int l_cap_set_ambient(lua_State *L)
{
    cap_value_t cap;
    if (name_to_cap(L, 1, &cap) == -1)
        return push_result(L, "C.cap_set_ambient", -1, errno ? errno : EINVAL);
    luaL_checktype(L, 2, LUA_TBOOLEAN);
    cap_flag_value_t v = lua_toboolean(L, 2) ? CAP_SET : CAP_CLEAR;
    return RET("C.cap_set_ambient", cap_set_ambient(cap, v));
}

static int l_cap_reset_ambient(lua_State *L)
{
    return RET("C.cap_reset_ambient", cap_reset_ambient());
}

static int l_cap_set_secbits(lua_State *L)
{
    return RET("C.cap_set_secbits", cap_set_secbits(check_uint(L, 1)));
}

void register_caps(lua_State *L)
{
    SET_FN(L, "cap_set_proc", l_cap_set_proc);
    SET_FN(L, "cap_drop_bound", l_cap_drop_bound);
    SET_FN(L, "cap_set_ambient", l_cap_set_ambient);
    SET_FN(L, "cap_reset_ambient", l_cap_reset_ambient);
    SET_FN(L, "cap_set_secbits", l_cap_set_secbits);
}
