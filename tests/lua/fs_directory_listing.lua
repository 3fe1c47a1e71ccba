-- Directory iteration over a tree made in a temporary directory: the flat
-- and the recursive iterator (entries, depths, disable_recursion_pending,
-- pop), directory_entry properties, file types and remove_all. Listings are
-- sorted: the order of a directory is the file system's.
local fs = require 'filesystem'
local system = require 'system'

local root = fs.path.new('/tmp') / ('emilua-ts-fs_directory_listing-' .. system.getpid())
fs.remove_all(root)
fs.create_directories(root / 'a' / 'deep' / 'er')
fs.create_directories(root / 'b')
fs.create_directory(root / 'empty')
-- A regular file of `size` zero bytes (mknod without a type makes one).
local function touch(p, size)
    fs.mknod(p, fs.mode(6, 4, 4), 0)
    fs.resize_file(p, size)
end
touch(root / 'file.txt', 5)
touch(root / 'a' / 'one', 1)
touch(root / 'a' / 'deep' / 'two', 2)
touch(root / 'a' / 'deep' / 'er' / 'three', 3)
touch(root / 'b' / '.hidden', 0)
fs.create_symlink(fs.path.new('file.txt'), root / 'link')
fs.create_directory_symlink(fs.path.new('a'), root / 'dirlink')
fs.mkfifo(root / 'fifo', fs.mode(6, 4, 4))

local function rel(p) return tostring(p:lexically_relative(root)) end

print('directory_iterator')
local names = {}
for entry in fs.directory_iterator(root) do
    names[#names + 1] = entry.path.filename .. ' ' .. entry.symlink_status.type
end
table.sort(names)
for _, n in ipairs(names) do print('', n) end

print('recursive_directory_iterator')
local rows = {}
for entry, depth in fs.recursive_directory_iterator(root) do
    rows[#rows + 1] = rel(entry.path) .. ' depth=' .. depth
end
table.sort(rows)
for _, r in ipairs(rows) do print('', r) end

print('following directory symlinks')
local count = 0
for entry in fs.recursive_directory_iterator(root, { follow_directory_symlink = true }) do
    if rel(entry.path):find('^dirlink/') then
        count = count + 1
    end
end
print('', 'entries below dirlink', count)

print('disable_recursion_pending on "a"')
rows = {}
local iter, ctrl = fs.recursive_directory_iterator(root)
print('', 'handle type', getmetatable(ctrl))
for entry, depth in iter do
    if entry.path.filename == 'a' then
        print('', 'recursion_pending before', ctrl.recursion_pending)
        ctrl:disable_recursion_pending()
        print('', 'recursion_pending after', ctrl.recursion_pending)
    end
    rows[#rows + 1] = rel(entry.path)
end
table.sort(rows)
print('', table.concat(rows, ' '))

print('pop when reaching depth 1')
rows = {}
iter, ctrl = fs.recursive_directory_iterator(root / 'a' / 'deep')
for entry, depth in iter do
    rows[#rows + 1] = rel(entry.path) .. '@' .. depth
    if depth == 1 then ctrl:pop() end
end
-- "deep" holds "er" (with one file) and "two": after pop() inside "er" the
-- walk goes on in "deep", so both of its entries and one file are seen.
table.sort(rows)
print('', table.concat(rows, ' '))

print('directory_entry')
for entry in fs.directory_iterator(root / 'a' / 'deep') do
    if entry.path.filename == 'two' then
        print('', 'file_size', entry.file_size, 'hardlink_count', entry.hardlink_count)
        print('', 'status', entry.status.type, 'symlink_status', entry.symlink_status.type)
        print('', 'last_write_time', entry.last_write_time == fs.last_write_time(entry.path))
        entry:refresh()
    end
end

print('types')
for _, name in ipairs{ 'file.txt', 'a', 'link', 'dirlink', 'fifo', 'missing' } do
    local p = root / name
    local function try(f)
        local ok, v = pcall(f, p)
        if not ok then return tostring(v) end
        return type(v) == 'boolean' and tostring(v) or v.type
    end
    print('', name, fs.exists(p), try(fs.status), try(fs.symlink_status), try(fs.is_symlink),
          try(fs.is_directory))
end
print('', 'is_fifo', fs.is_fifo(root / 'fifo'), 'is_other', fs.is_other(root / 'fifo'),
      'is_regular_file', fs.is_regular_file(root / 'link'), 'is_directory', fs.is_directory(root / 'dirlink'))
print('', 'is_empty', fs.is_empty(root / 'empty'), fs.is_empty(root / 'b'), fs.is_empty(root / 'b' / '.hidden'),
      fs.is_empty(root / 'file.txt'))

print('errors')
local ok, err = pcall(fs.directory_iterator, root / 'missing')
print('', ok, err, rel(err.path1))
ok, err = pcall(fs.directory_iterator, root / 'file.txt')
print('', ok, err)
ok, err = pcall(fs.directory_iterator, root, { skip_permission_denied = 1 })
print('', ok, err, err.arg)

print('remove_all', fs.remove_all(root), fs.exists(root), fs.remove_all(root))
