-- A table reached twice in a message (along different paths) arrives as
-- two separate copies: the receiver gets a tree, not a graph.
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    local peer = spawn_vm('.')
    local shared = { 'x' }
    peer:send{ a = shared, b = shared, list = { shared, shared } }
else
    local m = inbox:receive()
    print('a and b are the same table:', m.a == m.b)
    print('list items are the same table:', m.list[1] == m.list[2])
    m.a[1] = 'changed'
    print(m.a[1], m.b[1], m.list[1][1], m.list[2][1])
end
