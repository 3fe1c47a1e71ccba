-- Process attributes set in the child before exec: credentials, groups,
-- umask, scheduler policy, no_new_privs, a seccomp filter (installed last,
-- right before exec), a Landlock ruleset (applied). The child (cat) reports
-- its own /proc/self/status and /proc/self/stat. Runs as root.
local system = require 'system'
local pipe = require 'pipe'
local stream = require 'stream'
local fs = require 'filesystem'

local function status_of(opts)
    local reader, writer = pipe.pair()
    opts.program = 'cat'
    opts.arguments = {'cat', '/proc/self/status', '/proc/self/stat'}
    opts.stdout = writer:release()
    local child = system.spawn(opts)
    opts.stdout:close()
    local fields = {}
    local scanner = stream.scanner.new{ stream = reader }
    while true do
        local ok, line = pcall(scanner.get_line, scanner)
        if not ok then break end
        line = tostring(line)
        local after = line:match('^%d+ %(.-%) (.*)$')
        if not after then
            local key, value = line:match('^([%w_]+):%s*(.-)%s*$')
            fields[key] = value
        else
            -- /proc/self/stat: the 41st field is the scheduling policy
            local words = {}
            for w in after:gmatch('%S+') do words[#words + 1] = w end
            fields.policy = tonumber(words[41 - 2])
        end
    end
    child:wait()
    return fields, child.exit_code
end

local s = status_of{}
local mask = fs.umask(0)
fs.umask(mask)
print('defaults:', s.Uid, s.Gid, s.NoNewPrivs, s.Umask == string.format('%04o', mask))

s = status_of{ ruid = 65534, euid = 65534, rgid = 65533, egid = 65533, extra_groups = { 7, 9 } }
print('credentials:', s.Uid, '|', s.Gid, '|', s.Groups)
s = status_of{ euid = 1000 }
print('euid only (saved follows):', s.Uid)
s = status_of{ extra_groups = {} }
print('no supplementary groups:', s.Groups == '')

s = status_of{ umask = tonumber('027', 8) }
print('umask:', s.Umask)

s = status_of{ scheduler = { policy = 'batch' } }
print('batch policy:', s.policy)
s = status_of{ scheduler = { policy = 'idle', reset_on_fork = true } }
print('idle policy, reset on fork:', s.policy)

s = status_of{ scheduler = { priority = 0 } }
print('priority alone (sched_setparam):', s.policy)
local ok, err = pcall(status_of, { scheduler = { priority = 5 } })
print('priority 5 under SCHED_OTHER:', ok, tostring(err), err.step)

s = status_of{ set_no_new_privs = true }
print('no_new_privs:', s.NoNewPrivs, 'parent keeps its own')

-- struct sock_filter { u16 code; u8 jt, jf; u32 k } in little-endian: one
-- BPF_RET|BPF_K instruction.
local function ret(k)
    return string.char(6, 0, 0, 0, k % 256, math.floor(k / 256) % 256, math.floor(k / 65536) % 256,
                       math.floor(k / 16777216) % 256)
end
local SECCOMP_RET_ALLOW = 0x7fff0000
local SECCOMP_RET_ERRNO = 0x00050000
s = status_of{ set_no_new_privs = true, seccomp_set_mode_filter = ret(SECCOMP_RET_ALLOW) }
print('allow-all filter:', s.Seccomp, s.NoNewPrivs)
s = status_of{ set_no_new_privs = true, seccomp_set_mode_filter = byte_span.append(ret(SECCOMP_RET_ALLOW)) }
print('as a byte_span:', s.Seccomp)

-- A filter failing every syscall with EACCES: everything before it worked,
-- so it is installed after the descriptors are in place, right before exec.
ok, err = pcall(status_of, {
    set_no_new_privs = true, seccomp_set_mode_filter = ret(SECCOMP_RET_ERRNO + 13),
})
print('deny-all filter:', ok, tostring(err), err.step)

-- A descriptor that is not a Landlock ruleset is refused by the kernel in
-- the child: the option is applied, not ignored.
local null = fs.open(fs.path.new('/dev/null'), { 'read_only' })
ok, err = pcall(status_of, { set_no_new_privs = true, landlock_restrict_self = null })
print('landlock with a non-ruleset:', ok, err.step)
