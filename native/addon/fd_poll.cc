// Readiness of file descriptors, delivered on Node's event loop.
//
// The addon keeps one epoll instance of its own per Node environment and
// watches that epoll descriptor with a single uv_poll_t on the environment's
// libuv loop. Descriptors are registered in the private epoll set, never in
// libuv's, because uv_poll_init() would switch every watched descriptor to
// O_NONBLOCK (with ioctl FIONBIO) and libuv allows only one watcher per
// descriptor; the private set changes nothing about a descriptor and can
// watch descriptors that Node itself also watches.
//
// Every registration is one-shot (EPOLLONESHOT): pollArm(fd, id, events) asks
// for ONE notification when fd becomes readable (1), writable (2) and/or has
// priority data (8, EPOLLPRI: a socket's out-of-band mark); after it fires
// the descriptor stays registered but disabled until armed again. Errors and
// hang-ups are always reported (bit 4). pollDisarm(fd)
// forgets the descriptor (EPOLL_CTL_DEL); it must be called before the
// descriptor is closed. The callback given to pollInit receives a flat array
// [id, events, id, events, ...] (pollCheck() returns the same array at once,
// for callers that look between other work); `id` is the caller's number for the
// registration, so a notification for a closed-and-reused descriptor number
// can be recognised and dropped. While at least one registration is armed
// the uv_poll_t keeps the event loop alive; otherwise it is unreferenced. A
// registration armed with 16 added to its events is a background one: it is
// reported like the others but does not keep the loop alive.
#include <errno.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <cstdint>
#include <unordered_map>

#include <uv.h>

#include "args.h"
#include "register.h"

namespace emilua_ts {
namespace {

constexpr int kReadable = 1;
constexpr int kWritable = 2;
constexpr int kHangup = 4;
constexpr int kPriority = 8;
// Not an event: the registration does not keep the process alive (a
// detached child reaped in the background).
constexpr int kBackground = 16;

struct Registration {
  uint32_t id;
  bool armed;
  bool keepsAlive;
};

struct Watcher {
  napi_env env = nullptr;
  int epfd = -1;
  uv_poll_t* poll = nullptr;
  Napi::FunctionReference callback;
  std::unordered_map<int, Registration> fds;
  // Armed registrations that keep the process alive.
  size_t armed = 0;

  void SetArmed(Registration& r, bool on) {
    if (r.armed == on) return;
    r.armed = on;
    if (!r.keepsAlive) return;
    if (on) ++armed; else --armed;
  }

