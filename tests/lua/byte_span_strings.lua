-- byte_span's string algorithms (1-based results, nil when not found),
-- trimmed() and the ASCII in-place case changes. Patterns are plain octets.
local byte_span = require 'byte_span'

local function try(f, ...)
    local ok, err = pcall(f, ...)
    if ok then return 'ok' end
    return tostring(err) .. (err.arg and (' arg=' .. err.arg) or '')
end

local s = byte_span.append('one.two.three')
local dot = byte_span.append('.')

print('starts_with', s:starts_with('one'), s:starts_with(''), s:starts_with('two'),
      s:starts_with(byte_span.append('one.')), s:starts_with('one.two.three.'))
print('ends_with', s:ends_with('three'), s:ends_with(''), s:ends_with('one'),
      s:ends_with(byte_span.append('.three')), s:ends_with('xone.two.three'))

print('find', s:find('.'), s:find(dot), s:find('two'), s:find('.', 5), s:find('.', 9),
      s:find('x'), s:find('e', 13), s:find('e', 14))
print('find empty', s:find(''), s:find('', 7), s:find(nil, 3), s:find('', 14))
print('find special chars', byte_span.append('a.b%c'):find('%'), byte_span.append('a.b%c'):find('.'))
print('find start 0', try(s.find, s, '.', 0))
print('find start 15', try(s.find, s, '.', 15))

print('rfind', s:rfind('.'), s:rfind(dot, 7), s:rfind('.', 3), s:rfind('one'), s:rfind('three', 9),
      s:rfind('three', 8), s:rfind('e', 0))
print('rfind empty', s:rfind(''), s:rfind('', 4), s:rfind(nil))
print('rfind end -1', try(s.rfind, s, '.', -1))
print('rfind end 14', try(s.rfind, s, '.', 14))

local kv = byte_span.append('  key = value ;')
print('find_first_of', kv:find_first_of('=;'), kv:find_first_of('=;', 8), kv:find_first_of('#'),
      kv:find_first_of(''), kv:find_first_of(byte_span.append('y')))
print('find_last_of', kv:find_last_of('ke'), kv:find_last_of('k', 2), kv:find_last_of('=', 7),
      kv:find_last_of(''))
print('find_first_not_of', kv:find_first_not_of(' '), kv:find_first_not_of(' key'),
      kv:find_first_not_of(''), kv:find_first_not_of('', 4), kv:find_first_not_of(' ', 16))
print('find_last_not_of', kv:find_last_not_of(' ;'), kv:find_last_not_of(''),
      kv:find_last_not_of(' ', 2), kv:find_last_not_of(' ', 0))
print('find_first_of start 17', try(kv.find_first_of, kv, 'k', 17))
print('find_last_not_of end 16', try(kv.find_last_not_of, kv, 'k', 16))

local empty = byte_span.new(0)
print('empty span', empty:find(''), empty:find('a'), empty:rfind(''), empty:starts_with(''),
      empty:find_first_not_of('a'), empty:find_last_of('a'))

-- trimmed
local function quoted(bs) return '[' .. tostring(bs) .. ']' end
print('trimmed', quoted(byte_span.append(' \t\r\n\v\fword\f\v\n\r\t '):trimmed()))
print('trimmed inner', quoted(byte_span.append('  two words  '):trimmed()))
print('trimmed set', quoted(byte_span.append('--==x=y==--'):trimmed('-=')))
print('trimmed span set', quoted(byte_span.append('xxhixx'):trimmed(byte_span.append('x'))))
print('trimmed nothing', quoted(byte_span.append('abc'):trimmed('')), quoted(byte_span.append('abc'):trimmed()))
local blank = byte_span.append('    '):trimmed()
print('trimmed blank', quoted(blank), #blank, blank.capacity)
print('trimmed nul', quoted(byte_span.append('\0\0ok\0'):trimmed('\0')))

-- ASCII case changes in place; other octets are untouched
local mixed = byte_span.append('/AaZz@[`{09 \200\255')
mixed:inplace_lower()
print('inplace_lower', tostring(mixed) == '/aazz@[`{09 \200\255', (tostring(mixed):gsub('[\128-\255]', '?')))
mixed:inplace_upper()
print('inplace_upper', tostring(mixed) == '/AAZZ@[`{09 \200\255', (tostring(mixed):gsub('[\128-\255]', '?')))
print('returns nothing', select('#', mixed:inplace_lower()))
local word = byte_span.append('Hello World')
word:sub(7):inplace_upper()
word:first(5):inplace_lower()
print('on slices', tostring(word))
local wide = byte_span.new(2, 4)
wide:sub(1, 4):copy('abcd')
wide:inplace_upper()
print('only the length', tostring(wide:sub(1, 4)))
