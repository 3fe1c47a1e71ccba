-- Links and name resolution: hard links and hardlink_count, symlinks
-- (read_symlink, copy_symlink, lexical vs canonical forms), equivalent,
-- absolute/canonical/weakly_canonical/relative/proximate, chmod/lchmod,
-- rename, mkfifo/mknod and the device-number helpers.
local fs = require 'filesystem'
local system = require 'system'

-- The temporary directory may itself sit behind a symlink: compare against
-- its canonical form.
local root = fs.canonical(fs.path.new('/tmp')) / ('emilua-ts-fs_links_and_names-' .. system.getpid())
fs.remove_all(root)
fs.create_directories(root / 'd' / 'e')
local function rel(p) return tostring(p:lexically_relative(root)) end
local function try(f, ...)
    local ok, err = pcall(f, ...)
    if ok then return err end
    return tostring(err)
end

local file = root / 'd' / 'file'
fs.mknod(file, fs.mode(6, 4, 4), 0)
print('hardlink_count', fs.hardlink_count(file))
fs.create_hardlink(file, root / 'hard')
print('after create_hardlink', fs.hardlink_count(file), fs.equivalent(file, root / 'hard'),
      fs.equivalent(file, root / 'd'))

fs.create_symlink(fs.path.new('d/file'), root / 'sym')
fs.create_directory_symlink(fs.path.new('d'), root / 'dsym')
print('read_symlink', fs.read_symlink(root / 'sym'), fs.read_symlink(root / 'dsym'))
fs.copy_symlink(root / 'sym', root / 'sym2')
print('copy_symlink', fs.read_symlink(root / 'sym2'), fs.is_symlink(root / 'sym2'))
print('equivalent through symlink', fs.equivalent(root / 'sym', file))

print('canonical', rel(fs.canonical(root / 'dsym' / 'e' / '..' / 'file')))
print('weakly_canonical', rel(fs.weakly_canonical(root / 'dsym' / 'missing' / '..' / 'x' / '.')))
print('relative', fs.relative(root / 'dsym' / 'e', root / 'hard'), fs.relative(root / 'd', root / 'd' / 'e'))
print('proximate', fs.proximate(root / 'd' / 'e', root / 'd'), fs.proximate(fs.path.new('/'), fs.path.new('/')))

local cwd = fs.current_working_directory()
print('absolute', fs.absolute(fs.path.new('x/y')) == cwd / 'x/y', fs.absolute(fs.path.new('/z')))
print('relative to cwd', fs.relative(cwd / 'q' / 'r'), fs.proximate(cwd))

fs.chmod(file, fs.mode(6, 0, 0))
print('chmod', string.format('%o', fs.status(file).mode), string.format('%o', fs.status(root / 'sym').mode))
print('lchmod on a symlink', try(fs.lchmod, root / 'sym', fs.mode(7, 7, 7)))
fs.lchmod(file, fs.mode(6, 4, 0))
print('lchmod on a file', string.format('%o', fs.status(file).mode))

fs.rename(root / 'hard', root / 'd' / 'renamed')
print('rename', fs.exists(root / 'hard'), fs.hardlink_count(root / 'd' / 'renamed'))

fs.mkfifo(root / 'fifo', fs.mode(6, 0, 0))
print('mkfifo', fs.status(root / 'fifo').type, string.format('%o', fs.status(root / 'fifo').mode))
fs.mknod(root / 'fifo2', 4096 + fs.mode(6, 4, 4), 0)
print('mknod S_IFIFO', fs.is_fifo(root / 'fifo2'))

local dev = fs.makedev(259, 70000)
print('makedev', dev, fs.dev_major(dev), fs.dev_minor(dev), fs.makedev(8, 1), fs.dev_major(2049), fs.dev_minor(2049))

print('remove', fs.remove(root / 'sym'), fs.remove(root / 'sym'), fs.exists(file))
print('removed', fs.remove_all(root))
