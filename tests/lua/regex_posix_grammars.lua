-- regex, grammars "basic" and "extended": POSIX syntax read as std::regex
-- reads it, and POSIX's leftmost-longest rule for the overall match.
local regex = require 'regex'

-- Bytes outside printable ASCII are shown as \xHH.
local function visible(s)
    return (tostring(s):gsub('[^\32-\126]', function(c) return string.format('\\x%02x', c:byte()) end))
end

local function caps(...)
    local out = {}
    for i = 1, select('#', ...) do out[i] = '<' .. visible((select(i, ...))) .. '>' end
    return table.concat(out, ' ')
end

local function m(pattern, grammar, subject, opts)
    opts = opts or {}
    opts.pattern, opts.grammar = pattern, grammar
    return caps(regex.match(regex.new(opts), subject))
end

local function where(pattern, grammar, subject)
    local r = regex.search(regex.new{ pattern = pattern, grammar = grammar }, subject)
    if r.empty then return 'no match' end
    return r[0].start .. '..' .. r[0].end_ .. ' ' .. visible(subject:sub(r[0].start, r[0].end_))
end

print('-- extended')
print(m('(a|ab)(c|bcd)(d*)', 'extended', 'abcd'))      -- longest overall, left alternative first
print(where('(ab)?(abcd)?', 'extended', 'abcd'))         -- the optional that leads to the longer match
print(where('x+|x+y+', 'extended', 'axxyyb'))            -- the second alternative is longer
print(where('[0-9]{2,3}', 'extended', 'a12345'))         -- greedy up to the bound
print(m('a{3}', 'extended', 'aaa'), m('a{3}', 'extended', 'aa'))
print(m('a{2,}', 'extended', 'aaaaa'), m('(ab){0,1}c', 'extended', 'c'))
print(m('^a.c$', 'extended', 'abc'), m('a.c', 'extended', 'a\nc'), m('a.c', 'extended', 'a\0c'))
print(m('[[:digit:]]+[[:space:]][[:alpha:]_]+', 'extended', '42 foo_bar'))
print(m('[]a]+', 'extended', ']a]'), m('[^]a]', 'extended', 'b'), m('[a-]+', 'extended', '-a-'))
print(m('[[.-.]x]+', 'extended', 'x-x'), m('[[=e=]]', 'extended', 'e'))
print(m('\\.\\*\\+\\?\\(\\)\\{\\}\\|\\^\\$\\[\\]\\\\', 'extended', '.*+?(){}|^$[]\\'))
print(m('a|b|', 'extended', ''), m('()', 'extended', ''))
print(m('(a*)+b', 'extended', 'aab'))
print(m('(x)|(y)', 'extended', 'y'))                     -- a group that took no part gives ""

print('-- basic')
print(m('\\(ab\\)*c', 'basic', 'ababc'))
print(m('a|b', 'basic', 'a|b'), m('a+?', 'basic', 'a+?'), m('(x){1}', 'basic', '(x){1}'))
print(m('x\\{2,3\\}', 'basic', 'xxx'), m('x\\{2,3\\}', 'basic', 'xxxx'))
print(m('*a', 'basic', '*a'), m('\\(*a\\)', 'basic', '*a'), m('^*a', 'basic', '*a'))
print(m('a^b$c', 'basic', 'a^b$c'), m('^ab$', 'basic', 'ab'))
print(m('\\([a-c]*\\)-\\1', 'basic', 'abc-abc'), m('\\([a-c]*\\)-\\1', 'basic', 'abc-ab'))
print(where('\\(a*\\)b\\1', 'basic', 'xaabaaa'))         -- back-references: longest still
print(m('\\(x\\)\\(y\\)\\2\\1', 'basic', 'xyyx'))

print('-- ignore_case (C locale: ASCII letters only)')
print(m('[a-c]+X', 'extended', 'AbCx', { ignore_case = true }))
print(m('[^a]', 'extended', 'A', { ignore_case = true }))
print(m('[[:lower:]]+', 'extended', 'ABC', { ignore_case = true }))
print(m('\xc3\xa9', 'extended', '\xc3\x89', { ignore_case = true }))
print(m('\\(a\\)\\1', 'basic', 'aA', { ignore_case = true }))

print('-- nosubs')
local re = regex.new{ pattern = '(a)(b)', grammar = 'extended', nosubs = true }
print(re.mark_count, caps(regex.match(re, 'ab')))

print('-- bytes 0x80..0xff are plain bytes')
print(m('[\x80-\xff]+', 'extended', '\xc3\xa9\xff'), m('.', 'extended', '\xff'))
print(where('\xff+', 'extended', 'a\xff\xffb'))
print(m('[^a]', 'extended', '\x80'))
