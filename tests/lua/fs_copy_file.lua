-- copy_file with each on_existing behaviour (nil, "skip", "overwrite",
-- "update"), its return value and errors, with modification times set
-- explicitly so "update" is deterministic. Also copy() of a directory.
local fs = require 'filesystem'
local system = require 'system'

local root = fs.path.new('/tmp') / ('emilua-ts-fs_copy_file-' .. system.getpid())
fs.remove_all(root)
fs.create_directory(root)

local function touch(p, size, mode)
    fs.mknod(p, mode or fs.mode(6, 4, 4), 0)
    fs.resize_file(p, size)
end
local function try(f, ...)
    local ok, err = pcall(f, ...)
    if ok then return err end
    local where = ''
    if err.path1 then where = ' path1=' .. tostring(err.path1.filename) end
    if err.path2 then where = where .. ' path2=' .. tostring(err.path2.filename) end
    return tostring(err) .. where .. (err.arg and (' arg=' .. err.arg) or '')
end

local src, dst = root / 'src', root / 'dst'
touch(src, 10, fs.mode(6, 4, 0))
local t0 = fs.clock.unix_epoch() + 1000000000
fs.last_write_time(src, t0)

print('new destination', fs.copy_file(src, dst), fs.file_size(dst),
      string.format('%o', fs.status(dst).mode))
fs.resize_file(dst, 3)
print('existing, nil', try(fs.copy_file, src, dst), fs.file_size(dst))
print('existing, skip', try(fs.copy_file, src, dst, 'skip'), fs.file_size(dst))
print('existing, overwrite', try(fs.copy_file, src, dst, 'overwrite'), fs.file_size(dst))

fs.resize_file(dst, 3)
fs.last_write_time(dst, t0 + 60)
print('update, destination newer', try(fs.copy_file, src, dst, 'update'), fs.file_size(dst))
fs.last_write_time(dst, t0)
print('update, same time', try(fs.copy_file, src, dst, 'update'), fs.file_size(dst))
fs.last_write_time(dst, t0 - 60)
print('update, destination older', try(fs.copy_file, src, dst, 'update'), fs.file_size(dst))

print('missing source', try(fs.copy_file, root / 'nothing', root / 'x'))
print('onto itself', try(fs.copy_file, src, src, 'overwrite'))
fs.create_directory(root / 'adir')
print('directory source', try(fs.copy_file, root / 'adir', root / 'y'))
print('bad on_existing', try(fs.copy_file, src, dst, 'sometimes'))
print('old table form', try(fs.copy_file, src, dst, { existing = 'skip' }))
print('not a path', try(fs.copy_file, tostring(src), dst))

print()
fs.create_directories(root / 'tree' / 'sub')
touch(root / 'tree' / 'f1', 1)
touch(root / 'tree' / 'sub' / 'f2', 2)
fs.copy(root / 'tree', root / 'flat')
fs.copy(root / 'tree', root / 'deep', { recursive = true })
fs.copy(root / 'tree', root / 'dirs', { recursive = true, copy = 'directories_only' })
for _, name in ipairs{ 'flat', 'deep', 'dirs' } do
    local rows = {}
    for entry in fs.recursive_directory_iterator(root / name) do
        rows[#rows + 1] = tostring(entry.path:lexically_relative(root / name))
    end
    table.sort(rows)
    print('copy into ' .. name, table.concat(rows, ' '))
end
print('copy existing', try(fs.copy, src, dst))
print('copy skip', try(fs.copy, src, dst, { existing = 'skip' }))
print('copy bad option', try(fs.copy, src, dst, { symlinks = 'maybe' }))

fs.remove_all(root)
