-- filesystem.path: the / and .. operators, comparisons, the methods that
-- return new paths (paths are immutable), and argument errors.
local fs = require 'filesystem'
local path = fs.path.new

local function try(f, ...)
    local ok, err = pcall(f, ...)
    if ok then return 'ok', err end
    if type(err) ~= 'table' then return 'error: ' .. tostring(err) end
    return tostring(err) .. ' (' .. tostring(err.category) .. ')' .. (err.arg and (' arg=' .. err.arg) or '')
end

print('/', path('a') / 'b', path('a/') / 'b', path('') / 'b', path('a') / '', path('a') / '/b',
      'x' / path('y'), path('a') / path('b') / 'c')
print('..', path('dir/file') .. '.txt', 'pre-' .. path('x'), path('a') .. path('/b'))
local function foobar(p) return p / 'Downloads' / 'myfile' .. '.txt' end
print('tutorial', foobar(path('/home/user')))

local base = path('/foo/bar.jpg')
print('remove_filename', base:remove_filename(), path('/foo/'):remove_filename(), path('foo'):remove_filename())
print('replace_filename', base:replace_filename('baz.png'), path('/'):replace_filename(path('x')))
print('replace_extension', base:replace_extension('.png'), base:replace_extension('png'),
      base:replace_extension(), base:replace_extension(path('.gif')), path('.hidden'):replace_extension('x'))
print('unchanged', base)
print('lexically_normal', path('foo/./bar/..'):lexically_normal(), path('foo/.///bar/../'):lexically_normal(),
      path('a/..'):lexically_normal(), path('/../a'):lexically_normal(), path('../a/..'):lexically_normal())
print('lexically_relative', path('/a/d'):lexically_relative(path('/a/b/c')),
      path('a/b/c'):lexically_relative('a'), path('a/b/c'):lexically_relative('a/b/c/x/y'),
      path('a/b/c'):lexically_relative('a/b/c'), '[' .. tostring(path('a'):lexically_relative('/a')) .. ']')
print('lexically_proximate', path('a'):lexically_proximate('/a'), path('/a/d'):lexically_proximate('/a/b/c'))

print()
print('==', path('a/b') == path('a//b'), path('a') == path('a/'), path('x') == path('x'))
print('<', path('a') < path('b'), path('a') < path('a/'), path('b') < path('/a'), path('a/b') < path('a.b'))
print('<=', path('a') <= path('a'), path('b') <= path('a'), path('a/') <= path('a'))
local sorted = { path('b/c'), path('/z'), path('a'), path('b'), path('a.b'), path('a/b') }
table.sort(sorted, function(x, y) return x < y end)
local out = {}
for i, p in ipairs(sorted) do out[i] = tostring(p) end
print('sorted', table.concat(out, ' '))

print()
print('new(1)', try(fs.path.new, 1))
print('from_generic()', try(fs.path.from_generic))
print('bad key', try(function() return path('a').nonexistent end))
print('replace_filename(1)', try(base.replace_filename, base, 1))
print('method on non-path', try(base.remove_filename, 'a/b'))
print('div with number', try(function() return path('a') / 1 end))
