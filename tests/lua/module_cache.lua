-- A module is evaluated once per VM; every require returns the same value.
local a = require '/module_tree/features/counted'
local b = require '/module_tree/features/counted'
print(a == b, a.value == b.value)
print(require('/module_tree/features').counted == a)
