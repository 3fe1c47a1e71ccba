// The child side of a spawn: from clone(2) to execve(2).
//
// The child is created with CLONE_VM | CLONE_VFORK on a stack of its own
// (spawn.cc), the way glibc's posix_spawn works: it shares the parent's
// memory, and the calling thread stays suspended until the child execs or
// exits. Copying the page tables of a Node process (fork semantics) would
// cost far more, and every page Node writes afterwards would fault once.
// Sharing memory is safe only under these rules, which this file keeps:
//
//   * Nothing here allocates, takes a lock, or calls into glibc beyond
//     plain system-call wrappers: the parent's other threads keep running
//     on the same heap, and any lock they held at clone time stays held.
//     Credentials in particular go through raw syscalls: glibc's setresuid
//     & co. would signal every thread of the *parent* (setxid broadcast).
//   * The plan is only read, except for the slots the parent reserved for
//     the child (the pid digits, the script argv slot, the error fields).
//     Those belong to the suspended thread's stack frame or heap objects it
//     keeps alive until clone returns.
//   * No signal handler of the parent may run here (it would run on shared
//     memory): spawn.cc blocks every signal before clone; the child resets
//     every disposition to SIG_DFL while they are blocked, then unblocks.
//   * errno is the parent thread's (same thread pointer); the suspended
//     parent does not rely on its value across clone.
//
// Failures are reported by writing {error, step} into the plan and exiting
// with status 127; the parent reads them once clone returns.
//
// Threat model: the program is not trusted. It must start with exactly the
// descriptors it was given (none of the runtime's: epoll sets, pidfds,
// sockets to other actors, whatever their FD_CLOEXEC flag says; close_range
// closes everything above 9), and with its namespaces, credentials,
// no_new_privs, Landlock ruleset and seccomp filter in place before its
// first instruction. A filter the script passes may refuse any syscall,
// exit_group included, without hanging the parent (see Fail). Tests:
// tests/unit/spawn-native.test.ts (a descriptor without FD_CLOEXEC),
// tests/lua/system_spawn_extra_fds.lua (the child's whole descriptor table),
// tests/lua/system_spawn_attributes.lua (a filter refusing every syscall).
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux_compat.h"
#include "spawn_plan.h"

#ifndef __NR_close_range
#define __NR_close_range 436
#endif
#ifndef __NR_execveat
#error "execveat(2) is required"
#endif

namespace emilua_ts {
namespace spawn {
namespace {

[[noreturn]] void Fail(Plan* plan, Step step, int error) {
  plan->error_step = step;
  plan->error = error;
  syscall(SYS_exit_group, 127);
  // Only a seccomp filter that refuses exit_group gets here (the script's
  // own seccomp_set_mode_filter). The parent stays suspended until this
  // process ends, so end it with a fault: the kernel delivers SIGILL even
  // while every signal is blocked.
  __builtin_trap();
}

// Calls Fail() when a raw syscall returned -1.
inline void Check(Plan* plan, long ret, Step step) {
  if (ret == -1) Fail(plan, step, errno);
}

void ResetSignals() {
  struct sigaction dfl;
  for (unsigned i = 0; i < sizeof dfl; i++) reinterpret_cast<char*>(&dfl)[i] = 0;
  dfl.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; sig++) {
    if (sig == SIGKILL || sig == SIGSTOP) continue;
    // glibc refuses its two private signals (EINVAL): nobody sends those
    // to this process, and exec resets handlers anyway.
    sigaction(sig, &dfl, nullptr);
  }
}

void WritePid(char* out) {
  long pid = syscall(SYS_getpid);
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + pid % 10);
    pid /= 10;
  } while (pid > 0);
  for (int i = 0; i < n; i++) out[i] = digits[n - 1 - i];
  out[n] = '\0';
}

