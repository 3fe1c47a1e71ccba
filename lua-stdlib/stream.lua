-- require 'stream': operations composed from read_some/write_some, so they
-- work with any object that has them (pipes, system.in_/out/err, files,
-- sockets, or a Lua table), and stream.scanner, AWK-style record reading.
-- Run once per VM by runtime/modules/stream/index.ts, which passes the
-- host's helpers in `host`; returns the module table.
local host = ...

local new_span = host.byte_span_new
local append = host.byte_span_append
local span_length = host.byte_span_length  -- (value) -> #value, or nil if not a byte_span
local function is_span(value) return span_length(value) ~= nil end
local raise_einval = host.raise_einval          -- (arg)
local raise_emsgsize = host.raise_emsgsize
local is_regex = host.is_regex
local regex_find = host.regex_find              -- (re, span, search) -> first|nil, last|nil, search
local regex_split = host.regex_split            -- regex.split
local regex_patsplit = host.regex_patsplit      -- regex.patsplit
local awk_field_separator = host.awk_field_separator
local eof = host.eof_error
local pcall, error, type = host.pcall, host.error, host.type
local setmetatable, rawget, rawset = host.setmetatable, host.rawget, host.rawset

local function check_count(n, arg, max)
    if type(n) ~= 'number' or n ~= n or n < 0 or n > max then raise_einval(arg) end
    return n - n % 1
end

-- What a read_some/write_some returned: a byte count between 0 and `max`. A
-- custom stream may return anything; NaN or a string in the loops below would
-- never end them (NaN < total is false, so data would also be lost).
local function transferred(n, max, method)
    if type(n) ~= 'number' or n ~= n or n < 0 or n > max or n % 1 ~= 0 then
        raise_einval(method)
    end
    return n
end

-- read_all and write_all are the hot path of every copy loop: their loops are
-- written out rather than shared through a helper, which cost about 15% of a
-- pipe copy's time in fengari (a Lua call per transfer is not cheap there).
local function read_all(io, buf)
    local total = span_length(buf)
    if total == nil then raise_einval(2) end
    local done = 0
    -- A sub-span only after a short transfer: most calls finish in one.
    while done < total do
        done = done + transferred(io:read_some(done == 0 and buf or buf:sub(done + 1)), total - done, 'read_some')
    end
    return total
end

