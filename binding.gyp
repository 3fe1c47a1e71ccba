# Native code of emilua-ts. One file, one target per artifact.
#
#   emilua_ts_native        Node-API addon (C++17, node-addon-api, no C++
#                           exceptions). Sources: native/addon/. Loaded by
#                           runtime/native/load-addon.ts.
#
#   emilua-ts-init          The init helper of subprocess actors: a plain C
#                           program (C + LuaJIT + libcap), no Node headers.
#                           Sources: init-script/. Output:
#                           build/Release/emilua-ts-init.
#
#   libemilua-ts-preload    The preload library of libc_service: a plain C
#                           shared library (C + LuaJIT). Sources:
#                           native/preload/ plus init-script's Lua C API.
#                           Output: build/Release/libemilua-ts-preload.so.
#
# The init helper and the preload library are plain C programs, not addons: they must not depend on
# node_addon_api. They get everything they need from target_defaults below
# (hardening, warnings as errors, -std=gnu11 for .c files) and take LuaJIT's
# flags from the variables: 'cflags': [ '<@(luajit_cflags)' ] and
# 'libraries': [ '<@(luajit_libs)' ]. An executable adds 'ldflags': [ '-pie' ].
#
# node-gyp merges Node's common.gypi first: it already gives -fPIC, -pthread,
# -Wall -Wextra -Wno-unused-parameter and -O3 (Release) / -O0 (Debug).
{
  'variables': {
    'luajit_cflags': [ '<!@(pkg-config --cflags luajit)' ],
    'luajit_libs': [ '<!@(pkg-config --libs luajit)' ],
  },
  'target_defaults': {
    'cflags': [
      # Hardening (every target; compare Debian's hardening=+all).
      '-fstack-protector-strong',
      '-fstack-clash-protection',
      '-fPIC',
      # Warnings are errors, in bubblewrap's spirit: code that compiles with
      # a warning does not build.
      '-Werror',
      '-Wall',
      '-Wextra',
      '-Wshadow',
      '-Wformat=2',
      '-Wformat-security',
      '-Wswitch-default',
      '-Wpointer-arith',
      '-Winit-self',
      '-Wundef',
      '-Wmissing-declarations',
      # Not -Wmissing-include-dirs: node-gyp gives every target the include
      # directories of a Node source tree (deps/uv, deps/v8, ...), which do
      # not exist when building against installed headers (nodedir=/usr).
    ],
    # Only for .c files (gyp's cflags_c).
    'cflags_c': [
      # gnu11, not c11: the C targets call Linux interfaces (syscall(),
      # unshare, pidfd, ...) that strict ISO mode hides.
      '-std=gnu11',
      '-Wmissing-prototypes',
      '-Wstrict-prototypes',
      '-Wold-style-definition',
      '-Waggregate-return',
    ],
    'ldflags': [
      '-Wl,-z,relro',
      '-Wl,-z,now',
      '-Wl,-z,noexecstack',
    ],
    'conditions': [
      [ 'target_arch=="x64"', { 'cflags': [ '-fcf-protection' ] } ],
    ],
    'configurations': {
      # _FORTIFY_SOURCE needs optimisation (Release is -O3; at Debug's -O0
      # glibc warns, which -Werror would turn into a failed build). -U first:
      # some compilers predefine it.
      'Release': {
        'cflags': [ '-U_FORTIFY_SOURCE', '-D_FORTIFY_SOURCE=2' ],
      },
    },
  },
  'targets': [
    {
      'target_name': 'libemilua-ts-preload',
      'type': 'shared_library',
      'product_name': 'emilua-ts-preload',
      # Every .c file of native/preload/, plus the init.script C API the
      # filters get (init-script/lua_*.c without the families a filter has
      # no use for: mounts, capabilities, Landlock).
      'sources': [
        "<!@(node -p \"require('fs').readdirSync('native/preload').filter(f => f.endsWith('.c')).sort().map(f => 'native/preload/' + f).join(' ')\")",
        'init-script/lua_support.c', 'init-script/lua_fs.c', 'init-script/lua_proc.c',
        'init-script/lua_consts.c', 'init-script/lua_helpers.c', 'init-script/deferred.c',
      ],
      # A program may pass NULL where glibc's headers promise nonnull: the
      # checks for it stay (-Wno-nonnull-compare).
      'cflags': [ '-fvisibility=hidden', '-D_GNU_SOURCE', '-Wno-nonnull-compare', '<@(luajit_cflags)' ],
      'libraries': [ '<@(luajit_libs)', '-ldl', '-lpthread' ],
      # The 64-bit names (open64, stat64...) are defined here as symbols of
      # their own; _FILE_OFFSET_BITS=64 would rename open to open64.
      'defines!': [ '_FILE_OFFSET_BITS=64', '_LARGEFILE_SOURCE' ],
    },
    {
      'target_name': 'emilua_ts_native',
      # Every .cc file of native/addon/ (one file per group of syscalls).
      'sources': [
        "<!@(node -p \"require('fs').readdirSync('native/addon').filter(f => f.endsWith('.cc')).sort().map(f => 'native/addon/' + f).join(' ')\")",
      ],
      'include_dirs': [ 'native/addon' ],
      # 'node_addon_api' (not '_except') adds NODE_ADDON_API_DISABLE_CPP_EXCEPTIONS
      # and -fno-exceptions: errors are reported with ThrowAsJavaScriptException.
      'dependencies': [
        "<!(node -p \"require('node-addon-api').targets\"):node_addon_api",
      ],
      'defines': [ 'NAPI_VERSION=8' ],
      'cflags_cc!': [ '-fexceptions', '-std=gnu++17' ],
      'cflags_cc': [ '-std=c++17' ],
      # Node's and node-addon-api's headers are third-party code that does
      # not build under our warnings (-Wshadow in napi-inl.h,
      # -Wmissing-declarations in NAPI_MODULE): -isystem marks them as
      # system headers (GCC then ignores the -I of the same directory), so
      # only their warnings are silenced, not ours.
      'cflags': [
        '-isystem', '<(node_root_dir)/include/node',
        '-isystem', "<!(node -p \"require('path').dirname(require.resolve('node-addon-api/napi.h'))\")",
        '<!@(pkg-config --cflags libseccomp)',
      ],
      'cflags!': [ '-fexceptions' ],
      # libseccomp compiles the policy groups (seccomp_policy.cc).
      'libraries': [ '<!@(pkg-config --libs libseccomp)' ],
    },
    {
      'target_name': 'emilua-ts-init',
      'type': 'executable',
      # Every .c file of init-script/ (one file per concern).
      'sources': [
        "<!@(node -p \"require('fs').readdirSync('init-script').filter(f => f.endsWith('.c')).sort().map(f => 'init-script/' + f).join(' ')\")",
      ],
      # Self-contained flags: this is privileged code, hardened on its own
      # whatever the defaults of the other targets are.
      'cflags': [
        '-std=gnu11', '-Wall', '-Wextra', '-Werror', '-Wshadow',
        '-Wformat=2', '-Wvla', '-D_GNU_SOURCE', '-D_FORTIFY_SOURCE=2',
        '-fstack-protector-strong', '-fstack-clash-protection', '-fPIE',
        '-O2', '<!@(pkg-config --cflags luajit)',
      ],
      # Node's defaults meant for addons: a single-threaded executable needs
      # neither -pthread, -fPIC (it is -fPIE) nor exported symbols.
      'cflags!': [ '-pthread', '-fPIC', '-Wno-unused-parameter' ],
      'ldflags!': [ '-pthread', '-rdynamic' ],
      'ldflags': [ '-pie', '-Wl,-z,relro,-z,now', '-Wl,-z,noexecstack' ],
      'libraries': [ '<!@(pkg-config --libs luajit)', '-lcap' ],
    },
  ],
}
