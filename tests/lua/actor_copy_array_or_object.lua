-- A table whose length (#t) is not zero is copied as an array: items 1, 2...
-- up to the first nil, and nothing else. Any other table is copied as an
-- object. Nested tables follow the same rule; the copy is deep.
local dump = require('/actor_helpers/dump').dump
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    local peer = spawn_vm('.')
    peer:send{ 'a', 'b', 'c' }
    peer:send{ 'a', 'b', name = 'dropped: the table is an array' }
    peer:send{ name = 'kept', count = 2 }
    peer:send{ 1, 2, nil, 4 }
    peer:send{}
    peer:send{ list = { 10, 20 }, nested = { deeper = { deepest = 'yes' } } }
    local original = { inner = { 1 } }
    peer:send(original)
    original.inner[1] = 'changed after send'
    peer:send('end')
else
    while true do
        local m = inbox:receive()
        if m == 'end' then break end
        print(#m, dump(m))
    end
end
