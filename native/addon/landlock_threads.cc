// landlockRestrictAllThreads(fd): enforce a Landlock ruleset on every thread
// of this process. Result: the number of threads restricted (>= 1) | -errno.
//
// Why: landlock_restrict_self(2) restricts the calling thread only (and the
// threads it creates later). Node runs libuv's pool threads (every fs call
// of the file and filesystem modules), V8's platform workers, actors on
// worker threads and Node's own helper threads; a domain on the main thread
// alone would leave a pool thread opening any file. Kernels with ABI >= 8
// have LANDLOCK_RESTRICT_SELF_TSYNC and do this themselves; we use it there.
// Older kernels (ABI 7 on our machines) need the signal broadcast that
// glibc's setxid and libpsx use: every other thread is made to run
// landlock_restrict_self(fd, 0) in a signal handler.
//
// Threat model: the Lua code that runs after the call is hostile; the
// threads and code of the runtime itself are trusted but carry the hostile
// code's requests (a pool thread opens the path Lua named). So no thread
// may stay unrestricted: the call succeeds only if every thread listed in
// /proc/self/task acknowledged a successful landlock_restrict_self, and
// threads created during the broadcast are caught by listing the tasks
// again until no new thread appears. Every thread created after the call
// descends from a restricted one and inherits the domain.
//
// The signal: Node's inspector thread blocks every signal glibc lets it
// block, so a real-time signal would stay pending there forever. glibc keeps
// two signals unblockable: SIGCANCEL (32) and SIGSETXID (33). We borrow
// SIGSETXID for the broadcast, installing our handler with the raw
// rt_sigaction syscall (glibc's sigaction refuses the number) and putting
// glibc's back afterwards. Our signals carry SI_QUEUE and a cookie
// (rt_tgsigqueueinfo); anything else reaching the handler meanwhile (a
// setuid() on another thread) is passed to glibc's handler unchanged.
//
// Limits: a thread that exits and whose tid is reused by a new thread
// during the broadcast is treated as done (the new thread's creator decides
// whether it inherited the domain: only a creator restricted already gives
// it). A thread that never runs its handler within kTimeout makes the call
// fail with -ETIMEDOUT, and then some threads are restricted and others
// not: the caller must treat the process as compromised-or-restricted and
// not continue as if unrestricted (the Lua error says so). Calls are
// serialized by a mutex.
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <vector>

#include "args.h"
#include "register.h"
#include "linux_compat.h"

// ABI 8 (Linux 6.19): enforce on every thread of the process at once.
#ifndef LANDLOCK_RESTRICT_SELF_TSYNC
#define LANDLOCK_RESTRICT_SELF_TSYNC (1U << 3)
#endif

