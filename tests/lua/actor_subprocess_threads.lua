-- Subprocess actors and actor threads: the channel of an actor on another
-- thread can be sent to a subprocess (it crosses as a socketpair whose near
-- end forwards to that actor, through the hub); the channel of a subprocess
-- cannot be sent to an actor on another thread (ENOTSUP).
local inbox = require 'inbox'
local t = spawn_vm{ module = '/actor_subprocess/thread_actor', inherit_context = false }
t:send(inbox)
print(inbox:receive())
local sub = spawn_vm{ module = '/actor_subprocess/relay', subprocess = {} }
sub:send(t)
print(inbox:receive())
local ok, err = pcall(t.send, t, sub)
print('subprocess channel to a thread', ok, tostring(err))
sub:kill()
