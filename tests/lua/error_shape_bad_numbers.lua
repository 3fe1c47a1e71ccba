-- Numbers a C function could not take (NaN, infinities, values outside the
-- C type) and names that fengari or Node would word their own way: each call
-- gets an error of Emilua's or LuaJIT's shape, never a JavaScript error text,
-- and nothing aborts the process.
local fs = require 'filesystem'
local file = require 'file'
local system = require 'system'

local function show(label, ok, e, ...)
    if type(e) == 'table' then
        print(label, ok, tostring(e), e.category and tostring(e.category), e.arg)
    else
        print(label, ok, e, ...)
    end
end

local dir = fs.path.new('error_shape_bad_numbers.tmp')
fs.remove_all(dir)
fs.create_directory(dir)

show('string.char(256)', pcall(string.char, 256))
show('string.char(65, -1)', pcall(string.char, 65, -1))
show('mkdir mode -1', pcall(fs.mkdir, dir / 'a', -1))
show('mkdir mode 2^32', pcall(fs.mkdir, dir / 'a', 2^32))
show('mkdir mode nan', pcall(fs.mkdir, dir / 'a', 0/0))
show('open mode -1', pcall(fs.open, dir / 'b', {'write_only', 'create'}, -1))
-- A mode_t of 2^31 and up is a valid mode_t: only the permission bits reach
-- the kernel (Node's fs bindings abort on such an int32 otherwise).
show('mkdir mode 2^31', pcall(fs.mkdir, dir / 'big', 2^31 + 448))
print('mode 2^31 kept its permission bits', fs.status(dir / 'big').mode == 448)
show('open mode 2^31', pcall(function() fs.open(dir / 'big2', {'write_only', 'create'}, 2^31 + 384):close() end))
show('chmod mode 2^31', pcall(fs.chmod, dir / 'big2', 2^31 + 256))
print('chmod 2^31 kept its permission bits', fs.status(dir / 'big2').mode == 256)
show('dev_major inf', pcall(fs.dev_major, 1/0))
show('dev_minor nan', pcall(fs.dev_minor, 0/0))
show('makedev -1', pcall(fs.makedev, -1, 0))
show('mknod dev inf', pcall(fs.mknod, dir / 'c', 384, 1/0))
show('resize_file inf', pcall(fs.resize_file, dir / 'd', 1/0))
show('chmod nan', pcall(fs.chmod, dir, 0/0))
local f = file.stream.new()
f:open(dir / 'e', {'write_only', 'create'}, 384)
show('seek nan', pcall(f.seek, f, 0/0, 'set'))
show('seek inf', pcall(f.seek, f, 1/0, 'set'))
f:close()
show('signal 2^31', pcall(system.signal.set.new, 2^31))
show('kill signal 2^31', pcall(system.kill, system.getpid(), 2^31))
show('kill signal 2^32 + 15', pcall(system.kill, system.getpid(), 2^32 + 15))
show('kill pid 2^31', pcall(system.kill, 2^31, 0))
show('kill signal nan', pcall(system.kill, system.getpid(), 0/0))
show('signal.raise 2^31', pcall(system.signal.raise, 2^31))
show('signal.ignore 2^31', pcall(system.signal.ignore, 2^31))
show('signal.default 2^31', pcall(system.signal.default, 2^31))
local set = system.signal.set.new()
show('set:add 2^31', pcall(set.add, set, 2^31))
show('set:remove inf', pcall(set.remove, set, 1/0))
show('tostring 2 GiB span', pcall(tostring, byte_span.new(2^31)))
print('os.remove', os.remove(tostring(dir / 'missing')))
print('os.rename', os.rename(tostring(dir / 'missing'), tostring(dir / 'other')))
print('loadfile', loadfile(tostring(dir / 'missing')))
fs.remove_all(dir)
