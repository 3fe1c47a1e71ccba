-- create_directories takes any path the kernel takes: 2 KiB made of 1024
-- one-byte names (each level under NAME_MAX, the whole under PATH_MAX) is
-- created level by level; a name longer than NAME_MAX still raises
-- ENAMETOOLONG, in Emilua's error shape.
local fs = require 'filesystem'

local root = fs.path.new('fs_create_directories_long.tmp')
fs.remove_all(root)
fs.create_directory(root)

local relative = string.rep('a/', 1024)
local deep = root / relative
print('path bytes', #relative)
print('created', fs.create_directories(deep))
print('is a directory', fs.is_directory(deep))
print('again', fs.create_directories(deep))

local ok, e = pcall(fs.create_directories, root / string.rep('n', 256) / 'x')
print('name of 256 bytes', ok, tostring(e), tostring(e.category), e.code)
fs.remove_all(root)
print('removed', not fs.exists(root))
