-- From tests/lua/module_tree/errors/too_far.lua, '../x' is in errors/,
-- '../../x' in module_tree/, '../../../x' in tests/lua (the root of the
-- import tree) and '../../../../x' would leave the tree.
local ok, err = pcall(require, '../../../../module_relative')
result = tostring(err)
