-- P1, calls: naive recursive Fibonacci. Plain Lua 5.1/5.3, run unchanged by
-- emilua-ts and by bare fengari. Times its own body with os.clock() (both
-- runtimes: process.uptime(), in seconds) and prints "RESULT <seconds> <check>".
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local t0 = os.clock()
local r = fib(27)
local dt = os.clock() - t0
print('RESULT', dt, r)
