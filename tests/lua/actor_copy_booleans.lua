-- Booleans travel as booleans, at the top level and inside tables.
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    local peer = spawn_vm('.')
    peer:send(true)
    peer:send(false)
    peer:send{ true, false }
    peer:send{ yes = true, no = false }
else
    local a = inbox:receive()
    local b = inbox:receive()
    print(type(a), a, type(b), b)
    local list = inbox:receive()
    print(#list, list[1], list[2])
    local named = inbox:receive()
    print(named.yes, named.no)
end
