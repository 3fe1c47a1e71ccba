/* The wire format spoken between the preload library and the master
 * (runtime/modules/libc_service/wire.ts is the other half). One AF_UNIX
 * SOCK_SEQPACKET socket; native byte order (both ends are on one host).
 *
 *   master -> slave, once, before anything else: the filter config, a
 *   sequence of { u8 function id; u32 length; bytes (Lua source) }.
 *
 *   slave -> master: struct lsvc_request, then str0 then str1 (lengths in
 *   the header), optionally one descriptor (openat's dirfd).
 *
 *   master -> slave: struct lsvc_reply, then `extra` bytes (struct
 *   lsvc_stat or struct lsvc_addrinfo), plus up to LSVC_MAX_FDS fds.
 */
#ifndef EMILUA_TS_PRELOAD_WIRE_H
#define EMILUA_TS_PRELOAD_WIRE_H

#include <stdint.h>

#define LSVC_MAGIC 0x4c535643u /* "LSVC" */
#define LSVC_MAX_STR 4096
#define LSVC_MAX_FDS 16
#define LSVC_MAX_CONFIG (64 * 1024)

enum lsvc_function {
    LSVC_OPEN = 1, LSVC_OPENAT, LSVC_UNLINK, LSVC_RENAME, LSVC_STAT,
    LSVC_LSTAT, LSVC_ACCESS, LSVC_EACCESS, LSVC_MKDIR, LSVC_RMDIR,
    LSVC_CONNECT_UNIX, LSVC_CONNECT_INET, LSVC_CONNECT_INET6,
    LSVC_BIND_UNIX, LSVC_BIND_INET, LSVC_BIND_INET6, LSVC_GETADDRINFO,
    LSVC_FUNCTION_COUNT
};

/* i[]: open/openat: flags, mode, resolve bits; access: amode; mkdir: mode;
 * inet: port, scope id; getaddrinfo: protocol (0 none, 1 tcp, 2 udp),
 * presence bits (1 node, 2 service). str0/str1: paths, raw address bytes,
 * node and service. */
struct lsvc_request {
    uint32_t magic;
    uint16_t function;
    uint16_t has_fd;
    int32_t i[3];
    uint32_t len0;
    uint32_t len1;
};

enum lsvc_reply_kind { LSVC_REPLY_RESULT = 0, LSVC_REPLY_USE_SLAVE = 1 };

struct lsvc_reply {
    uint32_t magic;
    int32_t kind;
    int64_t result;
    int32_t err;
    uint32_t extra_len;
};

/* stat/lstat with a table: which fields the master gave (bit i = field i
 * of v[] in the order dev ino mode nlink uid gid rdev size atime mtime
 * ctime blksize blocks) and the file type (S_IFMT bits, 0 = absent);
 * nsec: the nanoseconds of atime, mtime, ctime (v[] has their seconds). */
struct lsvc_stat {
    uint32_t present;
    uint32_t type;
    int64_t v[13];
    int64_t nsec[3];
};

/* getaddrinfo. status: 0 one address, 1 no address, 2 EAI error (code in
 * eai, err for EAI_SYSTEM). */
struct lsvc_addrinfo {
    int32_t status;
    int32_t eai;
    int32_t family; /* 4 or 6 */
    uint32_t scope_id;
    int32_t port;   /* -1: none */
    uint8_t addr[16];
};

#endif
