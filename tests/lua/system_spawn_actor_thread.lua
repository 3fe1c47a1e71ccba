-- A program started by an actor on another thread and dropped there is
-- reaped by that thread before it goes away: no zombie is left behind.
local inbox = require 'inbox'
local system = require 'system'
local time = require 'time'

if _CONTEXT == 'main' then
    local far = spawn_vm{ module = '.', inherit_context = false }
    far:send(inbox)
    local pid = inbox:receive()
    print('the actor started a child:', type(pid))
    -- The child exits at once; until its parent reaps it, it is a zombie.
    -- Bounded in time, not in rounds: on a loaded machine a round takes
    -- longer, and the test must print its verdict before the runner's limit.
    local state
    local deadline = os.time() + 20
    while os.time() < deadline do
        local file = io.open('/proc/' .. pid .. '/stat')
        if not file then
            state = 'gone'
            break
        end
        local text = file:read('*a')
        file:close()
        -- Reaped between the open and the read: the file reads empty.
        state = text and text:match('^%d+ %(.-%) (%a)')
        if state == nil then
            state = 'gone'
            break
        end
        if state ~= 'Z' then state = 'not a zombie: ' .. state end
        time.sleep(0.01)
    end
    print('after the actor ended, the child is', state)
else
    local main = inbox:receive()
    local child = system.spawn{ program = 'true', signal_on_gcreaper = 0 }
    main:send(child.pid)
    -- the actor ends without waiting: the subprocess is dropped
end