  void UpdateRef() {
    if (poll == nullptr) return;
    if (armed > 0) {
      uv_ref(reinterpret_cast<uv_handle_t*>(poll));
    } else {
      uv_unref(reinterpret_cast<uv_handle_t*>(poll));
    }
  }
};

void OnPollClosed(uv_handle_t* handle) {
  delete reinterpret_cast<uv_poll_t*>(handle);
}

void DestroyWatcher(Napi::Env, Watcher* watcher) {
  if (watcher->poll != nullptr) {
    uv_close(reinterpret_cast<uv_handle_t*>(watcher->poll), OnPollClosed);
    watcher->poll = nullptr;
  }
  if (watcher->epfd != -1) close(watcher->epfd);
  delete watcher;
}

Watcher* WatcherOf(Napi::Env env) {
  return env.GetInstanceData<Watcher>();
}

// Takes every pending notification out of the epoll set, as a flat array
// [id, events, ...] (empty when none).
Napi::Array CollectEvents(Watcher* watcher, Napi::Env env) {
  Napi::Array batch = Napi::Array::New(env);
  uint32_t n = 0;
  epoll_event events[64];
  for (;;) {
    int count = epoll_wait(watcher->epfd, events, 64, 0);
    if (count <= 0) break;
    for (int i = 0; i < count; ++i) {
      int fd = static_cast<int>(events[i].data.u64 & 0xffffffffu);
      uint32_t id = static_cast<uint32_t>(events[i].data.u64 >> 32);
      auto it = watcher->fds.find(fd);
      if (it == watcher->fds.end() || it->second.id != id) continue;
      watcher->SetArmed(it->second, false);
      int bits = 0;
      if (events[i].events & EPOLLIN) bits |= kReadable;
      if (events[i].events & EPOLLOUT) bits |= kWritable;
      if (events[i].events & (EPOLLERR | EPOLLHUP)) bits |= kHangup;
      if (events[i].events & EPOLLPRI) bits |= kPriority;
      batch.Set(n++, Napi::Number::New(env, id));
      batch.Set(n++, Napi::Number::New(env, bits));
    }
    if (count < 64) break;
  }
  watcher->UpdateRef();
  return batch;
}

void OnEpollReady(uv_poll_t* handle, int status, int) {
  Watcher* watcher = static_cast<Watcher*>(handle->data);
  if (status < 0) return;
  Napi::Env env(watcher->env);
  Napi::HandleScope scope(env);
  Napi::Array batch = CollectEvents(watcher, env);
  if (batch.Length() == 0 || watcher->callback.IsEmpty()) return;
  watcher->callback.MakeCallback(env.Global(), {batch});
  if (env.IsExceptionPending()) {
    Napi::Error error = env.GetAndClearPendingException();
    napi_fatal_exception(env, error.Value());
  }
}

// pollInit(callback(batch: number[])): 0 | -errno. Later calls only replace
// the callback.
Napi::Value PollInit(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Function callback;
  if (!args::Function(info, 0, &callback, "pollInit(callback: function)")) return env.Undefined();
  Watcher* watcher = WatcherOf(env);
  if (watcher == nullptr) {
    uv_loop_t* loop = nullptr;
    if (napi_get_uv_event_loop(env, &loop) != napi_ok || loop == nullptr) {
      return args::Errno(env, EINVAL);
    }
    int epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd == -1) return args::Result(env, -1);
    uv_poll_t* poll = new uv_poll_t;
    int err = uv_poll_init(loop, poll, epfd);
    if (err != 0) {
      delete poll;
      close(epfd);
      return Napi::Number::New(env, err);
    }
    err = uv_poll_start(poll, UV_READABLE, OnEpollReady);
    if (err != 0) {
      uv_close(reinterpret_cast<uv_handle_t*>(poll), OnPollClosed);
      close(epfd);
      return Napi::Number::New(env, err);
    }
    watcher = new Watcher;
    watcher->env = env;
    watcher->epfd = epfd;
    watcher->poll = poll;
    poll->data = watcher;
    watcher->UpdateRef();
    env.SetInstanceData<Watcher, DestroyWatcher>(watcher);
  }
  watcher->callback = Napi::Persistent(callback);
  return Napi::Number::New(env, 0);
}

// pollArm(fd, id, events): one notification when fd is ready for `events`
// (1 readable, 2 writable, 8 priority data, or a sum of them; plus 16: the
// wait does not keep the process alive). 0 | -errno (-EPERM: the descriptor
// cannot be polled, e.g. a regular file).
Napi::Value PollArm(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  static const char* usage = "pollArm(fd: number, id: number, events: number)";
  int fd, id, wanted;
  if (!args::Int(info, 0, &fd, usage) || !args::Int(info, 1, &id, usage) ||
      !args::Int(info, 2, &wanted, usage)) {
    return env.Undefined();
  }
  Watcher* watcher = WatcherOf(env);
  if (watcher == nullptr || id < 0) return args::Errno(env, EINVAL);
  epoll_event ev{};
  ev.events = EPOLLONESHOT | ((wanted & kReadable) ? EPOLLIN : 0u) | ((wanted & kWritable) ? EPOLLOUT : 0u) |
              ((wanted & kPriority) ? EPOLLPRI : 0u);
  ev.data.u64 = (static_cast<uint64_t>(static_cast<uint32_t>(id)) << 32) | static_cast<uint32_t>(fd);
  const bool keepsAlive = (wanted & kBackground) == 0;
  auto add = [&]() {
    if (epoll_ctl(watcher->epfd, EPOLL_CTL_ADD, fd, &ev) == -1) return false;
    Registration& r = watcher->fds.emplace(fd, Registration{static_cast<uint32_t>(id), false, keepsAlive}).first->second;
    watcher->SetArmed(r, true);
    return true;
  };
  auto it = watcher->fds.find(fd);
  if (it == watcher->fds.end()) {
    if (!add()) return args::Result(env, -1);
  } else {
    if (epoll_ctl(watcher->epfd, EPOLL_CTL_MOD, fd, &ev) == -1) {
      int err = errno;
      if (err != ENOENT) return Napi::Number::New(env, -err);
      // The descriptor was closed (and maybe reused) without pollDisarm.
      watcher->SetArmed(it->second, false);
      watcher->fds.erase(it);
      if (!add()) {
        watcher->UpdateRef();
        return args::Result(env, -1);
      }
    } else {
      Registration& r = it->second;
      r.id = static_cast<uint32_t>(id);
      watcher->SetArmed(r, false);
      r.keepsAlive = keepsAlive;
      watcher->SetArmed(r, true);
    }
  }
  watcher->UpdateRef();
  return Napi::Number::New(env, 0);
}

// pollDisarm(fd): forgets fd (armed or not). 0 | -errno (-ENOENT: not
// registered).
Napi::Value PollDisarm(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int fd;
  if (!args::Int(info, 0, &fd, "pollDisarm(fd: number)")) return env.Undefined();
  Watcher* watcher = WatcherOf(env);
  if (watcher == nullptr) return args::Errno(env, ENOENT);
  auto it = watcher->fds.find(fd);
  if (it == watcher->fds.end()) return args::Errno(env, ENOENT);
  watcher->SetArmed(it->second, false);
  watcher->fds.erase(it);
  watcher->UpdateRef();
  // ENOENT/EBADF: already gone from the set with its last descriptor.
  epoll_ctl(watcher->epfd, EPOLL_CTL_DEL, fd, nullptr);
  return Napi::Number::New(env, 0);
}

// pollCheck(): the notifications pending right now, without waiting and
// without calling the callback: [id, events, ...]. Lets a busy scheduler see
// readiness between fibers instead of only when Node's loop polls.
Napi::Value PollCheck(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Watcher* watcher = WatcherOf(env);
  if (watcher == nullptr) return Napi::Array::New(env);
  return CollectEvents(watcher, env);
}

}  // namespace

void RegisterFdPoll(Napi::Env env, Napi::Object exports) {
  static const Export kFunctions[] = {
      {"pollInit", PollInit},
      {"pollArm", PollArm},
      {"pollDisarm", PollDisarm},
      {"pollCheck", PollCheck},
  };
  Define(env, exports, kFunctions);
}

}  // namespace emilua_ts
