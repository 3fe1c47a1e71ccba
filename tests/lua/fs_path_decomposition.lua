-- filesystem.path: decomposition properties, predicates, iteration and the
-- methods that build new paths. Nothing here touches the disk.
local fs = require 'filesystem'

local function show(v)
    if v == true then return 'T' elseif v == false then return 'F' end
    return '"' .. tostring(v) .. '"'
end

local paths = {
    '', '/', '//', 'a', '/a', 'a/b', 'a//b', 'a/b/', '/usr/lib/libc.so.6',
    '.', '..', 'dir/.', '.bashrc', '.tar.gz', 'file.', '//x//y//',
}

print('path | root_name root_directory root_path relative_path parent_path filename stem extension')
for _, s in ipairs(paths) do
    local p = fs.path.new(s)
    print(show(p), '|', show(p.root_name), show(p.root_directory), show(p.root_path),
          show(p.relative_path), show(p.parent_path), show(p.filename), show(p.stem),
          show(p.extension))
end

print()
print('path | empty has_root_path has_root_name has_root_directory has_relative_path '
      .. 'has_parent_path has_filename has_stem has_extension is_absolute is_relative')
for _, s in ipairs(paths) do
    local p = fs.path.new(s)
    print(show(p), '|', show(p.empty), show(p.has_root_path), show(p.has_root_name),
          show(p.has_root_directory), show(p.has_relative_path), show(p.has_parent_path),
          show(p.has_filename), show(p.has_stem), show(p.has_extension), show(p.is_absolute),
          show(p.is_relative))
end

print()
print('iteration')
for _, s in ipairs{'/home//user/', 'a/./b', '/', ''} do
    local parts = {}
    for c in fs.path.new(s):iterator() do parts[#parts + 1] = '"' .. c .. '"' end
    print(show(s), table.concat(parts, ' '))
end

print()
print('types', getmetatable(fs.path.new('x')), type(fs.path.new('x').parent_path),
      type(fs.path.new('x').filename))
print('preferred_separator', fs.path.preferred_separator)
print('to_generic', fs.path.new('//a//b//'):to_generic(), fs.path.from_generic('a/b'))
print('make_preferred', fs.path.new('a//b'):make_preferred())
print('default', show(fs.path.new()), fs.path.new().empty)
