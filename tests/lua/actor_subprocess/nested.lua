-- A subprocess actor that spawns a subprocess actor of its own.
local inbox = require 'inbox'
local parent = inbox:receive()
local grandchild = spawn_vm{ module = '/actor_subprocess/idle', subprocess = {} }
grandchild:send(inbox)
parent:send('grandchild says ' .. inbox:receive())
grandchild:kill()
