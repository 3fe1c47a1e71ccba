-- A UNIX socket pathname with a NUL byte inside raises EINVAL naming the
-- argument, as the filesystem functions do, instead of being cut at the NUL
-- (which would bind or reach the file named by its first part). Abstract
-- names (first byte NUL, or "@" for dial/listen) stay bytes, NULs included.
local unix = require 'unix'
local fs = require 'filesystem'
local system = require 'system'

local dir = 'unix_path_nul.tmp'
fs.remove_all(fs.path.new(dir))
fs.create_directory(fs.path.new(dir))
local cut = dir .. '/s'
local bad = cut .. '\0tail'

local function show(label, ok, e)
    if type(e) == 'table' then
        print(label, ok, tostring(e), tostring(e.category), e.arg)
    else
        print(label, ok, e)
    end
end

local sa = unix.stream.acceptor.new()
sa:open()
show('stream acceptor bind', pcall(sa.bind, sa, bad))
show('stream acceptor bind (path)', pcall(sa.bind, sa, fs.path.new(dir) / 's\0tail'))
local ss = unix.stream.socket.new()
ss:open()
show('stream socket bind', pcall(ss.bind, ss, bad))
show('stream socket connect', pcall(ss.connect, ss, bad))
local qs = unix.seqpacket.socket.new()
qs:open()
show('seqpacket socket connect', pcall(qs.connect, qs, bad))
local ds = unix.datagram.socket.new()
ds:open()
show('datagram bind', pcall(ds.bind, ds, bad))
show('datagram connect', pcall(ds.connect, ds, bad))
show('datagram send_to', pcall(ds.send_to, ds, byte_span.append('x'), bad))
show('stream dial', pcall(unix.stream.dial, bad))
show('stream listen', pcall(unix.stream.listen, bad))
show('seqpacket listen', pcall(unix.seqpacket.listen, bad))
print('nothing was made at the cut name', not fs.exists(fs.path.new(cut)))

local abstract = '\0emilua-ts-nul-' .. system.getpid() .. '\0inside'
local receiver = unix.datagram.socket.new()
receiver:open()
receiver:bind(abstract)
print('abstract name with a NUL inside', tostring(receiver.local_path) == abstract)
fs.remove_all(fs.path.new(dir))
