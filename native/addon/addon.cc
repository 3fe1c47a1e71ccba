// Module entry point: each source file registers its own functions
// (register.h). Nothing else happens here.
#include "pin_module.h"
#include "register.h"

static Napi::Object InitEmiluaTsNative(Napi::Env env, Napi::Object exports) {
  using namespace emilua_ts;
  PinAddonInMemory();
  RegisterStrerror(env, exports);
  RegisterFeatures(env, exports);
  RegisterLandlock(env, exports);
  RegisterLandlockThreads(env, exports);
  RegisterSeccomp(env, exports);
  RegisterFd(env, exports);
  RegisterFdAsync(env, exports);
  RegisterFdPoll(env, exports);
  RegisterProcess(env, exports);
  RegisterSpawn(env, exports);
  RegisterProcControl(env, exports);
  RegisterSocket(env, exports);
  RegisterSocketTransfer(env, exports);
  RegisterNet(env, exports);
  RegisterFilesystem(env, exports);
  RegisterFile(env, exports);
  return exports;
}

// NODE_API_MODULE pastes the function name into an identifier, so it must
// be unqualified.
NODE_API_MODULE(emilua_ts_native, InitEmiluaTsNative)
