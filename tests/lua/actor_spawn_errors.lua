-- spawn_vm's errors. Module ids are resolved from the calling module as
-- require() resolves them ('.', './x', '../x', '/x'); package names,
-- filesystem paths (except for subprocess actors) and empty names cannot be
-- actors. Native plugins cannot be sent to a subprocess, and pd_daemon is
-- FreeBSD's. A module that does not compile raises in the caller.
local fs = require 'filesystem'

local function try(what, ...)
    local ok, err = pcall(spawn_vm, ...)
    -- (compile errors name the file by its full path: keep the last part)
    if type(err) == 'string' then err = err:match('[^/]*$') end
    print(what, ok, err)
end

try('empty name', '')
try('package name', 'inbox')
try('missing module', './actor_helpers_missing')
try('two components', './actor_helpers/echo')
try('root has no parent', '../x')
try('bad characters', './a-b')
try('missing under /', '/actor_helpers/missing')
try('filesystem.path', { module = fs.path.new('actor_spawn_errors.lua') })
try('module of the wrong type', { module = 42 })
try('no module', {})
try('not a string or table', 42)
try('native_modules_cache', { module = '.', subprocess = { native_modules_cache = 'all' } })
try('ld_library_directories', { module = '.', subprocess = { ld_library_directories = {} } })
try('pd_daemon', { module = '.', subprocess = { pd_daemon = true } })
try('bad namespace flag', { module = '.', subprocess = { newns_net = 'yes' } })
try('bad stdout', { module = '.', subprocess = { stdout = 'inherit' } })
try('bad environment', { module = '.', subprocess = { environment = { A = 1 } } })
try('bad init.arg', { module = '.', subprocess = { init = { arg = 3 } } })
try('does not compile', '/actor_helpers/broken')
try('does not compile (thread)', { module = '/actor_helpers/broken', inherit_context = false })
