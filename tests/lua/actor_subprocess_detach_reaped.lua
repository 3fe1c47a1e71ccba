-- A detached subprocess actor may outlive this process, and does not keep
-- it alive; but if it ends first it is still reaped, not left a zombie.
local inbox = require 'inbox'
local time = require 'time'
local fs = require 'filesystem'

local function gone(pid)
    for _ = 1, 500 do
        if not fs.exists(fs.path.new('/proc/' .. pid)) then return true end
        time.sleep(0.01)
    end
    return false
end

local child = spawn_vm{ module = '/actor_subprocess/idle', subprocess = {} }
child:send(inbox)
print('child says', inbox:receive())
local pid = child.child_pid
child:detach()
child:send('you may end now')
print('detached child that ended was reaped', gone(pid))

-- This one is still waiting when the main fiber ends: the process exits
-- anyway (the child then sees its parent's channel close and ends too).
local second = spawn_vm{ module = '/actor_subprocess/idle', subprocess = {} }
second:send(inbox)
inbox:receive()
second:detach()
print('main fiber ends')
