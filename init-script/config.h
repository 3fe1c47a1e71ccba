/* The config the parent writes on fd 3 (encoder: runtime/sandbox/init-config.ts).
 *
 * Version 1, little-endian, read to EOF, at most CONFIG_MAX_BYTES:
 *
 *   u8[4] magic "ETIC"
 *   u8    version (1)
 *   u8    flags: bit 0 CONFIG_PID1 (be the PID1 supervisor when the helper is
 *                pid 1 of a new PID namespace), bit 1 CONFIG_HAS_ARG (fd 6 is
 *                init.arg), bit 2 CONFIG_DEFER_POLICIES (deferred.h);
 *                other bits must be 0
 *   u16   reserved, must be 0
 *   str   init.script source (may be empty: no script runs)
 *   str   path of the program to execute at the end (non-empty)
 *   u32   argc (1..CONFIG_MAX_ITEMS), then argc str
 *   u32   envc (0..CONFIG_MAX_ITEMS), then envc str, each "NAME=value"
 *
 * where str = u32 length + bytes. Strings other than the script hold no NUL.
 * Nothing may follow the last field.
 */
#ifndef EMILUA_TS_INIT_CONFIG_H
#define EMILUA_TS_INIT_CONFIG_H

#include <stddef.h>

#define CONFIG_MAGIC "ETIC"
#define CONFIG_VERSION 1
#define CONFIG_MAX_BYTES (1024 * 1024)
#define CONFIG_MAX_ITEMS 4096

#define CONFIG_PID1 0x01u
#define CONFIG_HAS_ARG 0x02u
/* Hold init.script's Landlock and seccomp requests for the actor host
 * (deferred.h). */
#define CONFIG_DEFER_POLICIES 0x04u

/* Name of the variable the helper adds for the actor host; the parent must
 * not set it itself. */
#define IPC_FD_ENV_NAME "EMILUA_TS_IPC_FD"

struct init_config {
    unsigned flags;
    const char *script;   /* points into the config buffer */
    size_t script_len;
    char *path;
    char **argv;          /* NULL-terminated */
    char **envp;          /* NULL-terminated, three spare slots (main.c) */
    size_t envc;
};

/* Reads fd to EOF into a buffer it owns for the life of the process and
 * decodes it; any malformed input dies with STAGE_CONFIG. */
void config_read(int fd, struct init_config *out);

#endif
