-- bench/spawn.mjs: system.spawn of /bin/true then wait(), N times (N is the
-- first script argument); prints "<seconds>\t<N>" for the loop alone.
local system = require 'system'
local fs = require 'filesystem'

local n = tonumber(system.arguments[3])
local program = fs.path.new('/bin/true')
local arguments = {'true'}
local start = os.clock()
for _ = 1, n do
    local child = system.spawn{ program = program, arguments = arguments, stdin = 'share', stdout = 'share', stderr = 'share' }
    child:wait()
    if child.exit_code ~= 0 then error('true failed') end
end
print(string.format('%.6f\t%d', os.clock() - start, n))
