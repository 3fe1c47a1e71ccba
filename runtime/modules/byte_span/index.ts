// require 'byte_span' (and, once wired, the global of the same name): Go-like
// slices over shared byte buffers. Other modules that take or return network
// buffers use pushByteSpan/checkByteSpan/toByteSpan and the ByteSpan class.

export { ByteSpan, ByteSpanError } from '../../io/byte-span/byte-span';
export { openByteSpanModule, installByteSpan, pushByteSpan, checkByteSpan, toByteSpan } from '../../io/byte-span/lua-binding';
