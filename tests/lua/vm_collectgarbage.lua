-- collectgarbage() takes every option of LuaJIT and answers with values of
-- the right types; "count" is the heap in use (KiB) and "collect" really
-- collects: a promise nobody references any more breaks its future.
local future = require 'future'

print('default:', collectgarbage())
print('collect:', collectgarbage('collect'))
print('step:', collectgarbage('step'), collectgarbage('step', 100))
print('isrunning:', collectgarbage('isrunning'))
print('stop:', collectgarbage('stop'), collectgarbage('isrunning'))
print('restart:', collectgarbage('restart'), collectgarbage('isrunning'))
print('setpause:', collectgarbage('setpause', 150), collectgarbage('setpause', 200))
print('setstepmul:', collectgarbage('setstepmul', 400), collectgarbage('setstepmul', 200))

local before = collectgarbage('count')
local big = {}
for i = 1, 200000 do big[i] = { i } end
local after = collectgarbage('count')
print('count is a number of KiB:', type(before), before > 0, after - before > 1000)
big = nil

print(pcall(collectgarbage, 'generational'))
print(pcall(collectgarbage, {}))

local promise, fut = future.new()
spawn(function()
    print('waiting on the future')
    local ok, err = pcall(fut.get, fut)
    print('get:', ok, err)
end)
this_fiber.yield()
promise = nil
collectgarbage('collect')
