-- Each module runs in a fresh global environment; what it leaves in its
-- globals is its export, locals stay private; setfenv(0, t) replaces the
-- export with t.
importer_secret = 'only the importer sees this'
local m = require '/module_tree/features/env_probe'
print(m.exported_global, m.exported_function(), m.private_local)
print(m.importer_secret, exported_global)
print(m.print == print, m._G == m)

local r = require '/module_tree/features/replaced'
print(r.replaced, r.answer, r.ignored_global)
