/* Values that cross between a filter's Lua and C in the shapes of Emilua's
 * libc_service.slave page: stat tables, address byte arrays, getaddrinfo's
 * answers. */
#ifndef EMILUA_TS_PRELOAD_FILTER_VALUES_H
#define EMILUA_TS_PRELOAD_FILTER_VALUES_H

#include "call.h"

#include <lua.h>
#include <sys/stat.h>

/* { dev, ino, mode (st_mode, type bits included), nlink, uid, gid, rdev,
 * size, blksize, blocks, atim = { sec, nsec }, mtim, ctim }. */
void lsvc_push_stat(lua_State *L, const struct stat *st);
/* The table at idx into st; missing fields are 0. */
void lsvc_stat_from_lua(lua_State *L, int idx, struct stat *st);

/* An address as an array of n bytes. */
void lsvc_push_address(lua_State *L, const uint8_t *addr, int n);
/* The array at idx into n bytes; raises a Lua error for a bad table. */
void lsvc_address_from_lua(lua_State *L, int idx, uint8_t *out, int n);

/* getaddrinfo's answer: an error name (+ errno after "system"), nil, or
 * nil, address bytes (+ scope id for IPv6), port. Returns the count. */
int lsvc_push_addrinfo(lua_State *L, const struct lsvc_addrinfo *a, int err);
/* The filter's results from `first` to `top` into *a (and *err). */
void lsvc_addrinfo_from_lua(lua_State *L, int first, int top, struct lsvc_addrinfo *a, int *err);

/* getaddrinfo made in libc (the master said use_slave_credentials to a
 * filter's real_fn): its first IPv4/IPv6 address. */
void lsvc_gai_libc(const struct lsvc_call *c, struct lsvc_addrinfo *a, int *err);

#endif
