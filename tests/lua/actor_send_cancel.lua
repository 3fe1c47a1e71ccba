-- send() reschedules the caller (other ready fibers run first) and is a
-- cancellation point: a fiber with a pending cancellation raises
-- fiber_canceled before anything is sent. Once sent, a message stands.
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    local peer = spawn_vm('.')
    peer:send(inbox)
    spawn(function() print('another fiber runs before send returns') end)
    peer:send('first')
    print('send returned')
    local f = spawn(function() peer:send('never sent') end)
    f:cancel()
    f:join()
    print('cancelled before sending:', f.cancellation_caught)
    peer:send('last')
    print(inbox:receive())
else
    local main = inbox:receive()
    local got = {}
    for i = 1, 2 do got[i] = inbox:receive() end
    main:send('peer got: ' .. table.concat(got, ', '))
end
