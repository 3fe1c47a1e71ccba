-- mkdir(p, mode) honours the mode and the umask; create_directory uses 0777
-- and does not report an existing directory; create_directories makes the
-- missing parents; errors are reported as Emilua prints them.
local fs = require 'filesystem'
local system = require 'system'

local root = fs.path.new('/tmp') / ('emilua-ts-fs_mkdir_umask-' .. system.getpid())
fs.remove_all(root)

local function mode_of(p) return string.format('%03o', fs.status(p).mode) end
local function try(f, ...)
    local ok, err = pcall(f, ...)
    if ok then return 'ok' end
    return tostring(err) .. ' [' .. tostring(err.category) .. ']' ..
        (err.path1 and (' path1=' .. err.path1.filename) or '')
end

local old = fs.umask(tonumber('022', 8))
fs.mkdir(root, tonumber('755', 8))
print('mode 755, umask 022', mode_of(root))
fs.mkdir(root / 'a', tonumber('777', 8))
print('mode 777, umask 022', mode_of(root / 'a'))
print('umask returns the previous mask', string.format('%03o', fs.umask(tonumber('077', 8))))
fs.mkdir(root / 'b', tonumber('777', 8))
print('mode 777, umask 077', mode_of(root / 'b'))
fs.umask(0)
fs.mkdir(root / 'c', fs.mode(7, 5, 1))
print('mode 751, umask 000', mode_of(root / 'c'))
print('create_directory, umask 000', fs.create_directory(root / 'd'), mode_of(root / 'd'))
fs.umask(tonumber('027', 8))
print('create_directory, umask 027', fs.create_directory(root / 'e'), mode_of(root / 'e'))
print('create_directory with attributes of c', fs.create_directory(root / 'f', root / 'c'), mode_of(root / 'f'))

print()
print('create_directory existing', fs.create_directory(root / 'a'))
print('create_directories', fs.create_directories(root / 'x' / 'y' / 'z'), fs.is_directory(root / 'x' / 'y' / 'z'))
print('create_directories existing', fs.create_directories(root / 'x' / 'y'))
print('create_directories trailing slash', fs.create_directories(root / 'p' / 'q' / ''), fs.is_directory(root / 'p' / 'q'))
print('mkdir existing', try(fs.mkdir, root / 'a', tonumber('755', 8)))
print('mkdir missing parent', try(fs.mkdir, root / 'no' / 'parent', tonumber('755', 8)))
fs.mknod(root / 'plain', tonumber('644', 8), 0)
print('create_directory over a file', try(fs.create_directory, root / 'plain'))
print('create_directories through a file', try(fs.create_directories, root / 'plain' / 'sub'))

fs.umask(old)
print('removed', fs.remove_all(root))
