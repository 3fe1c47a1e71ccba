-- A fiber that locks a mutex it already holds waits for ever, as in Emilua.
-- Other fibers still run; once none is left the VM shuts down and names the
-- mutex nobody can unlock any more. The exit status stays 0.
local mutex = require 'mutex'

local m = mutex.new()
m:lock()
spawn(function()
    print('another fiber still runs')
end)
print('locking again')
m:lock()
print('never printed')
