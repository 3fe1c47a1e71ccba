-- P6, filter form: this script is `cat` in `head -c N /dev/zero | emilua-ts
-- pipe-cat.lua > /dev/null`: read_some from standard input into a 64 KiB
-- byte_span, stream.write_all to standard output. Prints to stderr the byte
-- count and the seconds from the first byte read to end of input.
local system = require 'system'
local stream = require 'stream'
local time = require 'time'

local buf = byte_span.new(64 * 1024)
local total, start = 0, nil
pcall(function()
    while true do
        local n = system.in_:read_some(buf)
        start = start or time.steady_clock.now()
        stream.write_all(system.out, buf:first(n))
        total = total + n
    end
end)
io.stderr:write(format('{}\t{}\n', total, time.steady_clock.now() - start))
