local inbox = require 'inbox'
local parent = inbox:receive()
local count = inbox:receive()
for i = 1, count do parent:send(i) end
parent:send('done')