void SetCredentials(Plan* plan) {
  if (plan->groups != nullptr) {
    Check(plan, syscall(SYS_setgroups, plan->group_count, plan->groups), kStepSetgroups);
  }
  // As Emilua: the saved ID follows the effective one; an unset effective
  // ID keeps the current one.
  if (plan->rgid != -1 || plan->egid != -1) {
    long egid = plan->egid != -1 ? plan->egid : syscall(SYS_getegid);
    Check(plan, syscall(SYS_setresgid, plan->rgid, egid, egid), kStepSetresgid);
  }
  if (plan->ruid != -1 || plan->euid != -1) {
    long euid = plan->euid != -1 ? plan->euid : syscall(SYS_geteuid);
    Check(plan, syscall(SYS_setresuid, plan->ruid, euid, euid), kStepSetresuid);
  }
}

void ApplyLandlock(Plan* plan) {
  if (plan->landlock_fd == -1) return;
#if EMILUA_TS_HAVE_LANDLOCK
  Check(plan, syscall(__NR_landlock_restrict_self, plan->landlock_fd, 0), kStepLandlock);
#else
  Fail(plan, kStepLandlock, ENOSYS);
#endif
}

void ApplySeccomp(Plan* plan) {
  if (plan->seccomp_filter == nullptr) return;
  struct sock_fprog prog;
  prog.len = plan->seccomp_len;
  prog.filter = const_cast<struct sock_filter*>(static_cast<const struct sock_filter*>(plan->seccomp_filter));
  Check(plan, syscall(SYS_prctl, PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0), kStepSeccomp);
}

// Places the planned descriptors on 0..9 and closes every other one
// except `*keep` (the program descriptor, moved above 9 and close-on-exec).
void MapDescriptors(Plan* plan, int* keep) {
  int src[10];
  for (int t = 0; t < 10; t++) {
    int want = plan->fds[t];
    if (want == kFdPipeRead || want == kFdPipeWrite) {
      int ends[2];
      Check(plan, syscall(SYS_pipe2, ends, O_CLOEXEC), kStepStdio);
      int mine = want == kFdPipeRead ? 0 : 1;
      syscall(SYS_close, ends[1 - mine]);
      want = ends[mine];
    }
    src[t] = want;
  }
  // Move every source (and the program) out of 0..9 first, so that filling
  // a target never destroys a source another target still needs.
  for (int t = 0; t < 10; t++) {
    if (src[t] >= 0 && src[t] < 10) {
      long moved = syscall(SYS_fcntl, src[t], F_DUPFD_CLOEXEC, 10);
      Check(plan, moved, kStepFdMap);
      src[t] = static_cast<int>(moved);
    }
  }
  if (*keep != -1) {
    // Always a fresh close-on-exec copy: it must not reach the program.
    long moved = syscall(SYS_fcntl, *keep, F_DUPFD_CLOEXEC, 10);
    Check(plan, moved, kStepFdMap);
    *keep = static_cast<int>(moved);
  }
  for (int t = 0; t < 10; t++) {
    if (src[t] >= 0) {
      Check(plan, syscall(SYS_dup3, src[t], t, 0), kStepFdMap);
    } else {
      syscall(SYS_close, t);
    }
  }
  if (*keep == -1) {
    Check(plan, syscall(__NR_close_range, 10U, ~0U, 0U), kStepCloseRange);
  } else {
    if (*keep > 10) Check(plan, syscall(__NR_close_range, 10U, static_cast<unsigned>(*keep - 1), 0U), kStepCloseRange);
    Check(plan, syscall(__NR_close_range, static_cast<unsigned>(*keep + 1), ~0U, 0U), kStepCloseRange);
  }
}

// Errors after which a PATH search tries the next directory (as execvp).
bool TryNext(int error) {
  return error == ENOENT || error == ENOTDIR || error == EACCES || error == ESTALE || error == ENODEV ||
         error == ETIMEDOUT;
}

[[noreturn]] void Exec(Plan* plan, int program_fd) {
  if (plan->exec_kind == kExecFd) {
    syscall(SYS_execveat, program_fd, "", plan->argv, plan->envp, AT_EMPTY_PATH);
    Fail(plan, kStepExec, errno);
  }
  if (plan->exec_kind == kExecPath) {
    syscall(SYS_execve, plan->paths[0], plan->argv, plan->envp);
    Fail(plan, kStepExec, errno);
  }
  int result = ENOENT;
  bool denied = false;
  for (char* const* path = plan->paths; *path != nullptr; path++) {
    syscall(SYS_execve, *path, plan->argv, plan->envp);
    int error = errno;
    if (error == ENOEXEC) {
      // execvp runs a file without a #! line through the shell.
      plan->script_argv[1] = *path;
      syscall(SYS_execve, plan->script_argv[0], plan->script_argv, plan->envp);
      Fail(plan, kStepExec, errno);
    }
    if (!TryNext(error)) Fail(plan, kStepExec, error);
    if (error == EACCES) denied = true;
    result = error;
  }
  Fail(plan, kStepExec, denied ? EACCES : result);
}

}  // namespace

