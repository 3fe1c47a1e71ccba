// Descriptor operations that may block, run on libuv's thread pool
// (Napi::AsyncWorker) so Node's event loop never waits: read and write on
// descriptors that cannot be polled (regular files, block devices, /dev/null)
// and openat (opening a FIFO waits for its other end).
//
// Each function returns 0 once the work is queued, or -errno when it was not
// (then the callback is never called). The callback receives one number: the
// syscall's result or -errno. A thread-pool operation cannot be interrupted:
// the caller waits for its completion, and a descriptor opened for a caller
// that has gone away must be closed by that caller.
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <string>

#include "args.h"
#include "register.h"

namespace emilua_ts {
namespace {

class ResultWorker : public Napi::AsyncWorker {
 public:
  explicit ResultWorker(const Napi::Function& callback)
      : Napi::AsyncWorker(callback, "emilua-ts:io") {}

 protected:
  void OnOK() override {
    Napi::HandleScope scope(Env());
    Callback().Call({Napi::Number::New(Env(), static_cast<double>(result_))});
  }

  long result_ = -EINVAL;
};

class ReadWriteWorker : public ResultWorker {
 public:
  ReadWriteWorker(const Napi::Function& callback, bool write, int fd, Napi::Uint8Array bytes)
      : ResultWorker(callback),
        write_(write),
        fd_(fd),
        data_(bytes.Data()),
        size_(bytes.ByteLength()),
        keepAlive_(Napi::Persistent(bytes)) {}

 protected:
  void Execute() override {
    ssize_t n;
    do {
      n = write_ ? write(fd_, data_, size_) : read(fd_, data_, size_);
    } while (n == -1 && errno == EINTR);
    result_ = n < 0 ? -errno : n;
  }

 private:
  bool write_;
  int fd_;
  uint8_t* data_;
  size_t size_;
  // The array must outlive the syscall that writes into or reads from it.
  Napi::Reference<Napi::Uint8Array> keepAlive_;
};

class OpenatWorker : public ResultWorker {
 public:
  OpenatWorker(const Napi::Function& callback, int dirfd, std::string path, int flags, int mode,
               uint64_t resolve)
      : ResultWorker(callback),
        dirfd_(dirfd),
        path_(std::move(path)),
        flags_(flags | O_CLOEXEC),
        mode_(mode),
        resolve_(resolve) {}

 protected:
  void Execute() override {
    long fd;
    if (resolve_ == 0) {
      do {
        fd = openat(dirfd_, path_.c_str(), flags_, static_cast<mode_t>(mode_));
      } while (fd == -1 && errno == EINTR);
    } else {
      struct open_how how;
      memset(&how, 0, sizeof how);
      how.flags = static_cast<uint64_t>(flags_);
      // openat2 rejects a mode without O_CREAT or O_TMPFILE.
      if ((flags_ & O_CREAT) || (flags_ & O_TMPFILE) == O_TMPFILE) how.mode = static_cast<uint64_t>(mode_);
      how.resolve = resolve_;
      do {
        fd = syscall(SYS_openat2, dirfd_, path_.c_str(), &how, sizeof how);
      } while (fd == -1 && errno == EINTR);
    }
    result_ = fd < 0 ? -errno : fd;
  }

 private:
  int dirfd_;
  std::string path_;
  int flags_;
  int mode_;
  uint64_t resolve_;
};

Napi::Value QueueReadWrite(const Napi::CallbackInfo& info, bool write, const char* usage) {
  int fd;
  Napi::Uint8Array bytes;
  Napi::Function callback;
  if (!args::Int(info, 0, &fd, usage) || !args::Bytes(info, 1, &bytes, usage) ||
      !args::Function(info, 2, &callback, usage)) {
    return info.Env().Undefined();
  }
  (new ReadWriteWorker(callback, write, fd, bytes))->Queue();
  return Napi::Number::New(info.Env(), 0);
}

// fdReadAsync(fd, bytes, callback(result)): read(2) on the thread pool.
Napi::Value FdReadAsync(const Napi::CallbackInfo& info) {
  return QueueReadWrite(info, false, "fdReadAsync(fd: number, bytes: Uint8Array, callback: function)");
}

// fdWriteAsync(fd, bytes, callback(result)): write(2) on the thread pool.
Napi::Value FdWriteAsync(const Napi::CallbackInfo& info) {
  return QueueReadWrite(info, true, "fdWriteAsync(fd: number, bytes: Uint8Array, callback: function)");
}

// fdOpenatAsync(dirfd, path: Uint8Array, flags, mode, resolve, callback(fd)):
// openat(2), or openat2(2) when resolve (RESOLVE_* bits) is not 0. O_CLOEXEC
// is always added. -EINVAL (not queued) for a path holding a NUL byte.
Napi::Value FdOpenatAsync(const Napi::CallbackInfo& info) {
  static const char* usage =
      "fdOpenatAsync(dirfd: number, path: Uint8Array, flags: number, mode: number, resolve: number, "
      "callback: function)";
  int dirfd, flags, mode, resolve;
  Napi::Uint8Array path;
  Napi::Function callback;
  if (!args::Int(info, 0, &dirfd, usage) || !args::Bytes(info, 1, &path, usage) ||
      !args::Int(info, 2, &flags, usage) || !args::Int(info, 3, &mode, usage) ||
      !args::Int(info, 4, &resolve, usage) || !args::Function(info, 5, &callback, usage)) {
    return info.Env().Undefined();
  }
  const char* bytes = reinterpret_cast<const char*>(path.Data());
  if (memchr(bytes, 0, path.ByteLength()) != nullptr || resolve < 0) {
    return args::Errno(info.Env(), EINVAL);
  }
  (new OpenatWorker(callback, dirfd, std::string(bytes, path.ByteLength()), flags, mode,
                    static_cast<uint64_t>(resolve)))
      ->Queue();
  return Napi::Number::New(info.Env(), 0);
}

}  // namespace

void RegisterFdAsync(Napi::Env env, Napi::Object exports) {
  static const Export kFunctions[] = {
      {"fdReadAsync", FdReadAsync},
      {"fdWriteAsync", FdWriteAsync},
      {"fdOpenatAsync", FdOpenatAsync},
  };
  Define(env, exports, kFunctions);
}

}  // namespace emilua_ts
