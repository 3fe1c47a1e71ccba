-- file.stream: open flags, read_some/write_some at the file offset, seek,
-- size, resize, end of file, close/is_open, release/assign/new(fd) with
-- file_descriptor objects, and the errors of each.
local file = require 'file'
local fs = require 'filesystem'
local system = require 'system'

local root = fs.path.new('/tmp') / ('emilua-ts-file_stream-' .. system.getpid())
fs.remove_all(root)
fs.create_directory(root)
local p = root / 'data'

local function try(f, ...)
    local ok, err = pcall(f, ...)
    if ok then return 'ok' end
    if type(err) ~= 'table' then return 'error: ' .. tostring(err) end
    return tostring(err) .. ' [' .. tostring(err.category) .. ']' .. (err.arg and (' arg=' .. err.arg) or '')
end

local w = file.stream.new()
print('new', getmetatable(w), w.is_open)
print('open missing', try(w.open, w, p, { 'read_only' }))
w:open(p, { 'write_only', 'create', 'exclusive' })
print('opened', w.is_open, w.size)
print('open again', try(w.open, w, p, { 'read_only' }))
print('write_some', w:write_some(byte_span.append('hello, ')), w:write_some(byte_span.append('file')))
print('size and offset', w.size, w:seek(0, 'cur'))
print('seek set', w:seek(7, 'set'), 'write', w:write_some(byte_span.append('FILE!')), 'size', w.size)
print('seek end', w:seek(-1, 'end'), 'seek cur', w:seek(-2, 'cur'))
w:resize(20)
print('resize', w.size, w:seek(0, 'cur'))
w:resize(12)
w:close()
print('closed', w.is_open, try(function() return w.size end), try(w.seek, w, 0, 'set'))
w:close()

local c = file.stream.new()
print('exclusive existing', try(c.open, c, p, { 'write_only', 'create', 'exclusive' }))
print('bad flag', try(c.open, c, p, { 'read_only', 'sometimes' }))
print('flags not a table', try(c.open, c, p, 'read_only'))
print('path not a path', try(c.open, c, tostring(p), { 'read_only' }))

local r = file.stream.new()
r:open(p, { 'read_only' })
local buf = byte_span.new(5)
local n = r:read_some(buf)
print('read_some', n, tostring(buf:sub(1, n)))
n = r:read_some(buf)
print('read_some', n, tostring(buf:sub(1, n)))
buf = byte_span.new(100)
n = r:read_some(buf)
print('read_some rest', n, tostring(buf:sub(1, n)))
print('at end', try(r.read_some, r, buf))
print('empty buffer', r:read_some(byte_span.new(0)))
print('bad whence', try(r.seek, r, 0, 'middle'))
print('read_some into a string', try(r.read_some, r, 'x'))
print('write on a read-only file', try(r.write_some, r, byte_span.append('x')))

-- release() hands the descriptor out; new(fd) and assign(fd) take one.
local fd = r:release()
print('release', tostring(fd):match('^/dev/fd/%d+$') ~= nil, r.is_open)
print('release again', try(r.release, r))
local r2 = file.stream.new(fd)
print('new(fd)', r2.is_open, r2:seek(0, 'set'), try(fd.dup, fd))
local r3 = file.stream.new()
r3:assign(r2:release())
buf = byte_span.new(5)
print('assign', r3:read_some(buf), tostring(buf))
print('new(closed fd)', try(file.stream.new, fd))
print('new(not fd)', try(file.stream.new, 3))
local other = file.stream.new()
other:open(p, { 'read_only' })
local spare = file.stream.new()
spare:open(p, { 'read_only' })
local spare_fd = spare:release()
print('assign to an open file', try(other.assign, other, spare_fd), 'fd kept', file.stream.new(spare_fd).is_open)
print('cancel on a closed file', try(file.stream.new().cancel, file.stream.new()))

-- Appending always writes at the end, whatever the offset.
local ap = file.stream.new()
ap:open(p, { 'write_only', 'append' })
ap:seek(0, 'set')
ap:write_some(byte_span.append('+'))
print('append', ap.size)
ap:close()
local t = file.stream.new()
t:open(p, { 'read_write', 'truncate' })
print('truncate', t.size)
t:close()
r3:close()
print('removed', fs.remove_all(root))
