local inbox = require 'inbox'
local parent = inbox:receive()
parent:send('thread actor ready')
parent:send('thread actor got: ' .. inbox:receive())