namespace emilua_ts {
namespace {

constexpr int kSignal = 33;  // glibc's SIGSETXID, see the header comment
constexpr int kMaxThreads = 4096;
constexpr int kMaxRounds = 64;
constexpr long kTimeoutNs = 5L * 1000 * 1000 * 1000;

// The kernel's struct sigaction on the architectures we build for (x86-64,
// arm64): the handler first, the mask last. We copy glibc's whole struct
// and change the handler alone.
struct KernelSigaction {
  void (*handler)(int, siginfo_t*, void*);
  unsigned long flags;
  void (*restorer)(void);
  uint64_t mask;
};

struct Slot {
  std::atomic<pid_t> tid;
  std::atomic<int> result;  // 1: pending, 0: restricted, > 0: errno
};

Slot g_slots[kMaxThreads];
std::atomic<int> g_slot_count{0};
std::atomic<int> g_ruleset{-1};
std::atomic<int> g_cookie{0};
std::atomic<bool> g_set_nnp{false};
KernelSigaction g_glibc_action;
pthread_mutex_t g_mutex = PTHREAD_MUTEX_INITIALIZER;

void Handler(int sig, siginfo_t* si, void* context) {
  int cookie = g_cookie.load();
  if (si == nullptr || si->si_code != SI_QUEUE || cookie == 0 || si->si_value.sival_int != cookie) {
    // SIG_DFL (0) and SIG_IGN (1) are not functions to call.
    if (reinterpret_cast<uintptr_t>(g_glibc_action.handler) > 1) g_glibc_action.handler(sig, si, context);
    return;
  }
  int saved_errno = errno;
  pid_t self = static_cast<pid_t>(syscall(SYS_gettid));
  int count = g_slot_count.load();
  for (int i = 0; i < count; i++) {
    if (g_slots[i].tid.load() != self || g_slots[i].result.load() != 1) continue;
    int result = 0;
    if (g_set_nnp.load() && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1) result = errno;
    if (result == 0 && syscall(__NR_landlock_restrict_self, g_ruleset.load(), 0U) == -1) result = errno;
    g_slots[i].result.store(result);
    break;
  }
  errno = saved_errno;
}

bool Contains(const std::vector<pid_t>& list, pid_t tid) {
  for (pid_t t : list) {
    if (t == tid) return true;
  }
  return false;
}

// The threads of this process not in `done`, listed again from the start of
// `tasks` (/proc/self/task, opened before the calling thread restricted
// itself: a domain that handles read_dir would refuse to open it after).
// -errno on failure.
int NewThreads(DIR* tasks, const std::vector<pid_t>& done, std::vector<pid_t>* out) {
  rewinddir(tasks);
  errno = 0;
  while (struct dirent* entry = readdir(tasks)) {
    char* end;
    long tid = strtol(entry->d_name, &end, 10);
    if (*end != '\0' || tid <= 0) continue;
    if (!Contains(done, static_cast<pid_t>(tid))) out->push_back(static_cast<pid_t>(tid));
  }
  return errno == 0 ? 0 : -errno;
}

bool ThreadExists(pid_t tid) {
  return syscall(SYS_tgkill, getpid(), tid, 0) == 0;
}

long ElapsedNs(const struct timespec& start) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (now.tv_sec - start.tv_sec) * 1000000000L + (now.tv_nsec - start.tv_nsec);
}

// Signals `threads`, waits for each to answer or to be gone. 0 | -errno.
int Round(const std::vector<pid_t>& threads, int cookie) {
  if (threads.size() > static_cast<size_t>(kMaxThreads)) return -EAGAIN;
  for (size_t i = 0; i < threads.size(); i++) {
    g_slots[i].tid.store(threads[i]);
    g_slots[i].result.store(1);
  }
  g_slot_count.store(static_cast<int>(threads.size()));
  for (size_t i = 0; i < threads.size(); i++) {
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = kSignal;
    si.si_code = SI_QUEUE;
    si.si_pid = getpid();
    si.si_uid = getuid();
    si.si_value.sival_int = cookie;
    if (syscall(SYS_rt_tgsigqueueinfo, getpid(), threads[i], kSignal, &si) == -1) {
      if (errno != ESRCH) return -errno;
      g_slots[i].result.store(0);  // exited: nothing left to restrict
    }
  }
  struct timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (;;) {
    bool pending = false;
    for (size_t i = 0; i < threads.size(); i++) {
      int r = g_slots[i].result.load();
      if (r > 0 && r != 1) return -r;
      if (r == 1 && !ThreadExists(threads[i])) g_slots[i].result.store(0);
      else if (r == 1) pending = true;
    }
    if (!pending) return 0;
    if (ElapsedNs(start) > kTimeoutNs) return -ETIMEDOUT;
    struct timespec pause = {0, 200 * 1000};
    nanosleep(&pause, nullptr);
  }
}

// The broadcast, with our handler installed. Threads restricted | -errno.
int Broadcast(DIR* tasks, int ruleset) {
  std::vector<pid_t> done;
  done.push_back(static_cast<pid_t>(syscall(SYS_gettid)));
  g_ruleset.store(ruleset);
  g_set_nnp.store(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1);
  int cookie = static_cast<int>((getpid() ^ time(nullptr)) | 1);
  g_cookie.store(cookie);
  int ret = -EAGAIN;
  for (int round = 0; round < kMaxRounds; round++) {
    std::vector<pid_t> fresh;
    ret = NewThreads(tasks, done, &fresh);
    if (ret < 0) break;
    if (fresh.empty()) {
      ret = static_cast<int>(done.size());
      break;
    }
    ret = Round(fresh, cookie);
    if (ret < 0) break;
    done.insert(done.end(), fresh.begin(), fresh.end());
    ret = -EAGAIN;  // threads kept appearing for kMaxRounds rounds
  }
  g_cookie.store(0);
  g_slot_count.store(0);
  return ret;
}

Napi::Value LandlockRestrictAllThreads(const Napi::CallbackInfo& info) {
  int ruleset;
  if (!args::Int(info, 0, &ruleset, "landlockRestrictAllThreads(ruleset: number)")) {
    return info.Env().Undefined();
  }
#if EMILUA_TS_HAVE_LANDLOCK
  DIR* tasks = opendir("/proc/self/task");
  if (tasks == nullptr) return args::Errno(info.Env(), errno);
  long abi = syscall(__NR_landlock_create_ruleset, NULL, size_t{0}, LANDLOCK_CREATE_RULESET_VERSION);
  if (abi >= 8) {
    if (syscall(__NR_landlock_restrict_self, ruleset, LANDLOCK_RESTRICT_SELF_TSYNC) == -1) {
      int err = errno;
      closedir(tasks);
      return args::Errno(info.Env(), err);
    }
    std::vector<pid_t> all;
    NewThreads(tasks, {}, &all);
    closedir(tasks);
    return Napi::Number::New(info.Env(), static_cast<double>(all.size()));
  }
  pthread_mutex_lock(&g_mutex);
  // The calling thread first: a bad fd or a missing no_new_privs fails
  // here, before any other thread has changed.
  if (syscall(__NR_landlock_restrict_self, ruleset, 0U) == -1) {
    int err = errno;
    pthread_mutex_unlock(&g_mutex);
    closedir(tasks);
    return args::Errno(info.Env(), err);
  }
  KernelSigaction ours;
  if (syscall(SYS_rt_sigaction, kSignal, nullptr, &g_glibc_action, sizeof(uint64_t)) == -1) {
    int err = errno;
    pthread_mutex_unlock(&g_mutex);
    closedir(tasks);
    return args::Errno(info.Env(), err);
  }
  ours = g_glibc_action;
  ours.handler = Handler;
  ours.flags |= SA_SIGINFO | SA_RESTART;
  int ret;
  if (syscall(SYS_rt_sigaction, kSignal, &ours, nullptr, sizeof(uint64_t)) == -1) {
    ret = -errno;
  } else {
    ret = Broadcast(tasks, ruleset);
    syscall(SYS_rt_sigaction, kSignal, &g_glibc_action, nullptr, sizeof(uint64_t));
  }
  pthread_mutex_unlock(&g_mutex);
  closedir(tasks);
  return Napi::Number::New(info.Env(), ret);
#else
  return args::Errno(info.Env(), ENOSYS);
#endif
}

}  // namespace

void RegisterLandlockThreads(Napi::Env env, Napi::Object exports) {
  static const Export kFunctions[] = {
      {"landlockRestrictAllThreads", LandlockRestrictAllThreads},
  };
  Define(env, exports, kFunctions);
}

}  // namespace emilua_ts
