-- b.lua imports a.lua, which is still loading: a cyclic import.
print('b.lua starts')
local ok, err = pcall(require, '../a')
print('b.lua caught', ok, tostring(err))
print('category', tostring(err.category))
