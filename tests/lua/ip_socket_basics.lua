-- ip.tcp.socket / ip.tcp.acceptor / ip.udp.socket on the loopback
-- interfaces: open/bind/listen/accept/connect, endpoints, options, flags,
-- wait(), ip.connect with a condition, dial, IPv6, errors.
local ip = require 'ip'
local stream = require 'stream'

local function try(f, ...)
    local ok, e = pcall(f, ...)
    if ok then return 'ok' end
    if type(e) == 'table' then
        local extra = e.arg ~= nil and (' arg=' .. tostring(e.arg)) or ''
        return tostring(e.category) .. ': ' .. tostring(e) .. extra
    end
    return tostring(e)
end

print(getmetatable(ip.tcp.socket.new()), getmetatable(ip.tcp.acceptor.new()), getmetatable(ip.udp.socket.new()))

-- The long way round: acceptor.new/open/set_option/bind/listen.
local acceptor = ip.tcp.acceptor.new()
print('open', try(acceptor.open, acceptor, 'v5'), try(acceptor.open, acceptor, 'v4'))
acceptor:set_option('reuse_address', true)
print('reuse_address', acceptor:get_option('reuse_address'), acceptor:get_option('enable_connection_aborted'))
acceptor:bind('127.0.0.1', 0)
acceptor:listen()
local port = acceptor.local_port
print('bound', tostring(acceptor.local_address), port > 0)

local served = spawn(function()
    acceptor:wait('read')
    local s = acceptor:accept()
    print('server sees', tostring(s.local_address), s.local_port == port)
    local buf = byte_span.new(64)
    local n = s:receive(buf, {'peek'})
    local m = s:receive(buf)
    print('peeked then read', n, m, tostring(buf:sub(1, m)))
    stream.write_all(s, 'bye')
    s:close()
end)

local c = ip.tcp.socket.new()
print('unopened', c.is_open, try(function() return c.local_port end))
-- connect() opens the socket in the address's family.
c:connect(ip.address.loopback_v4(), port)
print('connected', c.is_open, tostring(c.remote_address), c.remote_port == port, c.local_port > 0)
print('send', c:send(byte_span.append('hello'), {}))
served:join()
local buf = byte_span.new(64)
print('reply', tostring(buf:sub(1, stream.read_at_least(c, buf, 3))))
print('eof', try(c.read_some, c, buf))

-- Options.
c:set_option('keep_alive', true)
c:set_option('linger', true, 5)
print('options', c:get_option('keep_alive'), c:get_option('linger'))
c:set_option('linger', false, 0)
print('linger off', c:get_option('linger'))
print('bad value', (pcall(c.set_option, c, 'tcp_no_delay', 1)))
print('not an option', try(c.set_option, c, 'broadcast', true))
print('at_mark', c.at_mark)
print('send_file', try(c.send_file))
print('bad flags', try(c.receive, c, buf, {'sideways'}))
c:close()
print('closed', try(c.write_some, c, buf), try(function() return c.remote_port end))

-- ip.connect tries the entries in order and returns the one that worked.
local closed_port
do
    local probe = ip.tcp.acceptor.new()
    probe:open('v4')
    probe:bind('127.0.0.1', 0)
    closed_port = probe.local_port
    probe:close()
end
local entries = {
    { address = ip.address.loopback_v4(), port = closed_port },
    { address = ip.address.loopback_v4(), port = port },
}
local accepted = spawn(function() acceptor:accept():close() end)
local s2 = ip.tcp.socket.new()
local tried = {}
local chosen = ip.connect(s2, entries, function(err, entry)
    tried[#tried + 1] = (entry.port == port) and 'open port' or 'closed port'
    return true
end)
print('ip.connect', chosen.port == port, table.concat(tried, ', '), s2.is_open)
accepted:join()
s2:close()
print('all refused', try(ip.connect, ip.tcp.socket.new(), { entries[1] }))
print('none tried', try(ip.connect, ip.tcp.socket.new(), entries, function() return false end))
print('empty', try(ip.connect, ip.tcp.socket.new(), {}))

-- dial() resolves (here a numeric host) and connects.
spawn(function() acceptor:accept():close() end):detach()
local d = ip.tcp.dial('127.0.0.1:' .. port)
print('dial', d.remote_port == port)
d:close()
print('dial refused', try(ip.tcp.dial, '127.0.0.1:' .. closed_port))
print('dial bad', try(ip.tcp.dial, 'no port'))
acceptor:close()

-- IPv6 loopback.
local six = ip.tcp.listen('[::1]:0')
spawn(function()
    local s = six:accept()
    stream.write_all(s, 'over v6')
    s:close()
end):detach()
local c6 = ip.tcp.dial('[::1]:' .. six.local_port)
print('v6', tostring(c6.remote_address), tostring(buf:sub(1, stream.read_at_least(c6, buf, 7))))
print('v6_only', c6:get_option('v6_only') ~= nil)
c6:close()
six:close()

-- UDP.
local u1 = ip.udp.socket.new()
u1:open('v4')
u1:bind('127.0.0.1', 0)
local u2 = ip.udp.socket.new()
u2:open(ip.address.loopback_v4())
u2:connect(u1.local_address, u1.local_port)
u2:send(byte_span.append('one'))
u2:send_to(byte_span.append('two'), u1.local_address, u1.local_port)
local n, from, fport = u1:receive_from(buf)
print('udp', n, tostring(buf:sub(1, n)), tostring(from), fport == u2.local_port)
n = u1:receive(buf)
print('udp', n, tostring(buf:sub(1, n)))
u2:send(byte_span.new(0))
print('empty datagram', u1:receive(buf))
u1:set_option('broadcast', true)
u1:set_option('multicast_hops', 3)
u1:set_option('multicast_loop', false)
print('udp options', u1:get_option('broadcast'), u1:get_option('multicast_hops'), u1:get_option('multicast_loop'))
u2:disconnect()
print('disconnected', try(function() return u2.remote_port end))
u1:close()
u2:close()
