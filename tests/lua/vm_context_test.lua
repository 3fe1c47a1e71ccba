-- With --test the entry module sees _CONTEXT == 'test', and so do the
-- modules it reaches through './' and '../' ids; a root import ('/x') gets
-- the regular (empty) context.
print(_CONTEXT)
local m = require './vm_tree'
print(m.seen, m.child.seen)
print(require('/vm_tree/rooted').seen == '')
