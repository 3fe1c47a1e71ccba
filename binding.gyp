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
# Planned targets, to be added to the 'targets' list below (not built yet):
#
#   libemilua-ts-preload    'type': 'shared_library'; C + LuaJIT
#                           (pkg-config luajit); sources in native/preload/.
#
# Those two are plain C programs, not addons: they must not depend on
# node_addon_api and should reset the Node-specific C++ flags.
{
  'targets': [
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
      'cflags!': [ '-fexceptions' ],
      'cflags_cc!': [ '-fexceptions', '-std=gnu++17' ],
      'cflags_cc': [ '-std=c++17', '-Wall', '-Wextra' ],
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
