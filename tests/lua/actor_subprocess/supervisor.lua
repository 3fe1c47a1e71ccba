-- An in-process actor that spawns two subprocess actors (the second one sleeps
-- whatever happens to its channels), detaches the second,
-- reports both pids to its parent, then ends.
local inbox = require 'inbox'
local parent = inbox:receive()
local kept = spawn_vm{ module = '/actor_subprocess/idle', subprocess = {} }
local detached = spawn_vm{ module = '/actor_subprocess/sleeper', subprocess = {} }
detached:detach()
parent:send{ kept = kept.child_pid, detached = detached.child_pid }
