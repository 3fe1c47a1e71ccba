-- LuaJIT's io library: open modes, every read format, lines (with formats and
-- closing at the end), seek, read/write on one file, tmpfile, default files,
-- and failures as LuaJIT returns them (nil, message, errno).
local system = require 'system'
local fs = require 'filesystem'

local dir = '/tmp/emilua-ts-io_library-' .. system.getpid()
local function show(...)
    local out = {}
    for i = 1, select('#', ...) do
        local v = select(i, ...)
        out[i] = type(v) == 'string' and (v:gsub(dir:gsub('%p', '%%%0'), '<dir>')) or tostring(v)
    end
    print(table.concat(out, '\t'))
end

fs.create_directory(fs.path.new(dir))
local name = dir .. '/a.txt'

show('open missing', io.open(dir .. '/nope.txt'))
show('bad mode', pcall(io.open, name, 'rw'))

local f = assert(io.open(name, 'w'))
show('type', io.type(f), tostring(f):match('^file %(0x%x+%)$') ~= nil)
show('write returns the file', f:write('line one\n', 'line two\n', 42, ' ', 1.5, '\n', 'no newline') == f)
show('close', f:close(), io.type(f), tostring(f))
show('use after close', pcall(f.read, f))

f = assert(io.open(name))
show('default format', f:read())
show('L keeps the newline', f:read('*L'))
show('numbers', f:read('*n', 'n'))
show('the rest', f:read('*a'))
show('at the end', f:read('*a'), f:read('*l'), f:read(0), f:read(5))
show('seek', f:seek('set', 5), f:read(3), f:seek(), f:seek('end'), f:seek('cur', -3), f:read(10))
show('bad whence', pcall(f.seek, f, 'middle'))
f:close()

local lines = {}
for line in io.lines(name) do lines[#lines + 1] = '[' .. line .. ']' end
show('io.lines', table.concat(lines))
local chunks = 0
for four, one in io.lines(name, 4, 1) do chunks = chunks + 1 end
show('io.lines with formats', chunks)
show('io.lines of a missing file', pcall(io.lines, dir .. '/missing'))

f = assert(io.open(name, 'r+'))
show('read then write', f:read(4), f:write('XX') == f, f:seek('set', 0), f:read('*l'))
f:close()

f = assert(io.open(name, 'a+'))
f:write('\nappended')
f:seek('set', 0)
local all = f:read('*a')
show('append', #all, all:sub(-8))
f:close()

local t = io.tmpfile()
t:write('temp data')
t:seek('set')
show('tmpfile', t:read('*a'), t:close())

show('standard files', io.stdout:close())
show('io.type', io.type(io.stdout), io.type(42), io.output() == io.stdout, io.input() == io.stdin)
show('setvbuf', io.stdout:setvbuf('no'), (pcall(io.stdout.setvbuf, io.stdout, 'bogus')))

io.output(dir .. '/out.txt')
io.write('written through io.output')
io.close()
io.output(io.stdout)
io.input(dir .. '/out.txt')
show('io.read', io.read('*a'))
io.input(io.stdin)
show('io.input of a missing file', pcall(io.input, dir .. '/missing'))
show('reading a directory', io.open(dir, 'r'):read(1))

os.remove(name)
os.remove(dir .. '/out.txt')
os.remove(dir)

-- Bad input: a NUL in a name, fractional and infinite offsets.
show('NUL in a name', io.open('a\0b'))
local null = assert(io.open('/dev/null'))
show('fractional offset', null:seek('set', 1.5), null:seek('cur', 1 / 0))
null:close()
