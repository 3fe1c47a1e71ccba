-- A module loads in a scope of its own.
scope_cleanup_push(function() print('main fiber root cleanup runs last') end)
local m = require '/module_tree/features/with_cleanup'
print('require returned')
