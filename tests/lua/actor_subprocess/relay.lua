-- Sends a greeting to the channel it receives (an actor on a thread of its parent).
local inbox = require 'inbox'
local target = inbox:receive()
target:send('hello from a subprocess')
