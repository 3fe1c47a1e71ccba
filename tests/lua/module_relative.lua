-- Relative ids: './x' (children of the root or of a directory module, which
-- is a directory holding init.lua), '../x' (siblings, any number of levels
-- up) and '/x/y' (from the root of the import tree).
local tree = require './module_tree'
print(tree.name)
print(tree.leaf_a.name, tree.leaf_a.sibling.name)
print(tree.sub.name, tree.sub.beside.name)
print(tree.sub.deep.name, tree.sub.deep.sibling.name, tree.sub.deep.up_two.name, tree.sub.deep.rooted.name)
print(tree.sub.deeper.name, tree.sub.deeper.up_one.name, tree.sub.deeper.up_two.name)

-- Every path to the same file gives the same module.
local leaf_b = tree.leaf_a.sibling
print(tree.sub.beside == leaf_b, tree.sub.deep.up_two == leaf_b, tree.sub.deep.rooted == leaf_b)
print(tree.sub.deeper.up_two == tree.leaf_a)
print(require '/module_tree/leaf_b' == leaf_b, require '/module_tree' == tree)
