/* Stat tables, address arrays and getaddrinfo answers between a filter's
 * Lua and C (filter_values.h). Everything read from Lua is range-checked:
 * the filter is the spawner's code, but a mistake in it must not write
 * outside the values it fills. */
#include "filter_values.h"

#include <errno.h>
#include <lauxlib.h>
#include <netdb.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

static void set_number(lua_State *L, const char *key, lua_Number v)
{
    lua_pushnumber(L, v);
    lua_setfield(L, -2, key);
}

static void push_time(lua_State *L, const char *key, const struct timespec *t)
{
    lua_createtable(L, 0, 2);
    set_number(L, "sec", (lua_Number)t->tv_sec);
    set_number(L, "nsec", (lua_Number)t->tv_nsec);
    lua_setfield(L, -2, key);
}

void lsvc_push_stat(lua_State *L, const struct stat *st)
{
    lua_createtable(L, 0, 13);
    set_number(L, "dev", (lua_Number)st->st_dev);
    set_number(L, "ino", (lua_Number)st->st_ino);
    set_number(L, "mode", (lua_Number)st->st_mode);
    set_number(L, "nlink", (lua_Number)st->st_nlink);
    set_number(L, "uid", (lua_Number)st->st_uid);
    set_number(L, "gid", (lua_Number)st->st_gid);
    set_number(L, "rdev", (lua_Number)st->st_rdev);
    set_number(L, "size", (lua_Number)st->st_size);
    set_number(L, "blksize", (lua_Number)st->st_blksize);
    set_number(L, "blocks", (lua_Number)st->st_blocks);
    push_time(L, "atim", &st->st_atim);
    push_time(L, "mtim", &st->st_mtim);
    push_time(L, "ctim", &st->st_ctim);
}

static lua_Number get_number(lua_State *L, int idx, const char *key)
{
    lua_getfield(L, idx, key);
    lua_Number v = lua_type(L, -1) == LUA_TNUMBER ? lua_tonumber(L, -1) : 0;
    lua_pop(L, 1);
    return v;
}

static void get_time(lua_State *L, int idx, const char *key, struct timespec *t)
{
    memset(t, 0, sizeof *t);
    lua_getfield(L, idx, key);
    if (lua_type(L, -1) == LUA_TTABLE) {
        int at = lua_gettop(L);
        t->tv_sec = (time_t)get_number(L, at, "sec");
        lua_Number ns = get_number(L, at, "nsec");
        t->tv_nsec = ns >= 0 && ns < 1e9 ? (long)ns : 0;
    }
    lua_pop(L, 1);
}

void lsvc_stat_from_lua(lua_State *L, int idx, struct stat *st)
{
    memset(st, 0, sizeof *st);
    st->st_dev = (dev_t)get_number(L, idx, "dev");
    st->st_ino = (ino_t)get_number(L, idx, "ino");
    st->st_mode = (mode_t)get_number(L, idx, "mode");
    st->st_nlink = (nlink_t)get_number(L, idx, "nlink");
    st->st_uid = (uid_t)get_number(L, idx, "uid");
    st->st_gid = (gid_t)get_number(L, idx, "gid");
    st->st_rdev = (dev_t)get_number(L, idx, "rdev");
    st->st_size = (off_t)get_number(L, idx, "size");
    st->st_blksize = (blksize_t)get_number(L, idx, "blksize");
    st->st_blocks = (blkcnt_t)get_number(L, idx, "blocks");
    get_time(L, idx, "atim", &st->st_atim);
    get_time(L, idx, "mtim", &st->st_mtim);
    get_time(L, idx, "ctim", &st->st_ctim);
}

void lsvc_push_address(lua_State *L, const uint8_t *addr, int n)
{
    lua_createtable(L, n + 1, 0);
    for (int i = 0; i < n; i++) {
        lua_pushinteger(L, addr[i]);
        lua_rawseti(L, -2, i + 1);
    }
}

void lsvc_address_from_lua(lua_State *L, int idx, uint8_t *out, int n)
{
    luaL_checktype(L, idx, LUA_TTABLE);
    for (int i = 0; i < n; i++) {
        lua_rawgeti(L, idx, i + 1);
        lua_Integer b = lua_tointeger(L, -1);
        int ok = lua_type(L, -1) == LUA_TNUMBER && b >= 0 && b <= 255;
        lua_pop(L, 1);
        if (!ok) luaL_argerror(L, idx, "address bytes must be integers 0..255");
        out[i] = (uint8_t)b;
    }
}

