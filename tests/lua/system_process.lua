-- Process IDs, groups, sessions and credentials (values vary from run to
-- run, so only their relations are printed).
local system = require 'system'

local function try(f, ...)
    local ok, e = pcall(f, ...)
    if ok then return 'ok' end
    return tostring(e.category) .. ': ' .. tostring(e) .. (e.arg and (' arg=' .. tostring(e.arg)) or '')
end

print('pid', system.getpid() > 0, system.getppid() > 0, system.getpid() ~= system.getppid())
print('groups', system.getpgrp() == system.getpgid(0), system.getsid(0) == system.getsid(system.getpid()))
local r, e, s = system.getresuid()
print('uids', type(r), type(e), type(s), r >= 0)
r, e, s = system.getresgid()
print('gids', type(r), type(e), type(s), r >= 0)
local groups = system.getgroups()
print('supplementary groups', type(groups), #groups >= 0)
print('bad pid', try(system.getpgid, 'me'))
print('no such process', try(system.getsid, 2147483647))
print('no inherited low fd', system.get_lowfd(3), system.get_lowfd(9))
print('not a low fd', try(system.get_lowfd, 10))
print('stdout is not a low fd', try(system.get_lowfd, 1))
print('bad fd', try(system.get_lowfd, '3'))
