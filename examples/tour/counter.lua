-- The actor of the tour's second section: sums the numbers it is sent and
-- answers on the channel that came with them, until it receives 'stop'.
local inbox = require 'inbox'

while true do
    local message = inbox:receive()
    if message == 'stop' then break end
    local sum = 0
    for _, n in ipairs(message.numbers) do sum = sum + n end
    message.reply:send{ sum = sum }
end
