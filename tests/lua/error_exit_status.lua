-- system.exit(n) ends the process with status n at once.
local system = require 'system'
scope_cleanup_push(function() print('never printed: exit does not unwind') end)
print('exiting with 3')
system.exit(3)
print('never printed')
