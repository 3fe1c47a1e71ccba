-- A subprocess actor is killed when the VM that spawned it (its supervisor)
-- ends, unless that VM detached it.
local inbox = require 'inbox'
local system = require 'system'
local time = require 'time'
local fs = require 'filesystem'

local function alive(pid)
    return fs.exists(fs.path.new('/proc/' .. pid))
end
local function wait_gone(pid)
    for _ = 1, 500 do
        if not alive(pid) then return true end
        time.sleep(0.01)
    end
    return false
end

local supervisor = spawn_vm('/actor_subprocess/supervisor')
supervisor:send(inbox)
local pids = inbox:receive()
print('supervised child killed when its supervisor ended', wait_gone(pids.kept))
time.sleep(0.2)
print('detached child still alive', alive(pids.detached))
system.kill(pids.detached, system.signal.SIGKILL)
