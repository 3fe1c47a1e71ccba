-- spawn_vm{subprocess=...} without a module: the process still starts and
-- runs its init.script, which is all a sandbox that execs another program
-- needs. When the script returns there is nothing to run: the host says so
-- on its stderr and exits. The channel is a channel all the same: a value
-- that cannot travel is refused at send.
local pipe = require 'pipe'

local function read_all(r)
    local buf = byte_span.new(256)
    local out = ''
    while true do
        local ok, n = pcall(function() return r:read_some(buf) end)
        if not ok then return out end
        out = out .. tostring(buf:sub(1, n))
    end
end

-- A script that only returns.
local r, w = pipe.pair()
local wfd = w:release()
local ch = spawn_vm{ subprocess = { stderr = wfd } }
wfd:close()
print('spawned without a module:', type(ch.child_pid))
print('send(nil):', pcall(function() ch:send(nil) end))
io.write('the host says: ', read_all(r))

-- A script that execs a program in place of the host.
r, w = pipe.pair()
wfd = w:release()
spawn_vm{ subprocess = { stdout = wfd, init = { script = [[
    C.execve('/bin/echo', { 'echo', 'hello from the exec of init.script' }, {})
]] } } }
wfd:close()
io.write('the exec says: ', read_all(r))