static const struct { const char *name; int code; } EAI_NAMES[] = {
    { "again", EAI_AGAIN }, { "badflags", EAI_BADFLAGS }, { "fail", EAI_FAIL },
    { "family", EAI_FAMILY }, { "memory", EAI_MEMORY }, { "noname", EAI_NONAME },
    { "service", EAI_SERVICE }, { "socktype", EAI_SOCKTYPE }, { "system", EAI_SYSTEM },
};
#define EAI_COUNT (sizeof EAI_NAMES / sizeof EAI_NAMES[0])

int lsvc_push_addrinfo(lua_State *L, const struct lsvc_addrinfo *a, int err)
{
    if (a->status == 1) {
        lua_pushnil(L);
        return 1;
    }
    if (a->status != 0 || (a->family != 4 && a->family != 6)) {
        const char *name = "fail";
        for (size_t i = 0; i < EAI_COUNT; i++)
            if (EAI_NAMES[i].code == a->eai) name = EAI_NAMES[i].name;
        lua_pushstring(L, name);
        if (a->eai != EAI_SYSTEM) return 1;
        lua_pushinteger(L, err);
        return 2;
    }
    lua_pushnil(L);
    int n = a->family == 4 ? 4 : 16;
    lsvc_push_address(L, a->addr, n);
    if (n == 16) {
        lua_pushinteger(L, a->scope_id);
        lua_rawseti(L, -2, 17);
    }
    if (a->port < 0) lua_pushnil(L);
    else lua_pushinteger(L, a->port);
    return 3;
}

void lsvc_addrinfo_from_lua(lua_State *L, int first, int top, struct lsvc_addrinfo *a, int *err)
{
    memset(a, 0, sizeof *a);
    a->port = -1;
    *err = 0;
    int type = first <= top ? lua_type(L, first) : LUA_TNIL;
    if (type == LUA_TSTRING || type == LUA_TNUMBER) {
        a->status = 2;
        a->eai = EAI_FAIL;
        if (type == LUA_TNUMBER) {
            int code = (int)lua_tointeger(L, first);
            for (size_t i = 0; i < EAI_COUNT; i++)
                if (EAI_NAMES[i].code == code) a->eai = code;
        } else {
            const char *name = lua_tostring(L, first);
            for (size_t i = 0; i < EAI_COUNT; i++)
                if (strcmp(EAI_NAMES[i].name, name) == 0) a->eai = EAI_NAMES[i].code;
        }
        if (a->eai == EAI_SYSTEM) *err = first + 1 <= top ? (int)lua_tointeger(L, first + 1) : EIO;
        return;
    }
    if (first + 1 > top || lua_type(L, first + 1) != LUA_TTABLE) {
        a->status = 1;
        return;
    }
    int n = (int)lua_objlen(L, first + 1);
    a->family = n >= 16 ? 6 : 4;
    lsvc_address_from_lua(L, first + 1, a->addr, a->family == 4 ? 4 : 16);
    if (a->family == 6 && n >= 17) {
        lua_rawgeti(L, first + 1, 17);
        a->scope_id = (uint32_t)lua_tointeger(L, -1);
        lua_pop(L, 1);
    }
    if (first + 2 <= top && lua_type(L, first + 2) == LUA_TNUMBER) {
        lua_Integer port = lua_tointeger(L, first + 2);
        a->port = port >= 0 && port <= 65535 ? (int32_t)port : -1;
    }
}

typedef int (*gai_fn)(const char *, const char *, const struct addrinfo *, struct addrinfo **);

void lsvc_gai_libc(const struct lsvc_call *c, struct lsvc_addrinfo *a, int *err)
{
    memset(a, 0, sizeof *a);
    a->port = -1;
    *err = 0;
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = c->protocol == 1 ? SOCK_STREAM : c->protocol == 2 ? SOCK_DGRAM : 0;
    int r = ((gai_fn)lsvc_real("getaddrinfo"))(c->path, c->path2, &hints, &res);
    if (r != 0) {
        a->status = 2;
        a->eai = r;
        *err = errno;
        return;
    }
    a->status = 1;
    for (struct addrinfo *i = res; i != NULL; i = i->ai_next) {
        if (i->ai_family == AF_INET) {
            const struct sockaddr_in *in = (const void *)i->ai_addr;
            a->family = 4;
            memcpy(a->addr, &in->sin_addr, 4);
            a->port = ntohs(in->sin_port);
        } else if (i->ai_family == AF_INET6) {
            const struct sockaddr_in6 *in6 = (const void *)i->ai_addr;
            a->family = 6;
            memcpy(a->addr, &in6->sin6_addr, 16);
            a->scope_id = in6->sin6_scope_id;
            a->port = ntohs(in6->sin6_port);
        } else {
            continue;
        }
        a->status = 0;
        break;
    }
    freeaddrinfo(res);
}
