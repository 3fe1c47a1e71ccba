-- Name resolution through getaddrinfo/getnameinfo on the thread pool, for
-- names /etc/hosts answers (no DNS server is asked): every result for
-- localhost is a loopback address with the port asked for.
local ip = require 'ip'

local function summary(results)
    local loopback, v4, port80 = 0, 0, 0
    for _, r in ipairs(results) do
        if r.address.is_loopback then loopback = loopback + 1 end
        if tostring(r.address) == '127.0.0.1' then v4 = v4 + 1 end
        if r.port == 80 then port80 = port80 + 1 end
    end
    return #results > 0, loopback == #results, v4 > 0, port80 == #results
end

print('tcp', summary(ip.tcp.get_address_info('localhost', 80)))
print('udp', summary(ip.udp.get_address_info('localhost', '80')))
print('v4', summary(ip.tcp.get_address_v4_info('localhost', 80)))

local numeric = ip.tcp.get_address_info(ip.address.new('127.0.0.1'), 8080)
print('numeric', #numeric, tostring(numeric[1].address), numeric[1].port, numeric[1].canonical_name)

local named = ip.tcp.get_address_info('127.0.0.1', 80, {'canonical_name'})
print('canonical', named[1].canonical_name)

local mapped = ip.tcp.get_address_v6_info('127.0.0.1', 80, {'v4_mapped'})
print('v4 mapped', tostring(mapped[1].address), mapped[1].address.is_v4_mapped)

local passive = ip.udp.get_address_v4_info('0.0.0.0', 0, {'passive'})
print('passive', tostring(passive[1].address))

local ok, err = pcall(ip.tcp.get_address_info, '127.0.0.1', 'no-such-service-for-emilua-ts')
print('bad service', ok, tostring(err.category), tostring(err))
print('bad flag', pcall(ip.tcp.get_address_info, 'localhost', 80, {'sideways'}))
print('bad host', pcall(ip.tcp.get_address_info, {}, 80))

local names = ip.tcp.get_name_info(ip.address.loopback_v4(), 80)
print('name info', #names, type(names[1].host_name), type(names[1].service_name))
print('host name', type(ip.host_name()))

-- Cancelling a fiber waiting for a lookup ends its wait at once.
local f = spawn(function()
    print('lookup', pcall(ip.tcp.get_address_info, 'localhost', 80))
end)
this_fiber.yield()
f:cancel()
f:join()
