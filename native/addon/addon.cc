// Module entry point: registers every exported function. Nothing else.
#include "exports.h"

static Napi::Object InitEmiluaTsNative(Napi::Env env, Napi::Object exports) {
  using namespace emilua_ts;
  exports.Set("strerror", Napi::Function::New(env, Strerror, "strerror"));
  exports.Set("features", Napi::Function::New(env, Features, "features"));
  exports.Set("landlockAbiVersion",
              Napi::Function::New(env, LandlockAbiVersion, "landlockAbiVersion"));
  // filesystem and file modules (filesystem.cc, file.cc).
  exports.Set("fsMknod", Napi::Function::New(env, FsMknod, "fsMknod"));
  exports.Set("fsMakedev", Napi::Function::New(env, FsMakedev, "fsMakedev"));
  exports.Set("fsDevMajor", Napi::Function::New(env, FsDevMajor, "fsDevMajor"));
  exports.Set("fsDevMinor", Napi::Function::New(env, FsDevMinor, "fsDevMinor"));
  exports.Set("fsChroot", Napi::Function::New(env, FsChroot, "fsChroot"));
  exports.Set("fsChdir", Napi::Function::New(env, FsChdir, "fsChdir"));
  exports.Set("fsFchdir", Napi::Function::New(env, FsFchdir, "fsFchdir"));
  exports.Set("fsGetcwd", Napi::Function::New(env, FsGetcwd, "fsGetcwd"));
  exports.Set("fsLchmod", Napi::Function::New(env, FsLchmod, "fsLchmod"));
  exports.Set("fsSetModificationTime",
              Napi::Function::New(env, FsSetModificationTime, "fsSetModificationTime"));
  exports.Set("fsTruncate", Napi::Function::New(env, FsTruncate, "fsTruncate"));
  exports.Set("fsRealtimeClock", Napi::Function::New(env, FsRealtimeClock, "fsRealtimeClock"));
  exports.Set("fileFlock", Napi::Function::New(env, FileFlock, "fileFlock"));
  exports.Set("fileSeek", Napi::Function::New(env, FileSeek, "fileSeek"));
  return exports;
}

// NODE_API_MODULE pastes the function name into an identifier, so it must
// be unqualified.
NODE_API_MODULE(emilua_ts_native, InitEmiluaTsNative)
