-- Only the main fiber may import modules, core modules included.
local f = spawn(function()
    local ok, err = pcall(require, './module_tree')
    print(ok, tostring(err))
    ok, err = pcall(require, 'time')
    print(ok, tostring(err))
end)
f:join()
-- The main fiber still can.
print(require('./module_tree').name)
