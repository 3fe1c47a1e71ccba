-- pipe.pair(), read_some/write_some, end of file, close/cancel/release/
-- assign, and the errors of each.
local pipe = require 'pipe'

local function try(f, ...)
    local ok, e = pcall(f, ...)
    if ok then return 'ok' end
    local extra = ''
    if type(e) == 'table' then
        if e.arg ~= nil then extra = extra .. ' arg=' .. tostring(e.arg) end
        if e.index ~= nil then extra = extra .. ' index=' .. tostring(e.index) end
        return tostring(e.category) .. ': ' .. tostring(e) .. extra
    end
    return tostring(e)
end

local r, w = pipe.pair()
print('open', r.is_open, w.is_open)
print(getmetatable(r), getmetatable(w))

local out = byte_span.append('hello, pipe')
print('wrote', w:write_some(out))
local buf = byte_span.new(5)
print('read', r:read_some(buf), tostring(buf))
local rest = byte_span.new(64)
local n = r:read_some(rest)
print('read', n, tostring(rest:sub(1, n)))
print('empty buffer', r:read_some(byte_span.new(0)), w:write_some(byte_span.new(0)))

print('bad self', try(r.read_some, w, buf))
print('bad buffer', try(r.read_some, r, 'text'))
print('string to write_some', try(w.write_some, w, 'text'))
print('bad key', try(function() return r.write_some end))

w:close()
w:close()
print('after close', w.is_open, try(w.write_some, w, out))
print('end of file', try(r.read_some, r, buf))

-- release() hands the descriptor out; new(fd) and assign(fd) take it back.
local r2, w2 = pipe.pair()
local fd = w2:release()
print('released', w2.is_open, tostring(fd):match('^/dev/fd/%d+$') ~= nil, fd.non_blocking)
print('release again', try(w2.release, w2))
local w3 = pipe.write_stream.new(fd)
print('fd consumed', try(tostring, fd))
w3:write_some(byte_span.append('via new'))
print('read', r2:read_some(rest) == 7)
local w4 = pipe.write_stream.new()
print('unopened', w4.is_open, try(w4.write_some, w4, out))
w4:assign(w3:release())
print('assigned', w4.is_open, w3.is_open)
print('assign while open', try(w4.assign, w4, r2:release()))

-- Writing when no reader is left fails with EPIPE (SIGPIPE is ignored).
local r5, w5 = pipe.pair()
r5:close()
print('no reader', try(w5.write_some, w5, out))

-- cancel() aborts a pending read; close() too.
local r6, w6 = pipe.pair()
local reader = spawn(function()
    print('cancelled read', try(r6.read_some, r6, buf))
    print('closed read', try(r6.read_some, r6, buf))
end)
this_fiber.yield()
r6:cancel()
this_fiber.yield()
r6:close()
reader:join()

-- A fiber cancelled while it waits gets fiber_canceled; the data it did not
-- read is still there.
local r7, w7 = pipe.pair()
local waiting = spawn(function() r7:read_some(buf) end)
this_fiber.yield()
waiting:cancel()
print('joined', pcall(waiting.join, waiting), waiting.cancellation_caught)
w7:write_some(byte_span.append('kept'))
local got = byte_span.new(10)
print('still there', tostring(got:sub(1, r7:read_some(got))))
