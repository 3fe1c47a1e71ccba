/* die_report() for the init.script C API compiled into the preload library
 * (init-script/lua_*.c): a filter that turned errexit on and had a call
 * fail ends the process, as init.script does, with a message on stderr. */
#include "../../init-script/die.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int status_fd = -1;

void die_report(enum init_stage stage, int err, const char *fmt, ...)
{
    char msg[STATUS_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dprintf(2, "emilua-ts libc_service filter: stage %d: %s%s%s\n", (int)stage,
            msg, err ? ": " : "", err ? strerror(err) : "");
    _exit(INIT_FAILURE_EXIT);
}
