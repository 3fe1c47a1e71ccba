-- _CONTEXT is 'main' in the entry module and '' in the modules it imports.
print(_CONTEXT)
local m = require './vm_tree'
print(m.seen == '', m.child.seen == '', require('/vm_tree/rooted').seen == '')
