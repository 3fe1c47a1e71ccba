-- system.spawn's argument rules: a value of the wrong type is EINVAL with
-- arg = the option's name, a closed file_descriptor EBUSY; options are
-- read in Emilua's order, so the first bad one is reported.
local system = require 'system'
local fs = require 'filesystem'
local generic_error = require 'generic_error'

local closed = fs.open(fs.path.new('/dev/null'), { 'read_only' })
closed:close()
local open = fs.open(fs.path.new('/dev/null'), { 'read_only' })

local function try(label, opts)
    local ok, err = pcall(system.spawn, opts)
    if ok then
        print(label, 'started?!')
        return
    end
    local kind = err == generic_error.EINVAL and 'EINVAL' or err == generic_error.EBUSY and 'EBUSY' or tostring(err)
    print(label, kind, err.arg)
end

local function with(extra)
    local opts = { program = 'true' }
    for k, v in pairs(extra) do opts[k] = v end
    return opts
end

try('no table', nil)
try('no program', {})
try('program number', { program = 42 })
try('program table', { program = {} })
try('program closed fd', { program = closed })
try('program with NUL', { program = 'tr\0ue' })
try('signal_on_gcreaper', with{ signal_on_gcreaper = 'TERM' })
try('arguments string', with{ arguments = 'true' })
try('arguments number item', with{ arguments = { 'true', 1 } })
try('arguments NUL', with{ arguments = { 'a\0b' } })
try('environment string', with{ environment = 'A=1' })
try('environment number key', with{ environment = { 'A=1' } })
try('environment number value', with{ environment = { A = 1 } })
try('environment two pids', with{ environment = { A = '\0pid', B = '\0pid' } })
try('environment = in key', with{ environment = { ['A=B'] = 'x' } })
try('environment NUL value', with{ environment = { A = 'x\0y' } })
try('stdin word', with{ stdin = 'inherit' })
try('stdout number', with{ stdout = 1 })
try('stderr closed fd', with{ stderr = closed })
try('extra_fds string', with{ extra_fds = 'x' })
try('extra_fds number', with{ extra_fds = { [3] = 3 } })
try('extra_fds closed', with{ extra_fds = { [4] = closed } })
try('scheduler string', with{ scheduler = 'rr' })
try('scheduler.policy bogus', with{ scheduler = { policy = 'realtime' } })
try('scheduler.policy number', with{ scheduler = { policy = 1 } })
try('reset_on_fork alone', with{ scheduler = { reset_on_fork = true } })
try('reset_on_fork number', with{ scheduler = { policy = 'batch', reset_on_fork = 1 } })
try('fifo without priority', with{ scheduler = { policy = 'fifo' } })
try('rr priority 100', with{ scheduler = { policy = 'rr', priority = 100 } })
try('other priority 1', with{ scheduler = { policy = 'other', priority = 1 } })
try('priority string', with{ scheduler = { priority = 'high' } })
try('start_new_session', with{ start_new_session = 1 })
try('set_ctty without session', with{ set_ctty = open })
try('set_ctty number', with{ start_new_session = true, set_ctty = 0 })
try('set_ctty closed', with{ start_new_session = true, set_ctty = closed })
try('process_group string', with{ process_group = '0' })
try('process_group negative', with{ process_group = -2 })
try('foreground without group', with{ foreground = 'stdin', stdin = 'share' })
try('foreground not shared', with{ process_group = 0, foreground = 'stdin' })
try('foreground bogus', with{ process_group = 0, foreground = 'tty', stdin = 'share' })
try('foreground closed', with{ process_group = 0, foreground = closed })
try('set_ctty and foreground', with{ start_new_session = true, set_ctty = open, process_group = 0, foreground = open })
try('ruid string', with{ ruid = 'root' })
try('euid negative', with{ euid = -7 })
try('rgid huge', with{ rgid = 2 ^ 32 })
try('egid table', with{ egid = {} })
try('extra_groups item', with{ extra_groups = { 'wheel' } })
try('extra_groups string', with{ extra_groups = 'wheel' })
try('set_no_new_privs', with{ set_no_new_privs = 'yes' })
try('seccomp empty', with{ seccomp_set_mode_filter = '' })
try('seccomp 12 bytes', with{ seccomp_set_mode_filter = ('x'):rep(12) })
try('seccomp byte_span 7', with{ seccomp_set_mode_filter = byte_span.new(7) })
try('seccomp number', with{ seccomp_set_mode_filter = 8 })
try('landlock number', with{ landlock_restrict_self = 3 })
try('landlock closed', with{ landlock_restrict_self = closed })
try('umask string', with{ umask = '022' })
try('umask too big', with{ umask = 8 ^ 4 })
try('working_directory string', with{ working_directory = '/tmp' })
try('working_directory closed', with{ working_directory = closed })
try('pdeathsig string', with{ pdeathsig = 'KILL' })
try('pdeathsig 65', with{ pdeathsig = 65 })
try('setns_user number', with{ setns_user = 0 })
try('setns_mount closed', with{ setns_mount = closed })
try('setns_uts table', with{ setns_uts = {} })
try('setns_ipc closed', with{ setns_ipc = closed })
try('setns_net string', with{ setns_net = '/proc/1/ns/net' })
try('first bad option wins', { program = 42, stdin = 'x', umask = 'y' })
try('order: stdin before umask', with{ umask = 'y', stdin = 'x' })

-- the subprocess object's own rules
local child = system.spawn{ program = 'true' }
print('kill needs a number', pcall(child.kill, child, 'TERM'))
print('exit_code before wait', pcall(function() return child.exit_code end))
print('exit_signal before wait', pcall(function() return child.exit_signal end))
print('unknown field', pcall(function() return child.nope end))
child:wait()
print('after wait', child.exit_code, child.exit_signal, child.pid)
print('cap_get', pcall(child.cap_get, child))
