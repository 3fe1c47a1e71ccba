-- A table that contains itself (directly or further down) cannot be sent:
-- send raises ELOOP (as Emilua 0.11 does) and nothing is delivered.
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    local peer = spawn_vm('.')
    local t = {}
    t.self = t
    local ok, err = pcall(peer.send, peer, t)
    print(ok, err)
    local a = { name = 'a' }
    a.children = { { { back = a } } }
    ok, err = pcall(peer.send, peer, a)
    print(ok, err)
    peer:send('only this one arrives')
else
    print('worker:', inbox:receive())
end
