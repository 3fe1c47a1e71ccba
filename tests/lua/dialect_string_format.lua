-- string.format's number conversions behave like C's printf, as in LuaJIT:
-- %g with its default precision of 6, %e/%E, %f, %G, %a, flags, widths and
-- precisions, and integer conversions of values past 32 bits.
print(string.format('[%g] [%g] [%g] [%g] [%g] [%g]', 1e20, 1e-5, 123456789, 0.0001, 2^53, 1/3))
print(string.format('[%e] [%.3e] [%E] [%10.2e] [%-12.1e]', 12345.678, 1e-10, 1e300, 5, -5))
print(string.format('[%.14g] [%.17g] [%#g] [%+g] [% g] [%G] [%.0g]', 0.1, 0.1, 1, 5, 5, 1e-20, 123))
print(string.format('[%g] [%g] [%5.1f] [%e]', 1/0, -1/0, -1/0, 1/0))
print(string.format('[%a] [%A] [%a]', 1, 255.5, 0.1))
print(string.format('[%5.1f] [%-8.3f] [%08.2f] [%.0f] [%.0f] [%f] [%+.2f]', 3.14159, 2.5, -1.5, 2.5, 3.5, 1e15, 0))
print(string.format('[%.20f] [%.3f]', 0.1, 1.0005))
print(string.format('[%d] [%i] [%5d] [%-5d] [%05d] [%+d] [% d] [%.3d]', 42, -42, 42, 42, -42, 42, 42, 7))
print(string.format('[%d] [%d] [%d] [%x] [%X] [%#x] [%o] [%#o]', 2^31, -2^31 - 1, 12345678901, 2^32 + 255, 3735928559, 255, 8, 8))
print(string.format('[%x] [%c%c%c] [%5c]', -1, 76, 117, 97, 65))
print(string.format('[%s] [%10s] [%-10s] [%.2s] [%s] [%s]', 'abc', 'abc', 'abc', 'abc', 10 / 2, nil))
print(string.format('%q', 'a "quoted"\nline'))
print(string.format('100%% [%s]', 'done'), ('%d items'):format(3))
print(pcall(string.format, '%y', 1))
print(pcall(string.format, '%d'))
print(pcall(string.format, '%123d', 1))
