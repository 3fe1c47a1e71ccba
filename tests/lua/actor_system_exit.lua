-- system.exit() in an actor ends that actor only (its fibers stop at once,
-- its timers no longer hold the process); the process goes on, and its exit
-- status is the main VM's.
local inbox = require 'inbox'
local system = require 'system'
local time = require 'time'

if _CONTEXT == 'main' then
    local actor = spawn_vm('.')
    actor:send(inbox)
    print('main:', inbox:receive())
    this_fiber.yield()
    print('main: the actor is gone:', pcall(actor.send, actor, 'x'))
    local far = spawn_vm{ module = '.', inherit_context = false }
    far:send(inbox)
    print('main:', inbox:receive())
    print('main: receiving again fails once it is gone:', pcall(inbox.receive, inbox))
else
    spawn(function()
        time.sleep(3600)
        print('never printed')
    end)
    local main = inbox:receive()
    main:send('exiting')
    system.exit(7)
    print('never printed either')
end
