-- Lua 5.1 library functions that LuaJIT keeps and Lua 5.3 dropped.
print(math.pow(2, 10), math.pow(2, 0.5) == math.sqrt(2))
print(math.atan2(1, 1) == math.pi / 4, math.atan2(0, -1) == math.pi)
print(math.log10(1000), math.log10(0.01))
print(math.cosh(0), math.sinh(0), math.tanh(0))
print(math.ldexp(0.5, 3), math.ldexp(1, -1074), math.ldexp(1, 1024))
print(math.frexp(8), math.frexp(-0.375), math.frexp(0))
print(math.frexp(2^-1074))
print(table.maxn({1, 2, 3}), table.maxn({[10] = 1, [2.5] = 1}), table.maxn({}))
