/* Shared by the lua_*.c files: argument checks, the (result, errno) return
 * convention of init.script's C API, and errexit. */
#ifndef EMILUA_TS_INIT_LUA_SUPPORT_H
#define EMILUA_TS_INIT_LUA_SUPPORT_H

#include <lua.h>
#include <lauxlib.h>
#include <errno.h>
#include <stdint.h>

/* Pushes `ret` and the errno (0 when ret != -1). When the call failed and the
 * global `errexit` is true, the helper dies instead with a STAGE_SCRIPT_CALL
 * record naming `name` (e.g. "C.open"). Returns 2 (values pushed). */
int push_result(lua_State *L, const char *name, long ret, int err);

/* Same policy for callers that push their own values: dies when errexit is
 * on and err != 0, otherwise returns. */
void check_errexit(lua_State *L, const char *name, int err);

/* Integer arguments; a non-integral or out-of-range number is a script
 * error (luaL_argerror), never a silent truncation. */
int check_int(lua_State *L, int idx);
unsigned check_uint(lua_State *L, int idx);
uint64_t check_u64(lua_State *L, int idx);
/* A string argument for C: no NUL byte inside. */
const char *check_cstr(lua_State *L, int idx);
/* The same, or NULL when the argument is nil or absent. */
const char *opt_str(lua_State *L, int idx);

/* A Lua list of strings as a NULL-terminated array (for execve). The array
 * lives in a userdata left on the stack, so an error frees it with the
 * stack. */
char **check_str_list(lua_State *L, int idx);

/* Registration of each family into the table on top of the stack. */
void register_fs(lua_State *L);
void register_mount(lua_State *L);
void register_proc(lua_State *L);
void register_caps(lua_State *L);
void register_landlock(lua_State *L);
void register_constants(lua_State *L);
/* Globals: mode, dev_major, dev_minor, write_all, receive_with_fd,
 * send_with_fd, set_no_new_privs, bind_unix. */
void register_helpers(lua_State *L);
/* Global ambient_authority_off() (lua_ambient.c), with the parent's filter. */
void register_ambient(lua_State *L);
void ambient_set_filter(const char *bytes, size_t len);

/* Runs a call that returns -1 and sets errno on failure, then returns its
 * (result, errno) pair; errno is read after the call has run. */
#define RET(name, expr) ({                 \
        long ret_ = (long)(expr);          \
        int err_ = errno;                  \
        push_result(L, name, ret_, err_);  \
    })

#define SET_FN(L, name, fn) (lua_pushcfunction(L, fn), lua_setfield(L, -2, name))

#endif
