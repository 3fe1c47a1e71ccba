-- A leaf module has no children: './x' is an error here.
local ok, err = pcall(require, './anything')
result = tostring(err)
ok_value = ok
