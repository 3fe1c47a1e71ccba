-- require() errors: ids Emilua rejects, leaf modules importing children, the
-- root module reaching for a parent, missing modules, and errors raised while
-- a module loads (the error propagates through require).
local function try(id)
    local ok, err = pcall(require, id)
    if ok then return 'loaded' end
    if type(err) == 'table' then return tostring(err) .. ' [module=' .. tostring(err.module) .. ']' end
    return err
end

print(try('.//aaa'))
print(try('aaa-'))
print(try('./a/b'))
print(try('../a/b'))
print(try(''))
print(try('./'))
print(try('../x'))
print(try('./no_such_module'))
print(try('/module_tree/no_such_module'))
print(try('no_such_package'))
print(try('/module_tree/errors/raises'))
print(select(2, pcall(require, '/module_tree/errors/syntax')) ~= nil)
print(pcall(require, 42))

local leaf = require '/module_tree/errors/leaf'
print(leaf.ok_value, leaf.result)
print(require('/module_tree/errors/too_far').result)
