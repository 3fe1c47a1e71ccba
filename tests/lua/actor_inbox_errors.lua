-- inbox:receive() errors. With nobody holding this VM's address it fails
-- with "Broadcast the address before attempting to receive on it"; while
-- one fiber waits, another gets EBUSY; after close() every receive (and
-- every send to this VM) fails with "Channel closed". Bad arguments are
-- EINVAL and unknown fields raise.
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    print('nobody can send:', pcall(inbox.receive, inbox))
    print('not an inbox:', pcall(inbox.receive, {}))
    print('metatable:', getmetatable(inbox))
    print('unknown field:', pcall(function() return inbox.send end))
    print('fields are read-only:', pcall(function() inbox.x = 1 end))

    local peer = spawn_vm('.')
    peer:send(inbox)
    local first = spawn(function() print('first fiber got:', inbox:receive()) end)
    this_fiber.yield()
    print('a second receiver:', pcall(inbox.receive, inbox))
    peer:send('go')
    first:join()
    print('after the wait:', inbox:receive())
    inbox:close()
    inbox:close()
    print('after close:', pcall(inbox.receive, inbox))
    peer:send('closed now')
else
    local main = inbox:receive()
    inbox:receive()
    main:send('hello')
    main:send('world')
    inbox:receive()
    print('sending to a closed inbox:', pcall(main.send, main, 'x'))
end
