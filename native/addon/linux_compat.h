// Compile-time detection of the kernel interfaces the addon supports, with
// fallback definitions for constants that older headers lack. Each
// EMILUA_TS_HAVE_* macro is 1 when the addon is built with that support.
#ifndef EMILUA_TS_ADDON_LINUX_COMPAT_H
#define EMILUA_TS_ADDON_LINUX_COMPAT_H

#include <sys/socket.h>
#include <sys/syscall.h>

#if !defined(__linux__)
#error "emilua-ts native code targets Linux only"
#endif

// Landlock (Linux 5.13). The syscall numbers are shared by every
// architecture that uses the unified syscall table (all but alpha).
#if !defined(__NR_landlock_create_ruleset) && !defined(__alpha__)
#define __NR_landlock_create_ruleset 444
#define __NR_landlock_add_rule 445
#define __NR_landlock_restrict_self 446
#endif
#ifndef LANDLOCK_CREATE_RULESET_VERSION
#define LANDLOCK_CREATE_RULESET_VERSION (1U << 0)
#endif
#if defined(__NR_landlock_create_ruleset)
#define EMILUA_TS_HAVE_LANDLOCK 1
#else
#define EMILUA_TS_HAVE_LANDLOCK 0
#endif

// pidfd_open (Linux 5.3); same numbering remark as above.
#if !defined(__NR_pidfd_open) && !defined(__alpha__)
#define __NR_pidfd_open 434
#endif
#if defined(__NR_pidfd_open)
#define EMILUA_TS_HAVE_PIDFD 1
#else
#define EMILUA_TS_HAVE_PIDFD 0
#endif

// seccomp filters: the syscall number differs per architecture, so rely on
// the headers.
#if defined(__NR_seccomp) && __has_include(<linux/seccomp.h>)
#define EMILUA_TS_HAVE_SECCOMP 1
#else
#define EMILUA_TS_HAVE_SECCOMP 0
#endif

// Passing file descriptors over AF_UNIX sockets.
#if defined(SCM_RIGHTS)
#define EMILUA_TS_HAVE_SCM_RIGHTS 1
#else
#define EMILUA_TS_HAVE_SCM_RIGHTS 0
#endif

#endif
