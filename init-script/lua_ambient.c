/* init.script's ambient_authority_off(): in one call, what FreeBSD's
 * cap_enter() does, as far as Linux allows (emilua-ts extension; the same
 * policy as seccomp_policy.ambient_authority_off() for a process and
 * spawn_options() for system.spawn, docs/sandboxing.md):
 *
 *  - no_new_privs;
 *  - a Landlock domain handling every filesystem right the running ABI
 *    knows, with no rules; TCP bind/connect handled (ABI >= 4); abstract
 *    unix sockets and signals scoped (ABI >= 6);
 *  - the seccomp filter the parent compiled with libseccomp (namespaces,
 *    ptrace, io_uring, bpf, TIOCSTI..., other arches) and put in the config.
 *
 * Threat model: after the call, the actor (or what the script executes) is
 * hostile and works only through the descriptors it holds. Landlock and
 * seccomp go through the same path as C.landlock_restrict_self and
 * C.seccomp_set_mode_filter (held back for the actor host, deferred.h).
 * What this kernel cannot enforce is listed in the returned report, never
 * skipped silently: { applied = {...}, not_applied = {...} }. */
#include "deferred.h"
#include "kernel_compat.h"
#include "lua_support.h"

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#define LL_ACCESS_NET_BIND_TCP (1ULL << 0)
#define LL_ACCESS_NET_CONNECT_TCP (1ULL << 1)
#define LL_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)
#define LL_SCOPE_SIGNAL (1ULL << 1)

static const char *filter;
static size_t filter_len;

void ambient_set_filter(const char *bytes, size_t len)
{
    filter = bytes;
    filter_len = len;
}

static void add(lua_State *L, int list, const char *text)
{
    lua_pushstring(L, text);
    lua_rawseti(L, list, (int)lua_objlen(L, list) + 1);
}

/* Returns -1 with errno set, and *what naming the step. */
static int landlock_part(lua_State *L, int applied, int not_applied,
                         const char **what)
{
    long abi = syscall(__NR_landlock_create_ruleset, NULL, 0,
                       LL_CREATE_RULESET_VERSION);
    if (abi < 1) {
        char text[96];
        snprintf(text, sizeof text, "landlock: not available on this "
                 "kernel (errno %d)", errno);
        add(L, not_applied, text);
        return 0;
    }
    struct ll_ruleset_attr attr = { .handled_access_fs = (1ULL << 13) - 1 };
    if (abi >= 2)
        attr.handled_access_fs |= LL_ACCESS_FS_REFER;
    if (abi >= 3)
        attr.handled_access_fs |= LL_ACCESS_FS_TRUNCATE;
    if (abi >= 5)
        attr.handled_access_fs |= LL_ACCESS_FS_IOCTL_DEV;
    if (abi >= 4)
        attr.handled_access_net = LL_ACCESS_NET_BIND_TCP |
                                  LL_ACCESS_NET_CONNECT_TCP;
    if (abi >= 6)
        attr.scoped = LL_SCOPE_ABSTRACT_UNIX_SOCKET | LL_SCOPE_SIGNAL;
    *what = "ambient_authority_off (landlock_create_ruleset)";
    int rs = (int)syscall(__NR_landlock_create_ruleset, &attr, sizeof attr, 0);
    if (rs == -1)
        return -1;
    *what = "ambient_authority_off (landlock_restrict_self)";
    int ret = deferred_enabled() ? deferred_add_landlock(rs)
                                 : (int)syscall(__NR_landlock_restrict_self,
                                                rs, 0);
    int err = errno;
    close(rs);
    if (ret == -1) {
        errno = err;
        return -1;
    }
    char text[96];
    snprintf(text, sizeof text, "landlock ABI %ld: every filesystem right",
             abi);
    add(L, applied, text);
    if (abi >= 4)
        add(L, applied, "landlock: TCP bind and connect");
    else
        add(L, not_applied, "landlock: TCP bind/connect need ABI 4");
    if (abi >= 6)
        add(L, applied, "landlock: abstract unix socket and signal scoping");
    else
        add(L, not_applied, "landlock: abstract unix socket and signal "
            "scoping need ABI 6");
    return 0;
}

static int seccomp_part(lua_State *L, int applied, const char **what)
{
    *what = "ambient_authority_off (seccomp_set_mode_filter)";
    if (deferred_enabled()) {
        if (deferred_add_seccomp(filter, filter_len) == -1)
            return -1;
    } else {
        /* Copied: the config buffer may not be aligned for sock_filter. */
        struct sock_filter *insns = lua_newuserdata(L, filter_len);
        memcpy(insns, filter, filter_len);
        struct sock_fprog prog = {
            .len = (unsigned short)(filter_len / sizeof(struct sock_filter)),
            .filter = insns,
        };
        if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == -1)
            return -1;
        lua_pop(L, 1);
    }
    add(L, applied, "seccomp: namespaces, ptrace, process_vm, io_uring, "
        "bpf, perf_event_open, keyrings, userfaultfd, TIOCSTI/TIOCLINUX, "
        "other arches");
    return 0;
}

static int l_ambient_authority_off(lua_State *L)
{
    if (filter == NULL)
        return luaL_error(L, "ambient_authority_off: the runtime did not "
                          "pass its seccomp filter to the init helper");
    lua_createtable(L, 0, 2);
    lua_newtable(L);
    int applied = lua_gettop(L);
    lua_newtable(L);
    int not_applied = lua_gettop(L);
    const char *what = "ambient_authority_off (no_new_privs)";
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
        return push_result(L, what, -1, errno);
    add(L, applied, "no_new_privs");
    if (landlock_part(L, applied, not_applied, &what) == -1 ||
        seccomp_part(L, applied, &what) == -1)
        return push_result(L, what, -1, errno);
    lua_setfield(L, -3, "not_applied");
    lua_setfield(L, -2, "applied");
    return 1;
}

void register_ambient(lua_State *L)
{
    lua_register(L, "ambient_authority_off", l_ambient_authority_off);
}
