local inbox = require 'inbox'
local parent = inbox:receive()
local seen = {}
for _, name in ipairs{ 'FOO', 'EMPTY', 'PATH', 'HOME', 'EMILUA_TS_IPC_FD', 'GLIBC_TUNABLES', 'NODE_OPTIONS' } do
    local v = os.getenv(name)
    seen[#seen + 1] = name .. '=' .. (v == nil and '(unset)' or ('"' .. v .. '"'))
end
parent:send(table.concat(seen, ' '))
