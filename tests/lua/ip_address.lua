-- ip.address: parsing, printing, predicates, conversions, ordering, and
-- ip.tostring / ip.toendpoint.
local ip = require 'ip'

local function try(f, ...)
    local ok, e = pcall(f, ...)
    if ok then return 'ok' end
    if type(e) == 'table' then
        local extra = e.arg ~= nil and (' arg=' .. tostring(e.arg)) or ''
        return tostring(e.category) .. ': ' .. tostring(e) .. extra
    end
    return tostring(e)
end

local A = ip.address
print(getmetatable(A.new()), tostring(A.new()))
for _, text in ipairs{'127.0.0.1', '10.1.2.3', '::1', '2001:db8::1', '::ffff:192.0.2.1',
                      'ff02::1', 'fe80::1%4000000', '2001:db8::1%42', '0:0:0:0:0:0:0:0'} do
    local a = A.new(text)
    print(text, tostring(a), a.is_v4, a.is_v6, a.is_loopback, a.is_multicast, a.is_unspecified)
end
for _, bad in ipairs{'256.1.1.1', '1.2.3', '01.2.3.4', 'localhost', ''} do
    print('bad ' .. bad, try(A.new, bad))
end
print('bad type', try(A.new, 42))

print('constants', tostring(A.any_v4()), tostring(A.any_v6()), tostring(A.loopback_v4()),
      tostring(A.loopback_v6()), tostring(A.broadcast_v4()))

local v6 = A.new('fe80::1')
print('v6 only', v6.is_link_local, v6.is_site_local, v6.is_v4_mapped, v6.scope_id)
v6.scope_id = 3
print('scope set', v6.scope_id, tostring(v6):match('^fe80::1%%') ~= nil)
print('v6 only on v4', try(function() return A.loopback_v4().is_link_local end))
print('scope on v4', try(function() A.loopback_v4().scope_id = 1 end))
local m = A.new('ff0e::1')
print('multicast', m.is_multicast_global, m.is_multicast_link_local, A.new('ff02::1').is_multicast_link_local,
      A.new('ff01::1').is_multicast_node_local, A.new('ff05::1').is_multicast_site_local,
      A.new('ff08::1').is_multicast_org_local)

local v4 = A.new('192.0.2.33')
print('to_v6', tostring(v4:to_v6()), tostring(v4:to_v6():to_v4()))
print('to_v4 of v6', try(A.loopback_v6().to_v4, A.loopback_v6()))
print('to_v6 of v6', try(A.loopback_v6().to_v6, A.loopback_v6()))

print('eq', A.new('127.0.0.1') == A.loopback_v4(), A.new('::1') == A.loopback_v6(), A.loopback_v4() == A.loopback_v6())
print('lt', A.new('10.0.0.1') < A.new('10.0.0.2'), A.new('255.255.255.255') < A.new('::'),
      A.new('::2') <= A.new('::1'), A.new('::1') <= A.new('::1'))
print('lt bad', try(function() return A.loopback_v4() < 1 end))
print('bad key', try(function() return A.loopback_v4().nope end))

print('tostring', ip.tostring(A.loopback_v4()), ip.tostring(A.loopback_v4(), 80), ip.tostring(A.loopback_v6(), 443))
print('tostring bad', try(ip.tostring, '127.0.0.1'))
print('toendpoint', ip.toendpoint('127.0.0.1:8080'))
print('toendpoint', ip.toendpoint('[::1]:0'))
for _, bad in ipairs{'127.0.0.1', '127.0.0.1:08', '127.0.0.1:70000', '[127.0.0.1]:80', '::1:80', 'host:80', '1.2.3.4:x'} do
    print('toendpoint ' .. bad, try(ip.toendpoint, bad))
end
