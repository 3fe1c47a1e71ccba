-- stream.scanner with regexes: a regex record_separator (matched across
-- reads, the terminator as a byte_span), field_separator as a regex or a
-- literal string, field_pattern, and with_awk_defaults' regex.
local pipe = require 'pipe'
local stream = require 'stream'
local regex = require 'regex'

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
    return '[' .. (tostring(s):gsub('[^\32-\126]', function(c) return string.format('\\x%02x', c:byte()) end)) .. ']'
end

local function fields(t)
    local out = {}
    for i, v in ipairs(t) do out[i] = show(v) end
    return #t .. ' ' .. table.concat(out)
end

local function try(f, ...)
    local ok, e = pcall(f, ...)
    if ok then return 'ok' end
    if type(e) == 'table' then return tostring(e.category) .. ': ' .. tostring(e) .. ' (' .. tostring(e.arg) .. ')' end
    return tostring(e)
end

-- Records end at CRLF or LF; the CR and LF of one terminator arrive in
-- different reads; the last record has none.
local sc = stream.scanner.new{
    stream = feeder{ 'one\r', '\ntwo\nthr', 'ee\r\n\xff\xfe' },
    record_separator = regex.new{ pattern = '\r?\n', grammar = 'extended' },
}
for _ = 1, 4 do
    local line = sc:get_line()
    print(sc.record_number, show(line), show(sc.record_terminator), getmetatable(sc.record_terminator))
end

-- A separator that matches runs of several bytes, and one that could match
-- nothing (empty separators are skipped, so records never come out empty).
sc = stream.scanner.new{
    stream = feeder{ 'a;;;b', ';c' },
    record_separator = regex.new{ pattern = ';+', grammar = 'extended' },
}
print(show(sc:get_line()), show(sc:get_line()), show(sc:get_line()))
sc = stream.scanner.new{
    stream = feeder{ 'ab,cd' },
    record_separator = regex.new{ pattern = ',*', grammar = 'ecma' },
}
print(show(sc:get_line()), show(sc.record_terminator), show(sc:get_line()))

-- field_separator: a regex (regex.split's rules) or a literal string.
sc = stream.scanner.new{
    stream = feeder{ 'x, y,z\n,p,\n' },
    field_separator = regex.new{ pattern = ', *', grammar = 'extended' },
}
print(fields(sc:get_line()))
print(fields(sc:get_line()))
sc = stream.scanner.new{ stream = feeder{ 'a::b:c::\n::\n\n' }, field_separator = '::' }
print(fields(sc:get_line()))
print(fields(sc:get_line()))
print(fields(sc:get_line()))

-- field_pattern: fields are what the regex matches.
sc = stream.scanner.new{
    stream = feeder{ 'Robbins,"1 Main St, Apt 2",USA\n' },
    field_pattern = regex.new{ pattern = '([^,]+)|("[^"]+")', grammar = 'extended', nosubs = true },
}
print(fields(sc:get_line()))
print(show(sc:buffered_line()))

-- with_awk_defaults: trimmed records, fields split by a blank-run regex.
sc = stream.scanner.with_awk_defaults(feeder{ ' \tfoo  bar\tbaz \n' })
print(getmetatable(sc.field_separator), sc.field_separator.grammar, sc.trim_record)
print(fields(sc:get_line()))

-- Options of the wrong kind.
print(try(stream.scanner.new, { record_separator = 7 }))
local bad = stream.scanner.new{ stream = feeder{ 'x\n' } }
bad.record_separator = {}
print(try(bad.get_line, bad))
bad = stream.scanner.new{ stream = feeder{ 'x\n' }, field_separator = '' }
print(try(bad.get_line, bad))
bad = stream.scanner.new{ stream = feeder{ 'x\n' }, field_pattern = 'x' }
print(try(bad.get_line, bad))
bad = stream.scanner.new{ stream = feeder{ 'x\n' }, field_pattern = regex.new{ pattern = 'x', grammar = 'basic' },
                          field_separator = ',' }
print(try(bad.get_line, bad))
bad = stream.scanner.new{ stream = feeder{ 'x\n' },
                          field_separator = regex.new{ pattern = '(,)', grammar = 'extended' } }
print(try(bad.get_line, bad))
