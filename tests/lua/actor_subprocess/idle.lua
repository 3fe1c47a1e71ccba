local inbox = require 'inbox'
local parent = inbox:receive()
parent:send('ready')
inbox:receive()
