-- A custom stream whose read_some/write_some returns something other than a
-- byte count (NaN, a negative or fractional number, a string, more than the
-- buffer holds) gets EINVAL naming the method, instead of a loop that never
-- ends or data silently dropped.
local stream = require 'stream'
local byte_span = require 'byte_span'

local function custom(result)
    return {
        read_some = function(_, buf) return result end,
        write_some = function(_, buf) return result end,
    }
end

for _, bad in ipairs{0/0, -1, 1.5, '3', 1e9, 1/0} do
    local sc = stream.scanner.new{ stream = custom(bad) }
    local ok, e = pcall(sc.get_line, sc)
    print('scanner', tostring(bad), ok, e.code == 22 and 'EINVAL' or tostring(e), e.arg)
    ok, e = pcall(stream.read_all, custom(bad), byte_span.new(4))
    print('read_all', ok, e.arg)
    ok, e = pcall(stream.read_at_least, custom(bad), byte_span.new(4), 2)
    print('read_at_least', ok, e.arg)
    ok, e = pcall(stream.write_all, custom(bad), 'abcd')
    print('write_all', ok, e.arg)
    ok, e = pcall(stream.write_at_least, custom(bad), byte_span.append('abcd'), 2)
    print('write_at_least', ok, e.arg)
end
