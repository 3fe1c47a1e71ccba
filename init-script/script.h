/* Runs init.script in a fresh LuaJIT state. */
#ifndef EMILUA_TS_INIT_SCRIPT_H
#define EMILUA_TS_INIT_SCRIPT_H

#include <stddef.h>

/* arg_fd < 0: the global `arg` is nil. A syntax or runtime error dies with
 * a STAGE_SCRIPT_ERROR record carrying Lua's message; the state is closed
 * before returning. */
void script_run(const char *src, size_t len, int arg_fd);

#endif
