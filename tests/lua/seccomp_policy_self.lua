-- seccomp_policy (emilua-ts extension): bad specs are EINVAL; then ambient
-- authority off for this process: the report says what was applied and
-- that Landlock was not; afterwards a child (it inherits the filter) cannot
-- make a user namespace, while an ordinary program still runs.
local system = require 'system'
local sp = require 'seccomp_policy'

print('version', sp.VERSION, #sp.group_names)
for _, spec in ipairs{ {allow = {'NoSuchGroup'}}, {allow = {'BasicIo'}, colour = 1},
                       {default_action = 'trap'}, {errno = 0} } do
    local ok, e = pcall(sp.compile, spec)
    print('compile', ok, e.code, e.arg)
end
print('unix group has socket', table.concat(sp.group('NetworkSocketUnix'), ','):find('socket') ~= nil)

local function run(...)
    local child = system.spawn{ program = (...), arguments = {...} }
    child:wait()
    return child.exit_code
end
print('before: unshare -U true', run('unshare', '-U', 'true'))

local report = sp.ambient_authority_off()
for _, s in ipairs(report.applied) do print('applied', s) end
for _, s in ipairs(report.not_applied) do print('not applied', (s:match('^[^:]+'))) end
print('after: unshare -U true fails', run('unshare', '-U', 'true') ~= 0)
print('true', run('true'))
