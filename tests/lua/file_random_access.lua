-- file.random_access: read_some_at/write_some_at at 0-based offsets, the
-- composed read_all_at/read_at_least_at/write_all_at/write_at_least_at,
-- transfers that leave other fibers running, and cancellation.
local file = require 'file'
local fs = require 'filesystem'
local system = require 'system'

local p = fs.path.new('/tmp') / ('emilua-ts-file_random_access-' .. system.getpid())
fs.remove_all(p)

local function try(f, ...)
    local ok, err = pcall(f, ...)
    if ok then return 'ok' end
    if type(err) ~= 'table' then return 'error' end
    return tostring(err) .. ' [' .. tostring(err.category) .. ']' .. (err.arg and (' arg=' .. err.arg) or '')
end

local f = file.random_access.new()
f:open(p, { 'read_write', 'create' })
print('write_some_at', f:write_some_at(0, byte_span.append('0123456789')), f.size)
print('write_some_at past the end', f:write_some_at(12, byte_span.append('XY')), f.size)
local buf = byte_span.new(4)
print('read_some_at 3', f:read_some_at(3, buf), tostring(buf))
print('read_some_at 8', f:read_some_at(8, buf), string.format('%q', tostring(buf)))
print('read_some_at the end', try(f.read_some_at, f, 14, buf))
print('negative offset', try(f.read_some_at, f, -1, buf))
print('offset not a number', pcall(f.read_some_at, f, '1', buf) == false)

print('write_all_at string', file.write_all_at(f, 20, 'abcdef'), f.size)
local six = byte_span.new(6)
print('read_all_at', file.read_all_at(f, 20, six), tostring(six))
print('read_at_least_at', file.read_at_least_at(f, 22, byte_span.new(10), 3))
print('write_at_least_at', file.write_at_least_at(f, 0, byte_span.append('ab'), 5))
print('read_all_at past the end', try(file.read_all_at, f, 24, byte_span.new(10)))

-- A large transfer runs on the thread pool: the other fiber keeps going.
local big = byte_span.new(4 * 1024 * 1024)
big:fill(65)
local progress = {}
local other = spawn(function()
    for i = 1, 3 do
        progress[#progress + 1] = i
        this_fiber.yield()
    end
end)
local n = f:write_some_at(0, big)
print('big write', n, 'other fiber ran', #progress > 0)
other:join()
local back = byte_span.new(#big)
print('read back', file.read_all_at(f, 0, back), back == big)

-- A cancelled read_some_at never reaches the buffer.
local target = byte_span.with_zeros(4)
local reader = spawn(function()
    f:read_some_at(0, target)
    print('never printed')
end)
this_fiber.yield()
reader:cancel()
reader:join()
print('cancelled read', reader.cancellation_caught, tostring(target) == '\0\0\0\0')

-- cancel() on the object aborts a pending read with operation_aborted.
local aborted = spawn(function()
    print('aborted read', try(f.read_some_at, f, 0, target))
end)
this_fiber.yield()
f:cancel()
aborted:join()

f:close()
print('closed', f.is_open, try(f.read_some_at, f, 0, target))
fs.remove(p)
