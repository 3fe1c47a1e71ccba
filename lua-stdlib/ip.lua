-- Parts of require 'ip' that chain several suspending calls: ip.connect
-- (try each resolved endpoint in turn) and the dial() helpers of ip.tcp and
-- ip.udp (resolve, then connect). Run once per VM by
-- runtime/modules/ip/index.ts with the host's helpers in `host`; returns
-- { connect = ..., make_dial = ... }.
local host = ...

local pcall, error, type = host.pcall, host.error, host.type
local not_found = host.not_found          -- () -> fresh asio.misc not_found error
local raise_einval = host.raise_einval    -- (arg)
local is_canceled = host.is_canceled      -- (err) -> boolean
local toendpoint2 = host.toendpoint2      -- (ep) -> host, service

-- connect(sock, endpoints[, condition]) -> the endpoint entry that connected.
-- As Asio's range connect: before each attempt the socket is closed (connect
-- opens it again in the endpoint's family); `condition(last_error, entry)`
-- may skip an entry; when no entry is tried the error is not_found.
local function connect(sock, endpoints, condition)
    if type(endpoints) ~= 'table' then raise_einval(2) end
    if condition ~= nil and type(condition) ~= 'function' then raise_einval(3) end
    local last_error = nil
    local i = 0
    while true do
        i = i + 1
        local entry = endpoints[i]
        if entry == nil then break end
        if condition == nil or condition(last_error or not_found(), entry) then
            if sock.is_open then sock:close() end
            local ok, err = pcall(sock.connect, sock, entry.address, entry.port)
            if ok then return entry end
            if is_canceled(err) then error(err, 0) end
            last_error = err
        end
    end
    error(last_error or not_found(), 0)
end

-- dial(ep) for one protocol: "host:service" (an IPv6 host in brackets).
local function make_dial(get_address_info, socket_new)
    return function(ep)
        if type(ep) ~= 'string' then raise_einval(1) end
        local host_name, service = toendpoint2(ep)
        local results = get_address_info(host_name, service)
        local sock = socket_new()
        local ok, err = pcall(connect, sock, results)
        if not ok then
            if sock.is_open then sock:close() end
            error(err, 0)
        end
        return sock
    end
end

return { connect = connect, make_dial = make_dial }
