/* Writes the status record of die.h and exits. Async-signal-safe apart from
 * vsnprintf, which is only called from the single thread of the helper. */
#include "die.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int status_fd = 5;

static void write_record(enum init_stage stage, int err, const char *msg,
                         size_t len)
{
    unsigned char rec[12 + STATUS_MSG_MAX];
    uint16_t n = (uint16_t)len;
    int32_t e = err;

    memcpy(rec, STATUS_MAGIC, 4);
    rec[4] = STATUS_VERSION;
    rec[5] = (unsigned char)stage;
    memcpy(rec + 6, &n, 2);
    memcpy(rec + 8, &e, 4);
    memcpy(rec + 12, msg, len);

    /* One write: the record is below PIPE_BUF, so a pipe carries it whole.
     * A failed or short write leaves the exit status as the only signal. */
    size_t total = 12 + len;
    ssize_t r;
    do {
        r = write(status_fd, rec, total);
    } while (r == -1 && errno == EINTR);
}

noreturn void die_report(enum init_stage stage, int err, const char *fmt, ...)
{
    char msg[STATUS_MSG_MAX + 1];
    va_list ap;

    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    if ((size_t)n > STATUS_MSG_MAX)
        n = STATUS_MSG_MAX;
    if (status_fd >= 0)
        write_record(stage, err, msg, (size_t)n);
    _exit(INIT_FAILURE_EXIT);
}
