-- Channels and the inbox travel as addresses: the receiver gets a channel
-- (getmetatable gives 'tx-channel') to the same actor, equal (==) to any
-- other channel to that actor. Sending `inbox` sends the sender's address.
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    local a = spawn_vm('.')
    local b = spawn_vm('.')
    a:send{ role = 'a', main = inbox }
    b:send{ role = 'b', main = inbox }
    local from_a = inbox:receive()
    local from_b = inbox:receive()
    print('a sent its own address:', from_a == a, from_a == b)
    print('b sent its own address:', from_b == b)
    -- a channel inside a message, several times over
    a:send{ b, b }
    a:send{ peer = b, again = b }
    print(inbox:receive())
    a:send('stop')
    b:send('stop')
    print(inbox:receive())
    print(inbox:receive())
else
    local setup = inbox:receive()
    setup.main:send(inbox)
    if setup.role == 'a' then
        local list = inbox:receive()
        local named = inbox:receive()
        print('a got', getmetatable(list[1]), list[1] == list[2], list[1] == named.peer, named.peer == named.again)
        named.peer:send('hello from a')
    else
        local m = inbox:receive()
        setup.main:send('b got: ' .. m)
    end
    if inbox:receive() == 'stop' then setup.main:send(setup.role .. ' stops') end
end
