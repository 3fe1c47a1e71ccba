-- Root module of an actor spawned by actor_tree/sub/init.lua.
local inbox = require 'inbox'
local shared = require '../helper'
local same = require '/actor_tree/sub/helper'
local reply = inbox:receive()
reply:send('worker: _CONTEXT=' .. _CONTEXT)
reply:send('worker imported ../helper: ' .. shared.context_seen)
reply:send('and /actor_tree/sub/helper is the same module: ' .. tostring(shared == same))
inbox:receive()
