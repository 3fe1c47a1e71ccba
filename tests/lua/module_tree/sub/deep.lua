-- A leaf two levels down: '../x' is a sibling, '../../x' one level up,
-- '/x/y' starts at the root of the import tree (tests/lua).
name = 'sub/deep'
sibling = require '../sibling'
up_two = require '../../leaf_b'
rooted = require '/module_tree/leaf_b'
