// The plan of one spawn: everything the child needs, prepared by the parent
// (spawn.cc) before clone, so that the child (spawn_child.cc) only reads it
// and makes raw system calls. See spawn_child.cc for why that matters.
#ifndef EMILUA_TS_ADDON_SPAWN_PLAN_H
#define EMILUA_TS_ADDON_SPAWN_PLAN_H

#include <sys/types.h>

namespace emilua_ts {
namespace spawn {

// The step that failed, reported with its errno. TypeScript keeps the same
// list (runtime/process/spawn-steps.ts); append only.
enum Step : int {
  kStepClone = 0,      // in the parent: mmap of the stack, clone
  kStepScheduler,      // sched_setscheduler / sched_setparam
  kStepSetsid,
  kStepSetpgid,
  kStepSetCtty,        // ioctl(TIOCSCTTY)
  kStepForeground,     // tcsetpgrp
  kStepSetnsUser,
  kStepSetnsMount,
  kStepSetnsUts,
  kStepSetnsIpc,
  kStepSetnsNet,
  kStepSetgroups,
  kStepSetresgid,
  kStepSetresuid,
  kStepPdeathsig,
  kStepChdir,
  kStepNoNewPrivs,
  kStepLandlock,
  kStepStdio,          // pipe2 for a closed pipe end
  kStepFdMap,          // moving descriptors onto 0..9
  kStepCloseRange,
  kStepSeccomp,
  kStepExec,
};

// Values of a target slot in `fds` other than a descriptor.
constexpr int kFdNone = -1;         // close this number in the child
constexpr int kFdPipeRead = -2;     // the read end of a pipe whose write end is closed
constexpr int kFdPipeWrite = -3;    // the write end of a pipe whose read end is closed

enum ExecKind : int {
  kExecPath = 0,    // execve(paths[0])
  kExecSearch = 1,  // execve on each of paths (a PATH search done by TS)
  kExecFd = 2,      // execveat(program_fd, "", AT_EMPTY_PATH)
};

struct Plan {
  // exec
  int exec_kind;
  char* const* paths;       // NULL-terminated
  int program_fd;
  char* const* argv;        // NULL-terminated
  char* const* envp;        // NULL-terminated
  char** script_argv;       // {"/bin/sh", <slot>, argv[1..], NULL} for ENOEXEC in a search
  char* pid_digits;         // where the child writes its pid (NUL-terminated room), or null

  // descriptors 0..9 of the child: a descriptor of the parent or kFd*
  int fds[10];

  // process attributes, -1 = leave alone unless said otherwise
  int sched_policy;         // -1 none
  int sched_priority;
  bool sched_set_priority;  // apply sched_priority alone (sched_setparam)
  bool new_session;
  pid_t process_group;      // -1 none
  int ctty_fd;
  int foreground_fd;
  int setns_fds[5];         // user, mount, uts, ipc, net
  const gid_t* groups;      // null: leave alone
  int group_count;
  long rgid, egid, ruid, euid;  // -1 none
  int umask;                // -1 none
  const char* cwd_path;     // null none
  int cwd_fd;
  int pdeathsig;            // 0 none
  pid_t parent_pid;         // for the pdeathsig race check
  bool no_new_privs;
  int landlock_fd;
  const void* seccomp_filter;  // struct sock_filter[], null none
  unsigned short seccomp_len;  // in instructions

  // written by the child on failure (the parent is suspended until the
  // child execs or exits: CLONE_VFORK)
  volatile int error;
  volatile int error_step;
};

// The child's entry point (clone(2)'s fn). Never returns on success.
int ChildMain(void* plan);

}  // namespace spawn
}  // namespace emilua_ts

#endif
