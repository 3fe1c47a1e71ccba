-- system.spawn's landlock_restrict_self, set_no_new_privs and
-- seccomp_set_mode_filter options with real policies: the child is
-- restricted from its first instruction after exec, the parent is not.
local system = require 'system'
local fs = require 'filesystem'
local file = require 'file'

local root = fs.path.new('/tmp') / ('emilua-ts-system_spawn_landlock-' .. system.getpid())
fs.remove_all(root)
fs.create_directory(root)
local secret = root / 'secret'
local f = file.stream.new()
f:open(secret, { 'write_only', 'create' })
f:write_some(byte_span.append('hidden\n'))
f:close()
local null = fs.open(fs.path.new('/dev/null'), { 'write_only' })

local function run(opts)
    opts.stdout = null
    opts.stderr = null
    local child = system.spawn(opts)
    child:wait()
    return child.exit_code
end

-- Reading and executing is allowed beneath the system directories alone.
local system_dirs = { '/usr', '/lib', '/lib64', '/bin', '/sbin', '/etc' }
local ruleset = system.landlock_create_ruleset{
    handled_access_fs = { 'execute', 'read_file', 'read_dir', 'write_file', 'make_dir' },
}
for _, name in ipairs(system_dirs) do
    local ok, parent = pcall(fs.open, fs.path.new(name), { 'read_only', 'path' })
    if ok then
        system.landlock_add_rule(ruleset, 'path_beneath', {
            allowed_access = { 'execute', 'read_file', 'read_dir' }, parent_fd = parent,
        })
        parent:close()
    end
end

print('cat outside the ruleset:', run{
    program = 'cat', arguments = { 'cat', tostring(secret) }, landlock_restrict_self = ruleset,
})
print('true:', run{ program = 'true', arguments = { 'true' }, landlock_restrict_self = ruleset })
print('cat without a ruleset:', run{ program = 'cat', arguments = { 'cat', tostring(secret) } })
print('mkdir under the ruleset:', run{
    program = 'mkdir', arguments = { 'mkdir', tostring(root / 'landlocked') }, landlock_restrict_self = ruleset,
}, fs.exists(root / 'landlocked'))
ruleset:close()

-- A filter failing mkdir and mkdirat with EROFS (see system_seccomp_threads.lua).
local function insn(code, jt, jf, k)
    if k >= 0x80000000 then k = k - 0x100000000 end
    return string.pack('=I2I1I1i4', code, jt, jf, math.tointeger(k))
end
local arch, mkdir, mkdirat = 0xc000003e, 83, 258
local kf = io.open('/proc/sys/kernel/arch')
if kf then
    if kf:read('l') == 'aarch64' then arch, mkdir, mkdirat = 0xc00000b7, 0xffffffff, 34 end
    kf:close()
end
local filter = table.concat{
    insn(0x20, 0, 0, 4),
    insn(0x15, 0, 3, arch),
    insn(0x20, 0, 0, 0),
    insn(0x15, 2, 0, mkdir),
    insn(0x15, 1, 0, mkdirat),
    insn(0x06, 0, 0, 0x7fff0000),
    insn(0x06, 0, 0, 0x00050000 + 30),
}
print('mkdir under the filter:', run{
    program = 'mkdir', arguments = { 'mkdir', tostring(root / 'filtered') },
    set_no_new_privs = true, seccomp_set_mode_filter = filter,
}, fs.exists(root / 'filtered'))
print('true under the filter:', run{
    program = 'true', arguments = { 'true' }, set_no_new_privs = true, seccomp_set_mode_filter = filter,
})
print('mkdir in the parent afterwards:', pcall(fs.create_directory, root / 'parent'))
print('mkdir without the filter:', run{ program = 'mkdir', arguments = { 'mkdir', tostring(root / 'plain') } },
    fs.exists(root / 'plain'))
null:close()
fs.remove_all(root)
