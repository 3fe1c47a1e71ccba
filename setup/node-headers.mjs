// node-gyp compiles the addon against Node's headers. Debian's nodejs package
// ships them in /usr/include/node; pointing node-gyp there (as .ci/run does)
// spares a download from nodejs.org, which may be unreachable.
import * as fs from 'node:fs';

/** The environment for a build: npm_config_nodedir=/usr when unset and Debian's headers exist. */
export function buildEnvironment(env = process.env) {
  if (env.npm_config_nodedir || !fs.existsSync('/usr/include/node/node_api.h')) return env;
  return { ...env, npm_config_nodedir: '/usr' };
}
