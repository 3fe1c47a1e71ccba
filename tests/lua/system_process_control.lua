-- Process control: kill, setpgid, setsid, get_ld_library_directories, and
-- credentials / no_new_privs applying to every thread of the process (the
-- libuv pool included), read back from /proc/self/task/*/status. Runs as
-- root; drops its privileges at the end.
local system = require 'system'
local fs = require 'filesystem'

local function try(f, ...)
    local ok, e = pcall(f, ...)
    if ok then return 'ok' end
    return tostring(e) .. (e.arg and (' arg=' .. tostring(e.arg)) or '')
end

-- kill and process groups, on a child
local child = system.spawn{ program = 'sleep', arguments = {'sleep', '60'} }
local pid = child.pid
print('setpgid on a child after its exec:', try(system.setpgid, pid, pid))
print('setpgid on itself:', try(system.setpgid, 0, system.getpgrp()))
print('kill 0 probes:', try(system.kill, child.pid, 0))
print('kill:', try(system.kill, child.pid, system.signal.SIGUSR1))
child:wait()
print('child got it:', child.exit_signal == system.signal.SIGUSR1)
print('kill after reaping:', try(system.kill, pid, 0))
print('bad arguments:', try(system.kill, 'x', 0), try(system.setpgid, 0, {}))

-- setsid makes this process a session leader (the test runner does not
-- make it a group leader, so this works)
local sid = system.setsid()
print('setsid:', sid == system.getpid(), system.getsid(0) == sid, system.getpgrp() == sid)
print('setsid again:', try(system.setsid))

-- the dynamic linker's directories
local dirs = system.get_ld_library_directories()
local all_directories = #dirs > 0
for _, fd in ipairs(dirs) do
    all_directories = all_directories and fs.is_directory(fs.read_symlink(fs.path.new(tostring(fd))))
end
print('ld library directories:', all_directories)

-- Start the thread pool: openat runs there.
local tmp = fs.open(fs.path.new('/tmp'), { 'directory', 'read_only' })
for _ = 1, 8 do tmp:openat(fs.path.new('.'), { 'directory', 'read_only' }):close() end

local function per_thread(key)
    local values, count = {}, 0
    for entry in fs.directory_iterator(fs.path.new('/proc/self/task')) do
        local file = io.open(tostring(entry.path / 'status'))
        for line in file:lines() do
            local k, v = line:match('^(%w+):%s*(.-)%s*$')
            if k == key then values[v] = true end
        end
        file:close()
        count = count + 1
    end
    local list = {}
    for v in pairs(values) do list[#list + 1] = v end
    table.sort(list)
    return count, table.concat(list, ' / ')
end

local threads = per_thread('Uid')
print('several threads:', threads >= 5)

print('setgroups:', try(system.setgroups, { 7, 9 }))
print('  every thread:', select(2, per_thread('Groups')))
print('setresgid:', try(system.setresgid, 65533, 65533, -1))
print('  every thread:', select(2, per_thread('Gid')))
print('setresuid:', try(system.setresuid, 65534, 65534, 65534))
print('  every thread:', select(2, per_thread('Uid')))
print('no way back:', try(system.setresuid, 0, 0, 0))
print('set_no_new_privs:', try(system.set_no_new_privs))
print('  every thread:', select(2, per_thread('NoNewPrivs')))

-- threads started afterwards inherit it all
for _ = 1, 8 do tmp:openat(fs.path.new('.'), { 'directory', 'read_only' }):close() end
print('still every thread:', select(2, per_thread('Uid')), '|', select(2, per_thread('NoNewPrivs')))
