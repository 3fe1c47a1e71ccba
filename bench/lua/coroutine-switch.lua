-- Baseline of the fiber switch rate, under bare fengari: one coroutine resumed
-- N times, yielding back each time. Prints "RESULT <seconds> <resumes>".
local N = 200000
local resume, yield = coroutine.resume, coroutine.yield
local co = coroutine.create(function()
  while true do yield() end
end)

local t0 = os.clock()
for _ = 1, N do resume(co) end
local dt = os.clock() - t0
print('RESULT', dt, N)
