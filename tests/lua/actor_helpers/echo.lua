-- An actor that answers { reply = channel, text = ... } with the text.
local inbox = require 'inbox'
while true do
    local m = inbox:receive()
    if m == 'stop' then break end
    m.reply:send('echo: ' .. m.text)
end
