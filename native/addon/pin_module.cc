// Keeps the addon's code mapped until the process exits.
//
// Each actor thread (a Node worker) loads the addon for itself, and Node
// unloads it (dlclose) when the worker's environment is torn down. libuv
// handles the addon closed during that teardown (the readiness watcher of
// fd_poll.cc, ...) get their close callbacks afterwards, from the worker's
// last loop pass: if no other thread held the addon, its code was unmapped
// by then and the callback jumped into nothing. RTLD_NODELETE makes every
// dlclose leave the object in place.
#include <dlfcn.h>

#include "pin_module.h"

namespace emilua_ts {

void PinAddonInMemory() {
  Dl_info info;
  if (dladdr(reinterpret_cast<void*>(&PinAddonInMemory), &info) == 0 || info.dli_fname == nullptr) return;
  // The handle is never closed, on purpose.
  dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
}

}  // namespace emilua_ts
