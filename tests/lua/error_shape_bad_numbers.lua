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
show('tostring 2 GiB span', pcall(tostring, byte_span.new(2^31)))
print('os.remove', os.remove(tostring(dir / 'missing')))
print('os.rename', os.rename(tostring(dir / 'missing'), tostring(dir / 'other')))
print('loadfile', loadfile(tostring(dir / 'missing')))
fs.remove_all(dir)
