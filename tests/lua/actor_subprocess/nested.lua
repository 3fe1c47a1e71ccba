-- A subprocess actor that spawns a subprocess actor of its own (its module
-- tree is rooted at its own directory).
local inbox = require 'inbox'
local parent = inbox:receive()
local grandchild = spawn_vm{ module = '/idle', subprocess = {} }
grandchild:send(inbox)
parent:send('grandchild says ' .. inbox:receive())
grandchild:kill()
