this is not Lua
