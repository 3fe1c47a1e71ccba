-- LuaJIT's bit library: 32-bit operations that take any number (values past
-- 2^31 wrap modulo 2^32) and return signed 32-bit results.
print(bit.tobit(0xffffffff), bit.tobit(2^32 + 5), bit.tobit(2^31), bit.tobit(-1))
print(bit.tohex(255), bit.tohex(255, 2), bit.tohex(255, -4), bit.tohex(-1), bit.tohex(0xdeadbeef, -8))
print(bit.band(0xff00ff00, 0x0ff00ff0), bit.bor(0x80000000, 1), bit.bxor(0xffffffff, 0x0f0f0f0f))
print(bit.band(0xffffffff + 0x10, 0xff), bit.bor(1, 2, 4, 8), bit.bxor(1, 3, 7))
print(bit.bnot(0), bit.bnot(0x7fffffff), bit.bnot(2^32 - 1))
print(bit.lshift(1, 31), bit.lshift(1, 32), bit.lshift(0xff, 28))
print(bit.rshift(-1, 28), bit.rshift(0x80000000, 31), bit.arshift(0x80000000, 31), bit.arshift(-256, 4))
print(bit.rol(0x12345678, 8), bit.ror(0x12345678, 8), bit.rol(0x80000001, 1))
print(bit.bswap(0x12345678), bit.bswap(0xff000000), bit.tohex(bit.bswap(0xdeadbeef)))
print(bit.band(3.9, 1), bit.tobit(1.5), bit.tobit(2.5))
