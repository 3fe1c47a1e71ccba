local inbox = require 'inbox'
local rules = require './rules'
local parent = inbox:receive()
-- The child's own refusals, sent to the parent's inbox address.
for _, line in ipairs(rules.run(parent)) do parent:send(line) end
parent:send('end of rules')
while true do
    local m = inbox:receive()
    parent:send(m)
end
