-- Loading a module may suspend (sleep, yield); the importer gets the module
-- once it has finished. require() also works inside a coroutine run by the
-- main fiber.
local slow = require '/module_tree/features/slow'
print('imported', slow.ready)
slow.background:join()

local m = coroutine.wrap(function() return require '/module_tree/features/counted' end)()
print('from a coroutine', m.value ~= nil)
