-- regex: bad patterns raise the "regex" category's error of std::regex
-- (code and message), bad options and arguments raise EINVAL naming them.
local regex = require 'regex'

local function try(f, ...)
    local ok, e = pcall(f, ...)
    if ok then return 'ok' end
    -- (which function Lua's own message names is the traceback's business)
    if type(e) ~= 'table' then return (tostring(e):gsub("to '[^']*'", 'to <function>')) end
    local out = tostring(e.category) .. ' ' .. e.code .. ': ' .. tostring(e)
    if e.arg ~= nil then out = out .. ' (arg ' .. tostring(e.arg) .. ')' end
    if e.index ~= nil then out = out .. ' (index ' .. tostring(e.index) .. ')' end
    return out
end

local function compile(grammar, pattern)
    print(grammar, pattern, try(regex.new, { grammar = grammar, pattern = pattern }))
end

for _, p in ipairs{ '[[.ab.]]', '[[:nope:]]', 'a\\', '\\d', '[a', '(a', 'a)', 'a{2', 'a{2,1}', 'a{x}',
                    '[z-a]', '*a', 'a|+', '^*' } do
    compile('extended', p)
end
for _, p in ipairs{ '\\(a', 'a\\)', 'a\\{1', 'a\\{1,x\\}', '\\1', '\\(a\\1\\)', '\\(a\\)\\2', '\\{1\\}',
                    '\\n' } do
    compile('basic', p)
end
for _, p in ipairs{ '(a', 'a)', '[a', '*a', 'a{2,1}', '[z-a]', 'a\\', '(a)\\2', '(?<=a)b', '(?<n>a)' } do
    compile('ecma', p)
end
print('too many states', try(regex.new, { grammar = 'extended', pattern = string.rep('a{1000}', 200) }))

print('-- options')
print(try(regex.new, 'a'))
print(try(regex.new, { grammar = 'basic' }))
print(try(regex.new, { pattern = 'a' }))
print(try(regex.new, { pattern = 1, grammar = 'basic' }))
print(try(regex.new, { pattern = 'a', grammar = 'perl' }))
for _, opt in ipairs{ 'ignore_case', 'nosubs', 'optimize' } do
    print(opt, try(regex.new, { pattern = 'a', grammar = 'basic', [opt] = 1 }))
end

print('-- arguments')
local re = regex.new{ pattern = 'a', grammar = 'basic' }
for _, name in ipairs{ 'match', 'search', 'split', 'patsplit' } do
    print(name, try(regex[name], 'a', 'a'), try(regex[name], re, 1), try(regex[name], re, {}))
end
print(try(regex.match, re, 'a', 'x'), try(regex.search, re, 'a', {}))
print(try(regex.split, regex.new{ pattern = '(,)', grammar = 'extended' }, 'a,b'))
print(try(regex.patsplit, regex.new{ pattern = '(,)', grammar = 'ecma' }, 'a,b'))
print(try(function() return re.pattern end))
print(try(function() return re[1] end))

print('-- a match that would explore too many paths')
re = regex.new{ pattern = '\\(a*\\)*\\1b', grammar = 'basic' }
print(try(regex.search, re, string.rep('a', 40)))

print('-- nesting deeper than 1000 groups')
print(try(regex.new, { grammar = 'extended', pattern = string.rep('(', 999) .. 'a' .. string.rep(')', 999) }))
print(try(regex.new, { grammar = 'extended', pattern = string.rep('(', 5000) .. 'a' .. string.rep(')', 5000) }))
print(try(regex.new, { grammar = 'basic', pattern = string.rep('\\(', 5000) .. 'a' .. string.rep('\\)', 5000) }))
-- ECMAScript: more groups than V8 can number is error_space too, not a
-- parenthesis error.
print(try(regex.new, { grammar = 'ecma', pattern = string.rep('(', 50000) .. 'a' .. string.rep(')', 50000) }))
