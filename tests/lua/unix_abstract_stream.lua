-- unix.stream.listen/dial on an abstract name ("@..."): the listener accepts,
-- both ends talk through stream.write_all and a scanner, and the names read
-- back with a leading NUL byte (shown here as "@").
local unix = require 'unix'
local stream = require 'stream'
local system = require 'system'

local name = '@emilua-ts-test-' .. system.getpid()
local acceptor = unix.stream.listen(name)
local function shown(path) return (tostring(path):gsub('%z', '@')) end
print('listening', shown(acceptor.local_path) == name)

local server = spawn(function()
    local s = acceptor:accept()
    print('accepted', shown(s.local_path) == name)
    local scanner = stream.scanner.new{ stream = s }
    while true do
        local ok, line = pcall(scanner.get_line, scanner)
        if not ok then break end
        stream.write_all(s, tostring(line):upper() .. '\n')
    end
    s:close()
end)

local c = unix.stream.dial(name)
print('dialed', shown(c.remote_path) == name)
local replies = stream.scanner.new{ stream = c }
for _, word in ipairs{'alpha', 'beta', 'gamma'} do
    stream.write_all(c, word .. '\n')
    print(tostring(replies:get_line()))
end
c:shutdown('send')
server:join()
print('end of file', pcall(c.read_some, c, byte_span.new(1)))
acceptor:close()

-- Nobody listens on this name any more.
local ok, err = pcall(unix.stream.dial, name)
print('dial after close', ok, tostring(err))

-- seqpacket too, with a mode (ignored for abstract names: no file).
local sp = unix.seqpacket.listen(name .. '-sp', 384)
spawn(function()
    local s = sp:accept()
    local buf = byte_span.new(16)
    local n = s:receive(buf)
    s:send(buf:sub(1, n))
end):detach()
local cs = unix.seqpacket.dial(name .. '-sp')
cs:send(byte_span.append('ping'))
local buf = byte_span.new(16)
print('seqpacket', tostring(buf:sub(1, cs:receive(buf))))
