-- Run on both sides of a process boundary by actor_subprocess_values.lua:
-- every value Emilua refuses between processes, sent on `ch`.
local pipe = require 'pipe'
local long = string.rep('x', 256)
local function many(n)
    local t = {}
    for i = 1, n do t['k' .. i] = i end
    return t
end
local r, w = pipe.pair()
local closed = w:release()
closed:close()
local cases = {
    { 'nil', nil },
    { 'empty table', {} },
    { 'nested table', { a = { 1 } } },
    { 'empty nested table', { a = {} } },
    { 'array', { 1, 2, 3 } },
    { 'non-string key', { [1] = 'x', a = 'y' } },
    { 'function', print },
    { 'function member', { f = print } },
    { 'coroutine', coroutine.create(print) },
    { 'byte_span', byte_span.new(1) },
    { 'byte_span member', { b = byte_span.new(1) } },
    { 'metatable', setmetatable({ a = 1 }, {}) },
    { '256-byte string', long },
    { '256-byte key', { [long] = 1 } },
    { '21 members', many(21) },
    { 'closed fd', closed },
}
function run(ch)
    local out = {}
    for _, case in ipairs(cases) do
        local ok, err = pcall(ch.send, ch, case[2])
        out[#out + 1] = case[1] .. '=' .. (ok and 'sent' or tostring(err))
    end
    local ok = pcall(ch.send, ch, many(20))
    out[#out + 1] = '20 members=' .. (ok and 'sent' or 'refused')
    ok = pcall(ch.send, ch, string.rep('y', 255))
    out[#out + 1] = '255-byte string=' .. (ok and 'sent' or 'refused')
    r:close()
    return out
end
