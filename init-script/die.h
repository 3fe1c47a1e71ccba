/* Failure reporting of the init helper.
 *
 * The helper never prints its failures for the parent to parse: it writes one
 * status record on the status fd (STATUS_FD) and exits. The record is small
 * (< PIPE_BUF) so it arrives whole or not at all. Format, little-endian,
 * version 1 (decoder: runtime/sandbox/init-status.ts):
 *
 *   u8[4] magic "ETIS"
 *   u8    version (1)
 *   u8    stage   (enum init_stage below)
 *   u16   length of the message in bytes (<= STATUS_MSG_MAX)
 *   i32   errno (0 when the failure is not a failed system call)
 *   u8[]  message: UTF-8 text, no terminator
 *
 * On success the parent sees EOF on the status fd (it is close-on-exec at the
 * final execve) and no record.
 */
#ifndef EMILUA_TS_INIT_DIE_H
#define EMILUA_TS_INIT_DIE_H

#include <stdnoreturn.h>

#define STATUS_MAGIC "ETIS"
#define STATUS_VERSION 1
#define STATUS_MSG_MAX 1024
/* Exit status of the helper after a failure it reported. */
#define INIT_FAILURE_EXIT 1

enum init_stage {
    STAGE_CONFIG = 1,      /* the config on fd 3 is malformed */
    STAGE_SETUP = 2,       /* a system call of the helper itself failed */
    STAGE_SCRIPT_CALL = 3, /* a C.* call of init.script failed under errexit */
    STAGE_SCRIPT_ERROR = 4,/* init.script raised an error (syntax or runtime) */
    STAGE_EXEC = 5,        /* the final execve of the target failed */
};

/* The status fd; -1 once closed (PID1 after its fork). */
extern int status_fd;

/* Report and _exit(INIT_FAILURE_EXIT). `err` 0 means no errno. */
noreturn void die_report(enum init_stage stage, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Shorthands: a failed call of the helper itself (errno read now), and a
 * malformed config. */
#define die_with_errno(...) die_report(STAGE_SETUP, errno, __VA_ARGS__)
#define die_config(...) die_report(STAGE_CONFIG, 0, __VA_ARGS__)

#endif
