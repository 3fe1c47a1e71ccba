-- regex, grammar "ecma": JavaScript-style syntax on bytes, first match in
-- backtracking order (not the longest), C-locale classes and case folding.
local regex = require 'regex'

local function visible(s)
    return (tostring(s):gsub('[^\32-\126]', function(c) return string.format('\\x%02x', c:byte()) end))
end

local function caps(...)
    local out = {}
    for i = 1, select('#', ...) do out[i] = '<' .. visible((select(i, ...))) .. '>' end
    return table.concat(out, ' ')
end

local function m(pattern, subject, opts)
    opts = opts or {}
    opts.pattern, opts.grammar = pattern, 'ecma'
    return caps(regex.match(regex.new(opts), subject))
end

local function where(pattern, subject, opts)
    opts = opts or {}
    opts.pattern, opts.grammar = pattern, 'ecma'
    local re = regex.new(opts)
    local r = regex.search(re, subject)
    if r.empty then return 'no match' end
    local out = {}
    for i = 0, re.mark_count do
        out[#out + 1] = r[i] and (r[i].start .. '..' .. r[i].end_) or 'nil'
    end
    return table.concat(out, ' ')
end

print('-- first match, not the longest')
print(where('a|ab', 'xab'), where('(a|ab)(c|bcd)', 'abcd'))
print(m('a|ab', 'ab'))                       -- match() still needs the whole subject
print(where('a+?', 'aaa'), where('a*?b', 'aab'))

print('-- syntax')
print(m('(\\d+)-(\\w+)\\s(\\S)', '12-ab_9 !'))
print(m('(?:ab)+(?=c)c', 'ababc'), m('a(?!b).', 'ac'), m('a(?!b).', 'ab'))
print(m('(["\'])(.*)\\1', '"q"'), m('\\bfoo\\b', 'foo'), where('\\Boo', 'foo'))
print(m('[\\d\\-]+', '1-2'), m('\\x41\\u0042\\cJ', 'AB\n'), m('.', '\n'), m('[^]', '\n'))
print(m('a{2}b{1,}c{0,1}', 'aabbc'))

print('-- C locale: \\s, \\w and ignore_case stay in ASCII')
print(m('\\s', '\xa0'), m('\\w', '\xe9'), m('\\W', '\xe9'))
print(m('ABC', 'abc', { ignore_case = true }), m('[a-z]+', 'MiXeD', { ignore_case = true }))
print(m('\xe9', '\xc9', { ignore_case = true }), m('\\xe9', '\xc9', { ignore_case = true }))

print('-- bytes 0x80..0xff')
print(m('[\\x80-\\xff]+', '\xc3\xa9\xff'), m('[\x80-\xff]+', '\xc3\xa9'), m('\\u00ff', '\xff'))
print(m('[\\x00-\\xff]*', 'a\xffz'), m('[^\\x00-\\x7f]', '\x80'), m('[^\\x00-\\x7f]', 'a'))
print(where('\xff\xfe', 'ab\xff\xfe'))      -- offsets count bytes

print('-- nosubs')
local re = regex.new{ pattern = '(a)(b)', grammar = 'ecma', nosubs = true }
print(re.mark_count, caps(regex.match(re, 'ab')))
