// The Debian packages the native build needs, each with a file whose presence
// shows it is installed. Checking files costs a few stat calls, where asking
// dpkg would cost a process: `npm start` runs this check every time.
//
// To add a package: one line below (the package and a file only it provides).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** [package, probe]: a probe is a command looked up on PATH or an absolute path. */
export const DEBIAN_PACKAGES = [
  ['build-essential', 'command:g++'],
  ['build-essential', 'command:make'],
  ['python3', 'command:python3'],
  ['pkg-config', 'command:pkg-config'],
  ['ca-certificates', '/etc/ssl/certs/ca-certificates.crt'],
  ['libluajit-5.1-dev', '/usr/include/luajit-2.1/luajit.h'],
  ['libseccomp-dev', '/usr/include/seccomp.h'],
  ['libcap-dev', '/usr/include/sys/capability.h'],
];

function onPath(command) {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    try {
      fs.accessSync(path.join(dir || '.', command), fs.constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

function present(probe) {
  if (probe.startsWith('command:')) return onPath(probe.slice('command:'.length));
  return fs.existsSync(probe);
}

/** Every package name, once, in the order above. */
export function allPackages() {
  return [...new Set(DEBIAN_PACKAGES.map(([name]) => name))];
}

/** The packages whose probe file is missing, once each. */
export function missingPackages() {
  return [...new Set(DEBIAN_PACKAGES.filter(([, probe]) => !present(probe)).map(([name]) => name))];
}

/** The one command a user without root runs. */
export function installCommand(packages) {
  return `sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}