local function read_at_least(io, buf, minimum)
    if not is_span(buf) then raise_einval(2) end
    minimum = check_count(minimum, 3, #buf)
    local total = 0
    while total < minimum do
        total = total + transferred(io:read_some(buf:sub(total + 1)), #buf - total, 'read_some')
    end
    return total
end

local function write_all(io, buf)
    local total = span_length(buf)
    if total == nil then
        if type(buf) ~= 'string' then raise_einval(2) end
        buf = append(buf)
        total = span_length(buf)
    end
    local done = 0
    while done < total do
        done = done + transferred(io:write_some(done == 0 and buf or buf:sub(done + 1)), total - done, 'write_some')
    end
    return total
end

local function write_at_least(io, buf, minimum)
    if not is_span(buf) then raise_einval(2) end
    minimum = check_count(minimum, 3, #buf)
    local total = 0
    while total < minimum do
        total = total + transferred(io:write_some(buf:sub(total + 1)), #buf - total, 'write_some')
    end
    return total
end

------------------------------------------------------------------------------
-- scanner
--
-- The buffer is a byte_span whose length is its whole capacity; buffered data
-- runs from st.first to st.last (inclusive, empty when last < first). After
-- get_line() the record (st.record_len bytes) and its terminator
-- (st.term_len bytes) stay at the front of the data until remove_line() or
-- the next get_line().

local DEFAULT_BUFFER_SIZE = 4096
local DEFAULT_MAX_RECORD_SIZE = 1048576

-- Private per-scanner state, under a key no string lookup can reach.
local STATE = {}

local function state_of(self)
    local st = rawget(self, STATE)
    if st == nil then
        st = { buf = nil, first = 1, last = 0, scan = 1, record_len = nil, term_len = 0 }
        rawset(self, STATE, st)
    end
    return st
end

local function check_separator(self)
    local sep = self.record_separator
    if sep == nil then return '\n' end
    if type(sep) == 'string' then
        if #sep == 0 then raise_einval('record_separator') end
        return sep
    end
    if not is_regex(sep) then raise_einval('record_separator') end
    return sep
end

local function positive_option(self, name, default)
    local value = self[name]
    if value == nil then return default end
    if type(value) ~= 'number' or value ~= value or value < 1 then raise_einval(name) end
    return value - value % 1
end

-- Drops `count` bytes from the front of the data.
local function consume(st, count)
    st.search = nil
    st.first = st.first + count
    if st.first > st.last then
        st.first, st.last = 1, 0
    end
    st.scan = st.first
end

-- Makes room after st.last: moves the data to the front or grows the buffer
-- (up to max_size bytes in all).
local function make_room(self, st)
    local buf = st.buf
    if buf == nil then
        local size = positive_option(self, 'buffer_size_hint', DEFAULT_BUFFER_SIZE)
        st.buf = new_span(size)
        st.first, st.last, st.scan = 1, 0, 1
        return
    end
    local len = st.last - st.first + 1
    if st.last < #buf then return end
    if st.first > 1 then
        if len > 0 then buf:copy(buf:sub(st.first, st.last)) end
        st.scan = st.scan - st.first + 1
        st.first, st.last = 1, len
        return
    end
    local max_size = positive_option(self, 'max_record_size', DEFAULT_MAX_RECORD_SIZE)
    if len >= max_size then raise_emsgsize() end
    local size = #buf * 2
    if size > max_size then size = max_size end
    if size <= #buf then size = #buf + 1 end
    local grown = new_span(size)
    grown:copy(buf:sub(st.first, st.last))
    st.buf = grown
    st.scan = st.scan - st.first + 1
    st.first, st.last = 1, len
end

-- A string field_separator is a literal separator, split by regex.split()'s
-- rules: the text before each separator is a field, even when empty; the
-- text after the last one only when it is not empty.
local function split_literal(record, sep)
    local fields = {}
    local i = 1
    while true do
        local s = record:find(sep, i)
        if s == nil then break end
        fields[#fields + 1] = record:sub(i, s - 1)
        i = s + #sep
    end
    if i <= #record or #fields == 0 then fields[#fields + 1] = record:sub(i) end
    return fields
end

-- The current record as a fresh span, trimmed as trim_record says.
local function current_record(self, st)
    local record
    if st.record_len == 0 then
        record = new_span(0)
    else
        record = append(st.buf:sub(st.first, st.first + st.record_len - 1))
    end
    local trim = self.trim_record
    if trim == true then
        record = record:trimmed()
    elseif type(trim) == 'string' then
        record = record:trimmed(trim)
    elseif trim ~= nil and trim ~= false then
        raise_einval('trim_record')
    end
    return record
end

-- The function that splits a record into fields, or nil.
local function check_fields(self)
    local fs, fp = self.field_separator, self.field_pattern
    if fp ~= nil then
        -- Both at once would leave one of them unused.
        if fs ~= nil or not is_regex(fp) then raise_einval('field_pattern') end
        return function(record) return regex_patsplit(fp, record) end
    end
    if fs == nil or type(fs) == 'function' then return fs end
    if type(fs) == 'string' then
        if #fs == 0 then raise_einval('field_separator') end
        return function(record) return split_literal(record, fs) end
    end
    if not is_regex(fs) then raise_einval('field_separator') end
    return function(record) return regex_split(fs, record) end
end

local scanner = {}
local methods = {}

function methods.get_line(self)
    local st = state_of(self)
    local sep = check_separator(self)
    local fs = check_fields(self)
    local io = self.stream
    if io == nil then raise_einval('stream') end
    if st.record_len ~= nil then
        consume(st, st.record_len + st.term_len)
        st.record_len = nil
    end
    local terminator
    while true do
        if st.buf ~= nil and st.last >= st.first then
            if type(sep) == 'string' then
                local from = st.scan
                if from < st.first then from = st.first end
                local found = st.buf:sub(from, st.last):find(sep)
                if found ~= nil then
                    st.record_len = from + found - 1 - st.first
                    st.term_len = #sep
                    terminator = sep
                    break
                end
                -- A separator may begin in the last #sep - 1 bytes.
                st.scan = st.last - #sep + 2
            else
                -- The search goes on where it stopped when more bytes arrive.
                local first, last, search = regex_find(sep, st.buf:sub(st.first, st.last), st.search)
                st.search = search
                if first ~= nil then
                    st.search = nil
                    st.record_len = first - 1
                    st.term_len = last - first + 1
                    terminator = append(st.buf:sub(st.first + first - 1, st.first + last - 1))
                    break
                end
            end
        end
        make_room(self, st)
        local ok, n = pcall(io.read_some, io, st.buf:sub(st.last + 1, #st.buf))
        if not ok then
            if n ~= eof then error(n, 0) end
            if st.last < st.first then error(n, 0) end
            st.record_len = st.last - st.first + 1
            st.term_len = 0
            terminator = type(sep) == 'string' and '' or new_span(0)
            break
        end
        st.last = st.last + transferred(n, #st.buf - st.last, 'read_some')
    end
    self.record_terminator = terminator
    self.record_number = (self.record_number or 0) + 1
    local record = current_record(self, st)
    if fs ~= nil then return fs(record) end
    return record
end

function methods.buffered_line(self)
    local st = state_of(self)
    if st.record_len == nil then raise_einval(1) end
    return current_record(self, st)
end

function methods.remove_line(self)
    local st = state_of(self)
    if st.record_len == nil then raise_einval(1) end
    consume(st, st.record_len + st.term_len)
    st.record_len = nil
    self.record_terminator = nil
end

function methods.buffer(self)
    local st = state_of(self)
    if st.buf == nil then return new_span(0), 1 end
    return st.buf:sub(1, st.last), st.first
end

function methods.set_buffer(self, buf, offset)
    if not is_span(buf) then raise_einval(2) end
    if offset == nil then offset = 1 end
    if type(offset) ~= 'number' or offset ~= offset or offset < 1 or offset > #buf + 1 then
        raise_einval(3)
    end
    offset = offset - offset % 1
    local st = state_of(self)
    local last = #buf
    st.buf = buf:sub(1, buf.capacity)
    st.first, st.last, st.scan = offset, last, offset
    if st.last < st.first then st.first, st.last, st.scan = 1, 0, 1 end
    st.record_len = nil
    st.term_len = 0
    st.search = nil
    self.record_terminator = nil
end

scanner.mt = { __index = methods }

function scanner.new(opts)
    if opts == nil then
        opts = {}
    elseif type(opts) ~= 'table' then
        raise_einval(1)
    end
    if opts.record_separator == nil then opts.record_separator = '\n' end
    local rs = opts.record_separator
    if type(rs) ~= 'string' and not is_regex(rs) then raise_einval('record_separator') end
    if opts.record_number == nil then opts.record_number = 0 end
    return setmetatable(opts, scanner.mt)
end

function scanner.with_awk_defaults(io)
    return scanner.new{
        stream = io,
        record_separator = '\n',
        trim_record = true,
        field_separator = awk_field_separator(),
    }
end

return {
    read_all = read_all,
    read_at_least = read_at_least,
    write_all = write_all,
    write_at_least = write_at_least,
    scanner = scanner,
}
