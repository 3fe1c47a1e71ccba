-- The channel object spawn_vm returns: getmetatable gives 'tx-channel';
-- channels to the same actor compare equal (==); only send and close exist
-- and fields cannot be set. close() makes later sends fail with "Channel
-- closed" (closing again does nothing); a closed channel cannot be
-- compared (ENOTSUP) nor sent; messages sent before close() still arrive.
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    local a = spawn_vm('.')
    local b = spawn_vm('.')
    a:send(inbox)
    b:send(inbox)
    local a_again = inbox:receive()
    local b_again = inbox:receive()
    print(getmetatable(a), type(a))
    print('same actor:', a == a_again, b == b_again, 'different actors:', a == b, a ~= b)
    print('unknown field:', pcall(function() return a.kill end))
    print('fields are read-only:', pcall(function() a.x = 1 end))
    print('send on a non-channel:', pcall(a.send, inbox, 'x'))
    a:send('before close')
    a:close()
    a:close()
    print('send after close:', pcall(a.send, a, 'x'))
    print('compare after close:', pcall(function() return a == a_again end))
    print('a closed channel cannot travel:', pcall(b.send, b, a))
    print('the other channel to a still works:', pcall(a_again.send, a_again, 'after close'))
    b:send('stop')
    print(inbox:receive())
else
    local main = inbox:receive()
    main:send(inbox)
    local first = inbox:receive()
    if first ~= 'stop' then
        main:send('a got: ' .. first .. ', then: ' .. inbox:receive())
    end
end
