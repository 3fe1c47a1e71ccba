-- start_new_session and process_group: the child reads its own
-- /proc/self/stat (pid, process group, session).
local system = require 'system'
local pipe = require 'pipe'
local stream = require 'stream'

local function stat_of(opts)
    local reader, writer = pipe.pair()
    opts.program = 'cat'
    opts.arguments = {'cat', '/proc/self/stat'}
    opts.stdout = writer:release()
    local child = system.spawn(opts)
    opts.stdout:close()
    local line = tostring(stream.scanner.new{ stream = reader }:get_line())
    -- "pid (comm) state ppid pgrp session ..."
    local pid, pgrp, sid = line:match('^(%d+) %(.-%) %a %d+ (%d+) (%d+)')
    local result = { pid = tonumber(pid), pgrp = tonumber(pgrp), sid = tonumber(sid) }
    print('  (stat is the child\'s own:', result.pid == child.pid, ')')
    child:wait()
    return result
end

local my_pgrp, my_sid = system.getpgrp(), system.getsid(0)

local s = stat_of{}
print('default: same group and session as the parent', s.pgrp == my_pgrp, s.sid == my_sid)

s = stat_of{ start_new_session = true }
print('start_new_session: leads a session and a group', s.sid == s.pid, s.pgrp == s.pid)

s = stat_of{ process_group = 0 }
print('process_group = 0: leads a group in our session', s.pgrp == s.pid, s.sid == my_sid)

local leader = system.spawn{ program = 'sleep', arguments = {'sleep', '60'}, process_group = 0 }
s = stat_of{ process_group = leader.pid }
print('process_group = pid: joins that group', s.pgrp == leader.pid, s.sid == my_sid)
print('the group exists for the parent too', system.getpgid(leader.pid) == leader.pid)

-- signals to the whole group reach the leader
system.kill(-leader.pid, system.signal.SIGTERM)
leader:wait()
print('group signal:', leader.exit_code, leader.exit_signal == system.signal.SIGTERM)

local ok, err = pcall(system.spawn, { program = 'true', process_group = 999999 })
print('unknown group:', ok, tostring(err), err.step)

-- set_ctty and foreground reach the kernel in the child: a descriptor that
-- is not a terminal is refused there
local null = require('filesystem').open(require('filesystem').path.new('/dev/null'), { 'read_write' })
ok, err = pcall(system.spawn, { program = 'true', start_new_session = true, set_ctty = null })
print('set_ctty on /dev/null:', ok, tostring(err), err.step)
ok, err = pcall(system.spawn, { program = 'true', process_group = 0, foreground = null })
print('foreground on /dev/null:', ok, tostring(err), err.step)
