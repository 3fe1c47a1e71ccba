// init.script's Landlock and seccomp requests held back for the actor host
// (init-script/deferred.h): with the config's deferPolicies flag the helper
// records them, hands them over (a sealed memfd, the rulesets, the status fd)
// and the exec'd program is not yet restricted; a C.execve of the script
// applies them first. The decoder refuses malformed hand-overs.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runHelper } from './helpers/init-helper';
import { decodePolicyHandover } from '../../runtime/sandbox/deferred-policies';
import { encodeInitConfig } from '../../runtime/sandbox/init-config';
import { compilePolicy, scmpActErrno } from '../../runtime/sandbox/seccomp-policy/compile';

const EPERM = 1;

function luaString(bytes: Uint8Array): string {
  return '"' + Array.from(bytes, (b) => `\\${b}`).join('') + '"';
}

const denyMkdir = compilePolicy({ allow: [], deny: ['mkdir', 'mkdirat'], minus: [], arches: [], defaultAction: scmpActErrno(EPERM) });

const script = [
  'set_no_new_privs()',
  'local rs = C.landlock_create_ruleset({ handled_access_fs = { "read_file" } })',
  'C.landlock_restrict_self(rs)',
  'C.close(rs)',  // the helper keeps its own duplicate
  `C.seccomp_set_mode_filter(${luaString(denyMkdir)})`,
].join('\n');

// The target prints the hand-over (base64), what its ruleset fd is, and
// whether it can still read a file and make a directory.
const report = [
  'base64 -w0 < /proc/self/fd/$EMILUA_TS_POLICY_FD; echo',
  'echo status=$EMILUA_TS_STATUS_FD',
  'for f in /proc/self/fd/*; do readlink $f; done | grep -c landlock',
  'cat /etc/hostname >/dev/null && echo read-ok',
  'd=$(mktemp -d) && mkdir $d/x && echo mkdir-ok; rm -rf $d',
].join('; ');

test('held back: the target gets the list in order, unrestricted, with the status fd', async () => {
  const run = await runHelper({ config: { deferPolicies: true, script, path: '/bin/sh', argv: ['sh', '-c', report] } });
  assert.is(run.status, null, JSON.stringify(run.status));
  const [encoded, status, rulesets, read, mkdir] = run.stdout.trim().split('\n');
  const policies = decodePolicyHandover(Buffer.from(encoded, 'base64'));
  assert.is(policies.length, 2);
  assert.is(policies[0].kind, 'landlock');
  assert.is(policies[1].kind, 'seccomp');
  assert.equal(policies[1].kind === 'seccomp' && Buffer.from(policies[1].program), Buffer.from(denyMkdir));
  assert.is(status, 'status=5');
  assert.is(rulesets, '1');
  assert.is(read, 'read-ok');
  assert.is(mkdir, 'mkdir-ok');
});

test('held back: nothing asked, nothing handed over', async () => {
  const run = await runHelper({
    config: { deferPolicies: true, script: 'set_no_new_privs()', path: '/bin/sh', argv: ['sh', '-c', 'echo "[$EMILUA_TS_POLICY_FD][$EMILUA_TS_STATUS_FD]"'] },
  });
  assert.is(run.status, null);
  assert.is(run.stdout, '[][]\n');
});

const usrRule = 'C.landlock_add_rule(rs, "path_beneath", { allowed_access = { "read_file" }, parent_fd = C.open("/usr", bit.bor(C.O_PATH, C.O_DIRECTORY)) })';

test('held back: C.execve of the script applies the list first', async () => {
  const run = await runHelper({
    config: {
      deferPolicies: true,
      // /usr stays readable so that sh and its libraries load.
      script: `${script.replace('C.landlock_restrict_self(rs)', usrRule + '\nC.landlock_restrict_self(rs)')}\nC.execve("/bin/sh", { "sh", "-c", ${JSON.stringify(report.replace(/^[^;]*; /, ''))} }, {})`,
    },
  });
  assert.is(run.status, null, JSON.stringify(run.status));
  const lines = run.stdout.trim().split('\n');
  assert.is(lines[0], 'status=', 'nothing handed over: applied here');
  assert.not.ok(lines.includes('read-ok'), run.stdout);
  assert.not.ok(lines.includes('mkdir-ok'), run.stdout);
  assert.match(run.stderr, 'Permission denied');
});

test('held back: a ruleset fd that is not open is EBADF at once', async () => {
  const run = await runHelper({ config: { deferPolicies: true, script: 'C.landlock_restrict_self(99)' } });
  assert.is(run.status?.stage, 'script-call');
  assert.is(run.status?.message, 'C.landlock_restrict_self');
  assert.is(run.status?.errno, 9);
});

test('the variables of the hand-over cannot come from the config', () => {
  for (const name of ['EMILUA_TS_POLICY_FD', 'EMILUA_TS_STATUS_FD', 'EMILUA_TS_IPC_FD']) {
    assert.throws(() => encodeInitConfig({ pid1: false, hasArg: false, script: '', path: '/bin/true', argv: ['true'], env: [[name, '4']] }), /set by the init helper/);
  }
});

test('decodePolicyHandover refuses malformed input', () => {
  const good = Buffer.from([0x45, 0x54, 0x49, 0x50, 1, 1, 0, 0, 2, 0, 0, 0, 8, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0xff, 0x7f]);
  assert.is(decodePolicyHandover(good).length, 1);
  const cases: [string, Buffer][] = [
    ['truncated header', good.subarray(0, 5)],
    ['bad magic', Buffer.concat([Buffer.from('XXXX'), good.subarray(4)])],
    ['version', Buffer.from([...good.subarray(0, 4), 2, ...good.subarray(5)])],
    ['0 entries', Buffer.from([...good.subarray(0, 5), 0, ...good.subarray(6)])],
    ['truncated', good.subarray(0, 20)],
    ['bytes after', Buffer.concat([good, Buffer.from([0])])],
    ['unknown kind', Buffer.from([...good.subarray(0, 8), 3, ...good.subarray(9)])],
    ['filter of 7 bytes', Buffer.from([...good.subarray(0, 12), 7, ...good.subarray(13)])],
    ['fd 1', Buffer.from([0x45, 0x54, 0x49, 0x50, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0])],
  ];
  for (const [why, bytes] of cases) {
    assert.throws(() => decodePolicyHandover(bytes), /malformed policy hand-over/, why);
  }
});

test.run();
