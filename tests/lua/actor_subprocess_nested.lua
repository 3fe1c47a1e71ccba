-- The actor host of a subprocess actor can start subprocess actors too (it
-- finds the init helper and the startup snapshot as the main program does).
local inbox = require 'inbox'
local ch = spawn_vm{ module = '/actor_subprocess/nested', subprocess = { stderr = 'share' } }
ch:send(inbox)
print(inbox:receive())
