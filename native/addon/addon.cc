// Module entry point: registers every exported function. Nothing else.
#include "exports.h"

static Napi::Object InitEmiluaTsNative(Napi::Env env, Napi::Object exports) {
  using namespace emilua_ts;
  exports.Set("strerror", Napi::Function::New(env, Strerror, "strerror"));
  exports.Set("features", Napi::Function::New(env, Features, "features"));
  exports.Set("landlockAbiVersion",
              Napi::Function::New(env, LandlockAbiVersion, "landlockAbiVersion"));
  return exports;
}

// NODE_API_MODULE pastes the function name into an identifier, so it must
// be unqualified.
NODE_API_MODULE(emilua_ts_native, InitEmiluaTsNative)
