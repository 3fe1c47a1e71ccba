-- kill(): the child dies (SIGKILL by default), later sends raise "Channel
-- closed", and once reaped its pid has no /proc entry. kill(SIGTERM) does not
-- close the channel by itself; the child's exit does.
local inbox = require 'inbox'
local system = require 'system'
local time = require 'time'
local fs = require 'filesystem'

local function gone(pid)
    for _ = 1, 200 do
        if not fs.exists(fs.path.new('/proc/' .. pid)) then return true end
        time.sleep(0.01)
    end
    return false
end

local ch = spawn_vm{ module = '/actor_subprocess/idle', subprocess = {} }
ch:send(inbox)
print(inbox:receive())
local pid = ch.child_pid
print('pid is a number', type(pid) == 'number' and pid > 0)
ch:kill()
local ok, err = pcall(ch.send, ch, 'after kill')
print('send after kill', ok, tostring(err))
print('pid gone', gone(pid))

local ch2 = spawn_vm{ module = '/actor_subprocess/idle', subprocess = {} }
ch2:send(inbox)
print(inbox:receive())
local pid2 = ch2.child_pid
ch2:kill(system.signal.SIGTERM)
print('pid2 gone', gone(pid2))
time.sleep(0.05)
print('send after SIGTERM exit', pcall(ch2.send, ch2, 'x'))

-- kill, detach and child_pid belong to channels of subprocess children only.
local local_ch = spawn_vm('/actor_subprocess/idle')
print('in-process kill', pcall(function() return local_ch.kill end))
print('in-process child_pid', pcall(function() return local_ch.child_pid end))
local_ch:send(inbox)
inbox:receive()
local_ch:send('bye')
