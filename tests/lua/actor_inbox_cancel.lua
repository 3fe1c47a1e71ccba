-- receive() is a cancellation point: a fiber waiting in it can be
-- cancelled. A message already queued is still returned to a fiber that
-- is being cancelled; only a receive that would wait raises. The inbox
-- stays usable after a cancelled receive.
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    local peer = spawn_vm('.')
    peer:send(inbox)
    local waiting = spawn(function()
        inbox:receive()
        print('never printed')
    end)
    this_fiber.yield()
    waiting:cancel()
    print('cancelled while waiting:', pcall(waiting.join, waiting), waiting.cancellation_caught)

    peer:send('send one')
    this_fiber.yield()
    this_fiber.yield()
    local late = spawn(function()
        print('queued message despite cancellation:', inbox:receive())
        inbox:receive()
        print('never printed')
    end)
    late:cancel()
    late:join()
    print('then cancelled at the receive that would wait:', late.cancellation_caught)
    peer:send('send one')
    print('still usable:', inbox:receive())
else
    local main = inbox:receive()
    for _ = 1, 2 do
        inbox:receive()
        main:send('a message')
    end
end