int ChildMain(void* arg) {
  Plan* plan = static_cast<Plan*>(arg);
  ResetSignals();
  if (plan->pid_digits != nullptr) WritePid(plan->pid_digits);

  if (plan->sched_policy != -1) {
    struct sched_param param = {};
    param.sched_priority = plan->sched_priority;
    Check(plan, syscall(SYS_sched_setscheduler, 0, plan->sched_policy, &param), kStepScheduler);
  } else if (plan->sched_set_priority) {
    struct sched_param param = {};
    param.sched_priority = plan->sched_priority;
    Check(plan, syscall(SYS_sched_setparam, 0, &param), kStepScheduler);
  }

  if (plan->new_session) Check(plan, syscall(SYS_setsid), kStepSetsid);
  if (plan->process_group != -1) Check(plan, syscall(SYS_setpgid, 0, plan->process_group), kStepSetpgid);
  if (plan->ctty_fd != -1) {
    Check(plan, syscall(SYS_ioctl, plan->ctty_fd, TIOCSCTTY, 0), kStepSetCtty);
  } else if (plan->foreground_fd != -1) {
    // SIGTTOU is blocked (every signal still is), as tcsetpgrp from a
    // background group requires.
    pid_t group = plan->process_group != 0 ? plan->process_group : static_cast<pid_t>(syscall(SYS_getpid));
    Check(plan, syscall(SYS_ioctl, plan->foreground_fd, TIOCSPGRP, &group), kStepForeground);
  }

  // The user namespace first: it grants the rights to join the others.
  static const int kNsTypes[5] = {CLONE_NEWUSER, CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWNET};
  for (int i = 0; i < 5; i++) {
    if (plan->setns_fds[i] != -1) {
      Check(plan, syscall(SYS_setns, plan->setns_fds[i], kNsTypes[i]), static_cast<Step>(kStepSetnsUser + i));
    }
  }

  // Without no_new_privs, Landlock and seccomp need CAP_SYS_ADMIN, which
  // dropping the credentials may take away: apply them first (as Emilua).
  if (!plan->no_new_privs) {
    ApplyLandlock(plan);
    ApplySeccomp(plan);
  }
  SetCredentials(plan);
  if (plan->umask != -1) syscall(SYS_umask, plan->umask);

  if (plan->pdeathsig != 0) {
    Check(plan, syscall(SYS_prctl, PR_SET_PDEATHSIG, plan->pdeathsig, 0, 0, 0), kStepPdeathsig);
    // The parent may have died before the prctl: then nobody will send it.
    // (parent_pid is 0 in a new PID namespace, where getppid() says 0.)
    if (syscall(SYS_getppid) != plan->parent_pid) syscall(SYS_kill, syscall(SYS_getpid), plan->pdeathsig);
  }

  if (plan->cwd_path != nullptr) Check(plan, syscall(SYS_chdir, plan->cwd_path), kStepChdir);
  if (plan->cwd_fd != -1) Check(plan, syscall(SYS_fchdir, plan->cwd_fd), kStepChdir);

  if (plan->no_new_privs) {
    Check(plan, syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), kStepNoNewPrivs);
    ApplyLandlock(plan);
  }

  int program_fd = plan->exec_kind == kExecFd ? plan->program_fd : -1;
  MapDescriptors(plan, &program_fd);

  sigset_t none;
  sigemptyset(&none);
  // The kernel's sigset_t is 64 bits on every architecture.
  syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, nullptr, 8);

  // Last before exec: the filter may forbid any of the calls above.
  if (plan->no_new_privs) ApplySeccomp(plan);
  Exec(plan, program_fd);
}

}  // namespace spawn
}  // namespace emilua_ts
