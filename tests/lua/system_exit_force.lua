-- system.exit's options: force = 2 ends the process at once with the code.
local system = require 'system'

local function try(f, ...)
    local ok, e = pcall(f, ...)
    if ok then return 'ok' end
    return tostring(e.category) .. ': ' .. tostring(e) .. (e.arg and (' arg=' .. tostring(e.arg)) or '')
end

print('force 1', try(system.exit, 1, { force = 1 }))
print('force 7', try(system.exit, 1, { force = 7 }))
print('force "now"', try(system.exit, 1, { force = 'now' }))
print('force true', try(system.exit, 1, { force = true }))
print('fractional code', try(system.exit, 1.5))
system.exit(4, { force = 2 })
print('never printed')
