/* Kernel constants newer than Debian 12's headers (glibc 2.36, Linux 6.1
 * uapi). Values from the kernel's uapi headers; each is guarded so newer
 * headers win. */
#ifndef EMILUA_TS_INIT_KERNEL_COMPAT_H
#define EMILUA_TS_INIT_KERNEL_COMPAT_H

#include <sys/syscall.h>

#ifndef FSCONFIG_CMD_CREATE_EXCL
#define FSCONFIG_CMD_CREATE_EXCL 8 /* Linux 6.6 */
#endif
#ifndef MOVE_MOUNT_BENEATH
#define MOVE_MOUNT_BENEATH 0x00000200 /* Linux 6.5 */
#endif
#ifndef MS_NOSYMFOLLOW
#define MS_NOSYMFOLLOW 256 /* Linux 5.10 */
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080 /* Linux 5.6 */
#endif

/* Landlock, ABI 1..7. Defined here rather than taken from <linux/landlock.h>,
 * which on Debian 12 stops at ABI 2. */
#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#define __NR_landlock_add_rule 445
#define __NR_landlock_restrict_self 446
#endif

#define LL_CREATE_RULESET_VERSION (1U << 0)
#define LL_RULE_PATH_BENEATH 1

#define LL_ACCESS_FS_EXECUTE (1ULL << 0)
#define LL_ACCESS_FS_WRITE_FILE (1ULL << 1)
#define LL_ACCESS_FS_READ_FILE (1ULL << 2)
#define LL_ACCESS_FS_READ_DIR (1ULL << 3)
#define LL_ACCESS_FS_REMOVE_DIR (1ULL << 4)
#define LL_ACCESS_FS_REMOVE_FILE (1ULL << 5)
#define LL_ACCESS_FS_MAKE_CHAR (1ULL << 6)
#define LL_ACCESS_FS_MAKE_DIR (1ULL << 7)
#define LL_ACCESS_FS_MAKE_REG (1ULL << 8)
#define LL_ACCESS_FS_MAKE_SOCK (1ULL << 9)
#define LL_ACCESS_FS_MAKE_FIFO (1ULL << 10)
#define LL_ACCESS_FS_MAKE_BLOCK (1ULL << 11)
#define LL_ACCESS_FS_MAKE_SYM (1ULL << 12)
#define LL_ACCESS_FS_REFER (1ULL << 13)      /* ABI 2 */
#define LL_ACCESS_FS_TRUNCATE (1ULL << 14)   /* ABI 3 */
#define LL_ACCESS_FS_IOCTL_DEV (1ULL << 15)  /* ABI 5 */

/* The kernel copies the prefix it knows and requires the rest to be zero,
 * so the full ABI 6 layout works on every ABI. */
struct ll_ruleset_attr {
    unsigned long long handled_access_fs;
    unsigned long long handled_access_net; /* ABI 4 */
    unsigned long long scoped;             /* ABI 6 */
};

struct ll_path_beneath_attr {
    unsigned long long allowed_access;
    int parent_fd;
} __attribute__((packed));

#endif
