-- current_working_directory: read it, change it by path and by
-- file_descriptor (fchdir), see relative paths follow it, and restore it.
-- Also filesystem.open, which gives file_descriptor objects.
local fs = require 'filesystem'
local system = require 'system'

local start = fs.current_working_directory()
print('start is absolute', start.is_absolute, fs.equivalent(start, fs.path.new('.')))

local root = fs.canonical(fs.path.new('/tmp')) / ('emilua-ts-fs_working_directory-' .. system.getpid())
fs.remove_all(root)
fs.create_directories(root / 'by_path')
fs.create_directories(root / 'by_fd')
fs.mknod(root / 'by_fd' / 'marker', fs.mode(6, 4, 4), 0)

fs.current_working_directory(root / 'by_path')
print('by path', fs.current_working_directory() == root / 'by_path', fs.exists(fs.path.new('../by_fd/marker')))

local dir = fs.open(root / 'by_fd', { 'directory', 'read_only' })
print('open gives', type(dir), tostring(dir):match('^/dev/fd/%d+$') ~= nil)
fs.current_working_directory(dir)
print('by fd', fs.current_working_directory() == root / 'by_fd', fs.exists(fs.path.new('marker')),
      fs.absolute(fs.path.new('marker')) == root / 'by_fd' / 'marker')
dir:close()

local ok, err = pcall(fs.current_working_directory, dir)
print('closed fd', ok, tostring(err))
ok, err = pcall(fs.current_working_directory, root / 'missing')
print('missing directory', ok, tostring(err), err.path1 == root / 'missing')
ok, err = pcall(fs.current_working_directory, 42)
print('not a path', ok, tostring(err), err.arg)
print('unchanged after errors', fs.current_working_directory() == root / 'by_fd')

local file = fs.open(root / 'created', { 'write_only', 'create', 'exclusive' }, fs.mode(6, 0, 0))
print('created', fs.is_regular_file(root / 'created'), string.format('%o', fs.status(root / 'created').mode))
file:close()
ok, err = pcall(fs.open, root / 'created', { 'write_only', 'create', 'exclusive' }, fs.mode(6, 0, 0))
print('exclusive again', ok, tostring(err))
ok, err = pcall(fs.open, root / 'created', { 'write_only', 'sideways' })
print('bad flag', ok, tostring(err), err.arg)
local nofollow = pcall(fs.open, root, { 'read_only', 'no_follow', 'path' })
print('path flag', nofollow)

fs.current_working_directory(start)
print('restored', fs.current_working_directory() == start)
print('removed', fs.remove_all(root))
