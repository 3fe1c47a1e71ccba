-- A module that imports a module still being loaded gets an error.
local a = require '/module_tree/cycle/a'
print(a.b ~= nil)

-- The root module imported back by a child is a cycle too.
local ok, err = pcall(require, '/module_cycle')
print(ok, tostring(err))
