-- Strings are copied byte for byte: embedded zeros, bytes that are not
-- UTF-8, the empty string, and long strings.
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    local peer = spawn_vm('.')
    peer:send('plain')
    peer:send('a\0b\255\254c')
    peer:send('')
    peer:send(string.rep('0123456789', 100000))
    peer:send{ key = 'v\0' }
else
    print(inbox:receive())
    local binary = inbox:receive()
    print(#binary, binary:byte(1, -1))
    local empty = inbox:receive()
    print(type(empty), #empty)
    local long = inbox:receive()
    print(#long, long:sub(-5))
    local t = inbox:receive()
    print(#t.key, t.key:byte(2))
end
