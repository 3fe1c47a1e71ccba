-- The actor of bench/lua/subprocess.lua: answers every message with itself.
local inbox = require 'inbox'
local parent = inbox:receive()
while true do parent:send(inbox:receive()) end
