-- An error that leaves an actor's main fiber is reported with the actor's
-- VM id and ends that actor only: its other fibers stop, sends to it fail
-- with "Channel closed", and the rest of the program goes on (exit status 0).
local inbox = require 'inbox'
local time = require 'time'

if _CONTEXT == 'main' then
    local actor = spawn_vm('.')
    actor:send(inbox)
    print('main: the actor says', inbox:receive())
    time.sleep(0.05)
    print('main: sending to it now:', pcall(actor.send, actor, 'x'))
    print('main: still running')
else
    spawn(function()
        time.sleep(3600)
        print('never printed')
    end)
    local main = inbox:receive()
    main:send('it is about to fail')
    error('the actor failed')
end
