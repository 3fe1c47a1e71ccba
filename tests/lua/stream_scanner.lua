-- stream.scanner: records split on a string separator, the last record at
-- end of file, trimming, fields through a function, the buffer methods, and
-- the limits.
local pipe = require 'pipe'
local stream = require 'stream'

local function feeder(chunks)
    local r, w = pipe.pair()
    spawn(function()
        for _, chunk in ipairs(chunks) do
            stream.write_all(w, chunk)
            this_fiber.yield()
        end
        w:close()
    end)
    return r
end

local function show(s)
    local t = tostring(s):gsub('\r', '\\r'):gsub('\n', '\\n')
    return '[' .. t .. ']'
end

local function try(f, ...)
    local ok, e = pcall(f, ...)
    if ok then return 'ok' end
    if type(e) == 'table' then return tostring(e.category) .. ': ' .. tostring(e) end
    return tostring(e)
end

-- Lines arriving in pieces; the last one has no newline.
local sc = stream.scanner.new{ stream = feeder{'one\ntw', 'o\n\nthr', 'ee'} }
print(sc.record_separator == '\n', sc.record_number)
for _ = 1, 4 do
    local line = sc:get_line()
    print(sc.record_number, show(line), show(sc.record_terminator))
end
print('at the end', try(sc.get_line, sc))

-- A two-byte separator split across reads.
sc = stream.scanner.new{ stream = feeder{'GET / HTTP/1.1\r', '\nHost: x\r\n\r\n'}, record_separator = '\r\n' }
for _ = 1, 3 do print(show(sc:get_line())) end

-- Trimming and fields.
sc = stream.scanner.with_awk_defaults(feeder{'  alpha  beta\tgamma  \n', '\n  last one'})
local fields = sc:get_line()
print(#fields, show(fields[1]), show(fields[2]), show(fields[3]), show(sc:buffered_line()))
-- An empty line is one empty field: with_awk_defaults splits with regex.split().
print(#sc:get_line())
fields = sc:get_line()
print(#fields, show(fields[1]), show(fields[2]), show(sc.record_terminator))

sc = stream.scanner.new{ stream = feeder{' a,b ,c \n'}, trim_record = ' ',
                         field_separator = function(record)
                             local out = {}
                             for f in tostring(record):gmatch('[^,]+') do out[#out + 1] = f end
                             return out
                         end }
print(table.concat(sc:get_line(), '|'))

-- buffer(), remove_line(), set_buffer(): read a header line, then the body
-- by other means, then hand the rest back.
local r, w = pipe.pair()
stream.write_all(w, 'LEN 5\nhelloNEXT\n')
w:close()
sc = stream.scanner.new{ stream = r }
print(show(sc:get_line()))
sc:remove_line()
print(sc.record_terminator)
local buf, offset = sc:buffer()
local body = buf:sub(offset, offset + 4)
print(show(body), offset)
sc:set_buffer(buf, offset + 5)
print(show(sc:get_line()), show(sc.record_terminator))
print('precondition', try(sc.remove_line, stream.scanner.new{ stream = r }))

-- Limits and options of the wrong type.
sc = stream.scanner.new{ stream = feeder{string.rep('x', 40), '\n'}, max_record_size = 16,
                         buffer_size_hint = 4 }
print('too long', try(sc.get_line, sc))
print('no stream', try(stream.scanner.new().get_line, stream.scanner.new()))
print('bad separator', try(stream.scanner.new, { record_separator = {} }))
sc = stream.scanner.new{ stream = feeder{'x\n'}, field_separator = 42 }
print('bad field separator', try(sc.get_line, sc))
