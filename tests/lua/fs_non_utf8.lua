-- File names that are not UTF-8 keep their exact bytes through path
-- objects, directory listings, renames, symlinks and error paths.
local fs = require 'filesystem'
local system = require 'system'

local function hex(s)
    return (s:gsub('.', function(c) return string.format('%02x', c:byte()) end))
end

local root = fs.path.new('/tmp') / ('emilua-ts-fs_non_utf8-' .. system.getpid())
fs.remove_all(root)
fs.create_directory(root)

local raw = 'caf\xe9-\xff\xfe\x80'
local p = root / raw
print('filename bytes', hex(p.filename), #p.filename, p.filename == raw)
print('stem/extension', hex(fs.path.new('n\xe9.\xff').stem), hex(fs.path.new('n\xe9.\xff').extension))

fs.mknod(p, fs.mode(6, 4, 4), 0)
fs.resize_file(p, 7)
print('exists', fs.exists(p), fs.file_size(p), fs.is_regular_file(fs.path.new(tostring(p))))

for entry in fs.directory_iterator(root) do
    local name = entry.path.filename
    print('listed', hex(name), name == raw, entry.path == p, entry.file_size)
end

local renamed = root / '\xc0\xc1'
fs.rename(p, renamed)
print('renamed', fs.exists(p), fs.exists(renamed))

fs.create_symlink(fs.path.new(raw .. '\x01'), root / 'link')
print('symlink target', hex(tostring(fs.read_symlink(root / 'link'))))

local ok, err = pcall(fs.status, root / 'missing\xfe')
print('error path', ok, tostring(err), hex(err.path1.filename))

for component in (fs.path.new('/\xff/\x80\x81/')):iterator() do io.write(hex(component), ';') end
print()
print('generic', hex(fs.path.new('\xff//\xfe'):to_generic()))
print('embedded NUL', pcall(fs.exists, fs.path.new('a\0b')))

print('removed', fs.remove_all(root))
