-- extra_fds put descriptors at exactly the numbers given (3..9), stdin,
-- stdout and stderr follow their options, and nothing else is open in the
-- child: the parent lists /proc/<pid>/fd once the child (cat) has echoed a
-- line, so it is past its start-up and blocked reading.
local system = require 'system'
local pipe = require 'pipe'
local stream = require 'stream'
local fs = require 'filesystem'

local function target(path)
    return tostring(fs.read_symlink(fs.path.new(path)))
end

local function fd_number(fd)
    return tonumber(tostring(fd):match('%d+$'))
end

local in_r, in_w = pipe.pair()
local out_r, out_w = pipe.pair()
local _, extra_w = pipe.pair()
local extra_r, _ = pipe.pair()
in_r, out_w = in_r:release(), out_w:release()
local a, b = extra_w:release(), extra_r:release()
local dir = fs.open(fs.path.new('/tmp'), { 'directory', 'read_only' })

local child = system.spawn{
    program = 'cat', arguments = {'cat'},
    stdin = in_r, stdout = out_w,
    extra_fds = { [3] = a, [5] = b, [9] = dir, [12] = a, foo = b },
}
in_r:close()
out_w:close()

stream.write_all(in_w, 'ready\n')
print('echo:', stream.scanner.new{ stream = out_r }:get_line())

local names = {}
for entry in fs.directory_iterator(fs.path.new('/proc/' .. child.pid .. '/fd')) do
    names[#names + 1] = tonumber(tostring(entry.path.filename))
end
table.sort(names)
print('open in the child:', table.concat(names, ' '))

local function same(child_fd, parent_fd)
    return target('/proc/' .. child.pid .. '/fd/' .. child_fd) == target('/proc/self/fd/' .. parent_fd)
end
print('2 is a pipe of its own:', target('/proc/' .. child.pid .. '/fd/2'):match('^pipe:') ~= nil, not same(2, 2))
print('3, 5, 9 as given:', same(3, fd_number(a)), same(5, fd_number(b)), same(9, fd_number(dir)))

in_w:close()
child:wait()
print('cat ends at end of input:', child.exit_code, child.exit_signal)
