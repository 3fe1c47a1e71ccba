-- An actor that reports what it receives until nobody can send to it.
local inbox = require 'inbox'
local log = {}
local reply
while true do
    local ok, m = pcall(inbox.receive, inbox)
    if not ok then
        print('far: ' .. tostring(m))
        break
    end
    if type(m) == 'string' then
        log[#log + 1] = m
    else
        reply = m
        reply:send('far got: ' .. table.concat(log, ', '))
        reply:send('far still has senders')
    end
end
