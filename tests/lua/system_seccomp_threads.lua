-- system.seccomp_set_mode_filter installs the filter on every thread
-- (SECCOMP_FILTER_FLAG_TSYNC): a hand-assembled filter that fails mkdir,
-- mkdirat and opening with O_CREAT with EROFS holds on the main thread
-- (filesystem.create_directory), on libuv's thread pool (openat of a
-- file_descriptor with 'create') and in an actor on its own worker thread
-- spawned before the call; other calls still work.
local system = require 'system'
local fs = require 'filesystem'
local inbox = require 'inbox'

local function try(f, ...)
    local ok, err = pcall(f, ...)
    if ok then
        if type(err) == 'userdata' and err.close then err:close() end
        return 'ok'
    end
    return tostring(err)
end

if _CONTEXT ~= 'main' then
    local main = inbox:receive()
    local path = fs.path.new(inbox:receive())
    main:send(try(fs.create_directory, path / 'from-worker'))
    return
end

-- struct sock_filter: u16 code, u8 jt, u8 jf, u32 k (native endianness);
-- k is packed signed, as fengari's integers have 32 bits.
local function insn(code, jt, jf, k)
    if k >= 0x80000000 then k = k - 0x100000000 end
    return string.pack('=I2I1I1i4', code, jt, jf, math.tointeger(k))
end
local LD_ABS, JEQ, JSET, RET = 0x20, 0x15, 0x45, 0x06
local ALLOW, ERRNO_EROFS = 0x7fff0000, 0x00050000 + 30
-- seccomp_data: nr at 0, arch at 4, args[2] (low half on little endian) at 32.
local function deny_creation(arch, mkdir, mkdirat, openat)
    return table.concat{
        insn(LD_ABS, 0, 0, 4),
        insn(JEQ, 0, 6, arch),        -- another arch: allow
        insn(LD_ABS, 0, 0, 0),
        insn(JEQ, 5, 0, mkdir),
        insn(JEQ, 4, 0, mkdirat),
        insn(JEQ, 0, 2, openat),
        insn(LD_ABS, 0, 0, 32),
        insn(JSET, 1, 0, 0x40),       -- O_CREAT
        insn(RET, 0, 0, ALLOW),
        insn(RET, 0, 0, ERRNO_EROFS),
    }
end
-- x86-64 (AUDIT_ARCH_X86_64) numbers; aarch64 has no mkdir (-1 never matches).
local filter = deny_creation(0xc000003e, 83, 258, 257)
if io.open('/proc/sys/kernel/arch') then
    local f = io.open('/proc/sys/kernel/arch')
    if f:read('l') == 'aarch64' then filter = deny_creation(0xc00000b7, 0xffffffff, 34, 56) end
    f:close()
end

local root = fs.path.new('/tmp') / ('emilua-ts-system_seccomp_threads-' .. system.getpid())
fs.remove_all(root)
fs.create_directory(root)
local dir = fs.open(root, { 'read_only', 'directory', 'path' })
print('pool before:', try(dir.openat, dir, fs.path.new('before'), { 'write_only', 'create' }))
local worker = spawn_vm{ module = '.', inherit_context = false }
worker:send(inbox)

system.set_no_new_privs()
system.seccomp_set_mode_filter(byte_span.append(filter))

print('main thread mkdir:', try(fs.create_directory, root / 'from-main'))
print('pool thread create:', try(dir.openat, dir, fs.path.new('after'), { 'write_only', 'create' }))
print('pool thread open existing:', try(dir.openat, dir, fs.path.new('before'), { 'read_only' }))
worker:send(tostring(root))
print('worker thread mkdir:', inbox:receive())
fs.remove_all(root)
print('removed:', not fs.exists(root))
