-- Errors of filesystem operations: the message (glibc's text), category,
-- togeneric() comparisons and the path1/path2 fields naming the paths.
local fs = require 'filesystem'
local system = require 'system'
local generic_error = require 'generic_error'

local root = fs.path.new('/tmp') / ('emilua-ts-fs_errors-' .. system.getpid())
fs.remove_all(root)
fs.create_directories(root / 'full' / 'inner')
fs.mknod(root / 'file', fs.mode(6, 4, 4), 0)

local function name(p) return p and tostring(p:lexically_relative(root)) or '-' end
local function report(label, f, ...)
    local ok, err = pcall(f, ...)
    if ok then
        print(label, 'no error', err)
        return
    end
    print(label, tostring(err), tostring(err.category), name(err.path1), name(err.path2))
    return err
end

local e = report('status', fs.status, root / 'missing')
print('', e:togeneric() == generic_error.ENOENT, e == generic_error.ENOENT, type(e.code))
e = report('mkdir', fs.mkdir, root / 'file', fs.mode(7, 5, 5))
print('', e:togeneric() == generic_error.EEXIST, e == generic_error.EEXIST)
report('remove', fs.remove, root / 'full')
report('rename', fs.rename, root / 'missing', root / 'other')
report('read_symlink', fs.read_symlink, root / 'file')
report('file_size', fs.file_size, root / 'full')
report('resize_file', fs.resize_file, root / 'file', -1)
report('equivalent', fs.equivalent, root / 'missing', root / 'missing2')
report('canonical', fs.canonical, root / 'missing' / 'x')
report('absolute', fs.absolute, fs.path.new())
report('create_hardlink', fs.create_hardlink, root / 'file', root / 'full')
report('create_symlink', fs.create_symlink, fs.path.new('x'), root / 'file')
report('last_write_time', fs.last_write_time, root / 'missing')
report('is_directory', fs.is_directory, root / 'missing')
report('hardlink_count', fs.hardlink_count, root / 'missing')
report('mknod', fs.mknod, root / 'file', fs.mode(6, 4, 4), 0)
report('mknod type', fs.mknod, root / 'dev', fs.mode(6, 4, 4), 0, 'pipe')
report('chown', fs.chown, root / 'missing', -1, -1)
report('space', fs.space, root / 'missing')
report('not a path', fs.exists, 'file')
report('bad copy options', fs.copy, root / 'file', root / 'x', 'recursive')

print('no error for', fs.remove(root / 'missing'), fs.exists(root / 'missing'),
      fs.remove_all(root / 'missing'), fs.equivalent(root / 'file', root / 'missing'))
print('removed', fs.remove_all(root))
