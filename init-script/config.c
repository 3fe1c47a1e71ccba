/* Bounded decoder of the config of config.h. The parent is trusted, but a
 * bug there must end in a clear message, never in a read past the buffer. */
#include "config.h"
#include "deferred.h"
#include "die.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct cursor {
    const unsigned char *p;
    size_t left;
};

static const void *take(struct cursor *c, size_t n, const char *what)
{
    if (n > c->left)
        die_config("config truncated in %s", what);
    const void *at = c->p;
    c->p += n;
    c->left -= n;
    return at;
}

static uint32_t take_u32(struct cursor *c, const char *what)
{
    uint32_t v;
    memcpy(&v, take(c, 4, what), 4);
    return v;
}

/* A string that may contain NUL (the script) stays in place. */
static const char *take_blob(struct cursor *c, size_t *len, const char *what)
{
    uint32_t n = take_u32(c, what);
    *len = n;
    return take(c, n, what);
}

/* A string handed to execve: copied with a terminator, no NUL inside. */
static char *take_cstr(struct cursor *c, const char *what)
{
    size_t n;
    const char *s = take_blob(c, &n, what);
    if (memchr(s, '\0', n) != NULL)
        die_config("config: %s contains a NUL byte", what);
    char *copy = malloc(n + 1);
    if (copy == NULL)
        die_with_errno("malloc");
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

static char **take_list(struct cursor *c, uint32_t min, size_t spare,
                        size_t *count, const char *what)
{
    uint32_t n = take_u32(c, what);
    if (n < min || n > CONFIG_MAX_ITEMS)
        die_config("config: %s has %u items (allowed %u..%u)", what,
                   (unsigned)n, (unsigned)min, (unsigned)CONFIG_MAX_ITEMS);
    /* Each item takes at least its 4-byte length: refuse counts the buffer
     * cannot hold before allocating for them. */
    if ((size_t)n * 4 > c->left)
        die_config("config truncated in %s", what);
    char **list = calloc((size_t)n + 1 + spare, sizeof *list);
    if (list == NULL)
        die_with_errno("calloc");
    for (uint32_t i = 0; i < n; i++)
        list[i] = take_cstr(c, what);
    *count = n;
    return list;
}

static unsigned char *read_all(int fd, size_t *len)
{
    unsigned char *buf = malloc(CONFIG_MAX_BYTES + 1);
    size_t used = 0;

    if (buf == NULL)
        die_with_errno("malloc");
    for (;;) {
        ssize_t r = read(fd, buf + used, CONFIG_MAX_BYTES + 1 - used);
        if (r == -1) {
            if (errno == EINTR)
                continue;
            die_with_errno("read config (fd 3)");
        }
        if (r == 0)
            break;
        used += (size_t)r;
        /* One byte past the limit is enough to know it is too big; the
         * writer then gets EPIPE once we exit. */
        if (used > CONFIG_MAX_BYTES)
            die_config("config larger than %d bytes", CONFIG_MAX_BYTES);
    }
    *len = used;
    return buf;
}

void config_read(int fd, struct init_config *out)
{
    size_t len;
    unsigned char *buf = read_all(fd, &len);
    struct cursor c = { buf, len };
    size_t argc;

    if (len < 8 || memcmp(buf, CONFIG_MAGIC, 4) != 0)
        die_config("config: bad magic (not an emilua-ts init config)");
    take(&c, 4, "header");
    unsigned version = *(const unsigned char *)take(&c, 1, "header");
    if (version != CONFIG_VERSION)
        die_config("config: version %u, this helper reads version %d",
                   version, CONFIG_VERSION);
    out->flags = *(const unsigned char *)take(&c, 1, "header");
    if (out->flags & ~(CONFIG_PID1 | CONFIG_HAS_ARG | CONFIG_DEFER_POLICIES))
        die_config("config: unknown flags 0x%x", out->flags);
    const unsigned char *reserved = take(&c, 2, "header");
    if (reserved[0] != 0 || reserved[1] != 0)
        die_config("config: reserved header bytes are not 0");

    out->script = take_blob(&c, &out->script_len, "init.script");
    out->path = take_cstr(&c, "program path");
    if (out->path[0] == '\0')
        die_config("config: empty program path");
    out->argv = take_list(&c, 1, 0, &argc, "argv");
    /* Spare slots: main.c appends IPC_FD_ENV_NAME, and deferred.c the two
     * variables of the policy hand-over. */
    static const char *const owned[] = {
        IPC_FD_ENV_NAME, POLICY_FD_ENV_NAME, STATUS_FD_ENV_NAME,
    };
    out->envp = take_list(&c, 0, 3, &out->envc, "environment");
    for (size_t i = 0; i < out->envc; i++) {
        const char *eq = strchr(out->envp[i], '=');
        if (eq == NULL || eq == out->envp[i])
            die_config("config: environment entry %zu is not NAME=value", i);
        size_t name_len = (size_t)(eq - out->envp[i]);
        for (size_t k = 0; k < sizeof owned / sizeof owned[0]; k++)
            if (name_len == strlen(owned[k]) &&
                memcmp(out->envp[i], owned[k], name_len) == 0)
                die_config("config: the environment sets %s, which the "
                           "helper owns", owned[k]);
    }
    if (c.left != 0)
        die_config("config: %zu unexpected bytes after the last field",
                   c.left);
    /* buf stays allocated: out->script points into it. */
}
