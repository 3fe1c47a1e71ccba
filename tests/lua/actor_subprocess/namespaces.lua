local inbox = require 'inbox'
local system = require 'system'
local names = {}
local f = io.open('/proc/self/net/dev')
for line in f:lines() do
    local name = line:match('^%s*([^%s:]+):')
    if name then names[#names + 1] = name end
end
f:close()
table.sort(names)
local parent = inbox:receive()
parent:send{ pid = system.getpid(), interfaces = table.concat(names, ',') }
