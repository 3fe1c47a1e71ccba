-- regex: what match, search, split and patsplit return for strings and
-- byte_spans, the properties of a regex, and regex.match_flag.
local regex = require 'regex'

local function list(t)
    local out = {}
    for i, v in ipairs(t) do out[i] = '[' .. tostring(v) .. ']' end
    return #t .. ' ' .. table.concat(out)
end

local ere = function(p) return regex.new{ pattern = p, grammar = 'extended' } end

print('-- properties')
local re = regex.new{ pattern = '(a)(b)?', grammar = 'extended', ignore_case = true, optimize = true }
print(re.mark_count, re.grammar, re.ignore_case, re.nosubs, re.optimized, getmetatable(re))
re = regex.new{ pattern = 'a', grammar = 'ecma', nosubs = false, ignore_case = false }
print(re.mark_count, re.grammar, re.ignore_case, re.nosubs, re.optimized)

print('-- match')
local s = 'k=v'
print(regex.match(ere('k=v'), s) == s)        -- no groups: the subject itself
local span = byte_span.append('key=value')
print(rawequal(regex.match(ere('.*'), span), span))
local k, v = regex.match(ere('([^=]*)=(.*)'), span)
print(getmetatable(k), k, v, #v, v.capacity)   -- spans into the subject's memory
v[1] = string.byte('V')
print(span)
local a, b = regex.match(ere('(x)|(y)'), byte_span.append('y'))
print(#a, a.capacity, b)                       -- a group that did not match: an empty span
print(regex.match(ere('a'), 'ab'), regex.match(ere(''), ''))

print('-- search')
local r = regex.search(ere('b(c)?(d)'), 'abd')
print(r.empty, r[0].start, r[0].end_, r[1], r[2].start, r[2].end_)
r = regex.search(ere('x*'), 'ab')              -- an empty match at the start
print(r.empty, r[0].start, r[0].end_)
r = regex.search(ere('$'), 'ab')
print(r.empty, r[0].start, r[0].end_)
r = regex.search(ere('z'), byte_span.append('ab'))
print(r.empty, r[0])

print('-- split: separators are never empty; leading empty field kept, trailing dropped')
print(list(regex.split(ere(','), 'a,b,,c')))
print(list(regex.split(ere(','), ',a,')))
print(list(regex.split(ere(',*'), 'a,,b')))
print(list(regex.split(ere('x*'), 'abc')))
print(list(regex.split(ere(','), '')))
print(list(regex.split(ere(','), ',')))
print(list(regex.split(regex.new{ pattern = '[[:space:]][[:space:]]*', grammar = 'basic' }, ' two  words ')))
local parts = regex.split(ere(';'), byte_span.append('p;q'))
print(getmetatable(parts[1]), list(parts))

print('-- patsplit: fields are the matches; empty matches count')
print(list(regex.patsplit(ere('[0-9]+'), 'a1b22c333')))
print(list(regex.patsplit(ere('[^,]*'), 'a,,b,')))
print(list(regex.patsplit(ere('a'), 'aab')))    -- the search resumes one byte past a match
print(list(regex.patsplit(ere('z'), 'abc')))
print(list(regex.patsplit(regex.new{ pattern = '[0-9]+', grammar = 'ecma' }, byte_span.append('1x2'))))

print('-- ecma split and patsplit')
local ecma = function(p) return regex.new{ pattern = p, grammar = 'ecma' } end
print(list(regex.split(ecma(',|;'), 'a;b,c')), list(regex.split(ecma(',*'), ',a,,b,')))
print(list(regex.patsplit(ecma('\\w+'), 'hi, you')))

print('-- match_flag')
local f = regex.match_flag
local names = {}
for name, bit in pairs(f) do names[#names + 1] = name .. '=' .. bit end
table.sort(names)
print(table.concat(names, ' '))
for _, g in ipairs{ 'extended', 'ecma' } do
    local function found(p, subject, flags)
        return not regex.search(regex.new{ pattern = p, grammar = g }, subject, flags).empty
    end
    local function range(p, subject, flags)
        local r = regex.search(regex.new{ pattern = p, grammar = g }, subject, flags)
        return r.empty and 'none' or (r[0].start .. '..' .. r[0].end_)
    end
    print(g, 'not_bol', found('^a', 'ab'), found('^a', 'ab', f.not_bol))
    print(g, 'not_eol', found('b$', 'ab'), found('b$', 'ab', f.not_eol))
    print(g, 'not_null', range('x*', 'abxx'), range('x*', 'abxx', f.not_null), range('x*', 'ab', f.not_null))
    print(g, 'continuous', range('b', 'ab'), range('b', 'ab', f.continuous), range('a', 'ab', f.continuous))
    print(g, 'any', range('a', 'ba', f.any))
    print(g, 'match+not_null', regex.match(regex.new{ pattern = 'x*', grammar = g }, '', f.not_null))
end
local function wb(p, subject, flags)
    return not regex.search(regex.new{ pattern = p, grammar = 'ecma' }, subject, flags).empty
end
print('ecma', 'not_bow', wb('\\ba', 'a'), wb('\\ba', 'a', f.not_bow), wb('\\Ba', 'a', f.not_bow))
print('ecma', 'not_eow', wb('a\\b', 'a'), wb('a\\b', 'a', f.not_eow), wb('a\\B', 'a', f.not_eow))
