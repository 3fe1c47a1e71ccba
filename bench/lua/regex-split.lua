-- regex benchmark body (bench/regex.mjs): splits about 1 MiB of CSV-like text
-- into fields with each grammar, and reads it through stream.scanner with a
-- regex record separator; prints "grammar<TAB>fields<TAB>seconds" per run,
-- timing the work only (os.clock() deltas).
local regex = require 'regex'
local stream = require 'stream'

local line = 'alpha,"beta, gamma",12345,delta epsilon,,zeta\r\n'
local text = string.rep(line, math.floor(1048576 / #line))

for _, grammar in ipairs{ 'extended', 'ecma' } do
    local re = regex.new{ pattern = '[,\r\n]+', grammar = grammar }
    local t0 = os.clock()
    local n = #regex.split(re, text)
    print(grammar, n, os.clock() - t0)
end

-- The same text through stream.scanner, 4 KiB per read from a table stream,
-- with a regex record separator and with the string one as the baseline.
local source = byte_span.append(text)
local function scan(label, separator)
    local offset = 0
    local feeder = {}
    function feeder.read_some(_, buf)
        if offset >= #source then error('end of the text') end
        local n = math.min(#buf, 4096, #source - offset)
        buf:copy(source:sub(offset + 1, offset + n))
        offset = offset + n
        return n
    end
    local sc = stream.scanner.new{ stream = feeder, record_separator = separator }
    local t0 = os.clock()
    local records = 0
    while pcall(sc.get_line, sc) do records = records + 1 end
    print(label, records, os.clock() - t0)
end
scan('scanner-regex', regex.new{ pattern = '\r?\n', grammar = 'extended' })
scan('scanner-string', '\r\n')
