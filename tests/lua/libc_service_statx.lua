-- The stat calls of glibc 2.36 programs that are not stat()/lstat():
-- coreutils' stat and ls use statx(), python3's dir_fd uses fstatat(),
-- and programs built against glibc older than 2.33 call __xstat/__lxstat
-- (reached here, and fstatat with AT_FDCWD, through ctypes). Each is served as "stat" or "lstat" when
-- its path is absolute or relative to the working directory; a path
-- relative to a directory descriptor goes to libc (the master never sees
-- it).
local libc_service = require 'libc_service'
local system = require 'system'
local fs = require 'filesystem'

local function run(args)
    local master, slave = libc_service.new()
    local seen = {}
    spawn(function()
        while pcall(master.receive, master) do
            local fn = master.function_
            local path = master:arguments()
            if tostring(path):find('virtual') then seen[#seen + 1] = fn .. ' ' .. tostring(path) end
            if (fn == 'stat' or fn == 'lstat') and path == fs.path.new('/virtual/file') then
                master:send{ type = 'regular', mode = 416, size = 1234, nlink = 3, uid = 7, gid = 8,
                             mtime = fs.clock.unix_epoch() + 1000000000 }
            else
                master:use_slave_credentials()
            end
        end
    end):detach()
    local env = system.environment
    env.LD_PRELOAD = libc_service.preload_library_path
    env.EMILUA_LIBC_SERVICE_FD = '3'
    env.TZ = 'UTC'
    local child = system.spawn{
        program = args[1], arguments = args, environment = env,
        stdout = 'share', stderr = 'share', extra_fds = { [3] = slave },
    }
    child:wait()
    print(args[1]:match('[^/]*$') .. ' exit ' .. child.exit_code .. ', master saw: ' .. table.concat(seen, '; '))
end

run{'/usr/bin/stat', '-c', '%n %s %h %u %g %a %F %Y', '/virtual/file'}
run{'/usr/bin/stat', '-L', '-c', '%n %s %h %u %g %a %F %Y', '/virtual/file'}
run{'/bin/ls', '-ln', '--time-style=+%s', '/virtual/file'}
run{'/usr/bin/python3', '-c', [[
import ctypes, os, struct
st = os.stat(b'/virtual/file', follow_symlinks=False)
print('lstat64:', st.st_size, st.st_nlink)
root = os.open('/', os.O_RDONLY | os.O_DIRECTORY)
try:
    os.stat('virtual/file', dir_fd=root)
except FileNotFoundError:
    print('from a directory descriptor: libc says ENOENT')
libc = ctypes.CDLL(None, use_errno=True)
buf = ctypes.create_string_buffer(256)
AT_FDCWD, AT_SYMLINK_NOFOLLOW = -100, 0x100
calls = [('fstatat', lambda f: f(AT_FDCWD, b'/virtual/file', buf, AT_SYMLINK_NOFOLLOW)),
         ('__xstat', lambda f: f(1, b'/virtual/file', buf)),
         ('__lxstat', lambda f: f(1, b'/virtual/file', buf))]
for name, call in calls:
    r = call(getattr(libc, name))
    nlink, mode = struct.unpack_from('QI', buf.raw, 16)
    size, = struct.unpack_from('q', buf.raw, 48)
    print(name + ':', r, size, nlink, oct(mode))
]]}
