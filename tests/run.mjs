// `npm test`: runs every uvu suite (unit tests and the Lua golden tests) in one
// uvu process and ends with the line CI reads: "N passed, N failed".
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const uvu = path.join(root, 'node_modules', 'uvu', 'bin.js');
const args = [uvu, '-r', 'tsx', '--no-color', 'tests', '\\.test\\.ts$', ...process.argv.slice(2)];

// uvu's summary is parsed below, so it must be plain text: --no-color stops uvu
// from setting FORCE_COLOR, which children would inherit (node then warns that
// NO_COLOR is ignored, on the stderr the CLI tests read).
function withoutForceColor(env) {
  delete env.FORCE_COLOR;
  return env;
}

const child = spawn(process.execPath, args, {
  cwd: root,
  env: withoutForceColor({ ...process.env, NO_COLOR: '1' }),
  stdio: ['ignore', 'pipe', 'inherit'],
});

let output = '';
// A test that leaves a handle open (a timer, a child, a socket) keeps uvu from
// exiting after its summary; CI would then hang until its time limit. Once the
// summary is out, uvu gets a minute to exit; then it is killed and the run fails.
let lingered = false;
let lingerTimer = null;
child.stdout.on('data', (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
  if (lingerTimer === null && /Duration:/.test(output)) {
    lingerTimer = setTimeout(() => {
      lingered = true;
      process.stdout.write('\nuvu did not exit within 60 s of its summary: a test left a handle open\n');
      child.kill('SIGKILL');
    }, 60_000);
    lingerTimer.unref();
  }
});

child.on('close', (code, signal) => {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const count = (label) => {
    const match = plain.match(new RegExp(`${label}:\\s+(\\d+)`));
    return match ? Number(match[1]) : null;
  };
  const total = count('Total');
  const passed = count('Passed');
  const skipped = count('Skipped') ?? 0;
  let failed;
  let passedCount;
  if (total === null || passed === null) {
    // uvu stopped before its summary (a suite failed to load): count it as one failure.
    passedCount = passed ?? 0;
    failed = 1;
  } else {
    passedCount = passed;
    failed = total - passed - skipped;
    if (lingered) failed += 1;
    else if (failed === 0 && (code !== 0 || signal !== null)) failed = 1;
  }
  const skippedText = skipped > 0 ? `, ${skipped} skipped` : '';
  process.stdout.write(`\n${passedCount} passed, ${failed} failed${skippedText}\n`);
  process.exit(failed === 0 ? 0 : 1);
});
