-- Actors: each one is a separate Lua VM with its own globals, talking to the
-- others only through messages, which are copied. An actor runs on the same
-- thread as its parent, or on a thread of its own (inherit_context = false)
-- for work that uses the CPU.
local inbox = require 'inbox'

title = 'Actors: isolated Lua VMs that exchange messages'

function run()
    local here = spawn_vm('/counter')
    here:send{ reply = inbox, numbers = { 1, 2, 3, 4 } }
    local answer = inbox:receive()
    print(format('   an actor on this thread summed {{1, 2, 3, 4}}: {}', answer.sum))

    local far = spawn_vm{ module = '/counter', inherit_context = false }
    far:send{ reply = inbox, numbers = { 10, 20, 30 } }
    answer = inbox:receive()
    print(format('   an actor on a thread of its own summed {{10, 20, 30}}: {}', answer.sum))

    -- A message is a copy: changing it after the send changes nothing there.
    local message = { reply = inbox, numbers = { 5 } }
    here:send(message)
    message.numbers[1] = 500
    print(format('   changed after the send, the list still arrived as {{5}}: {}', inbox:receive().sum))
    here:send('stop')
    far:send('stop')
end
