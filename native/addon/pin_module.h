// PinAddonInMemory() (pin_module.cc): addon.cc calls it once at load.
#ifndef EMILUA_TS_ADDON_PIN_MODULE_H
#define EMILUA_TS_ADDON_PIN_MODULE_H

namespace emilua_ts {

// Keeps the addon mapped until the process exits (see pin_module.cc).
void PinAddonInMemory();

}  // namespace emilua_ts

#endif
