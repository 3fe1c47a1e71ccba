// UNIX sockets against a hostile peer: the test drives the other end of a
// socket pair with raw syscalls from the addon while a Lua VM uses its end.
// After each case: no crash, no hang, and the process holds exactly the
// descriptors it held before (/proc/self/fd).

import * as fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState } from '../../runtime/lua/lua-api';
import { pushFileDescriptor } from '../../runtime/io/descriptor-object';
import { loadAddon } from '../../runtime/native/load-addon';
import { sockConstant } from '../../runtime/io/socket-address';
import { errnoCodes } from '../../runtime/errors/categories';
import { runLua, openDescriptorCount, collectGarbage } from './helpers/lua-vm';

const EAGAIN = errnoCodes.EAGAIN;

interface Peer {
  /** The test's end. */
  readonly mine: number;
  /** The end the script gets (handed over by probe.socket()). */
  readonly theirs: number;
}

function socketPair(type: 'SOCK_SEQPACKET' | 'SOCK_STREAM'): Peer {
  const fds = loadAddon().sockPair(sockConstant(type));
  if (typeof fds === 'number') throw new Error(`socketpair: ${fds}`);
  return { mine: fds[0], theirs: fds[1] };
}

/** Descriptors to send: /dev/null opened `count` times. */
function devNulls(count: number): number[] {
  return Array.from({ length: count }, () => fs.openSync('/dev/null', 'r'));
}

function closeAll(fds: number[]): void {
  for (const fd of fds) fs.closeSync(fd);
}

function bytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text));
}

/** Hands `fd` to the script as a file_descriptor object. */
function giveFd(fd: number) {
  return (L: LuaState): number => {
    pushFileDescriptor(L, fd);
    return 1;
  };
}

let baseline = 0;

test.before(async () => {
  // The readiness watcher's epoll descriptor, made the first time a socket
  // waits, lives as long as the process: create it before counting.
  await runLua(`
    local probe = require 'test_probe'
    local a, b = require('unix').seqpacket.socket.pair()
    local receiver = spawn(function() b:receive(byte_span.new(1)) end)
    this_fiber.yield()
    a:send(byte_span.append('x'))
    receiver:join()
    probe.finish()
  `);
});

test.before.each(async () => {
  await collectGarbage();
  baseline = openDescriptorCount();
});

test('more descriptors than the receiver asked for: all closed, EMSGSIZE, the socket still works', async () => {
  const peer = socketPair('SOCK_SEQPACKET');
  const { notes } = await runLua(`
    local probe = require 'test_probe'
    local s = require('unix').seqpacket.socket.new(probe.socket())
    local buf = byte_span.new(64)
    probe.send_many()
    local ok, err = pcall(s.receive_with_fds, s, buf, 2)
    probe.note(ok, tostring(err), err.truncated, err.closed_fds)
    -- A peer that sends some descriptors to a receiver that accepts none.
    probe.send_many()
    ok, err = pcall(s.receive_with_fds, s, buf, 0)
    probe.note(ok, err.truncated, err.closed_fds)
    -- Plain receive() never takes descriptors: the kernel drops them.
    probe.send_many()
    probe.note(s:receive(buf))
    probe.send_one()
    local n, fds = s:receive_with_fds(buf, 2)
    probe.note(n, #fds, fds[1].type)
    fds[1]:close()
    s:close()
    probe.finish()
  `, {
    socket: giveFd(peer.theirs),
    send_many() {
      const fds = devNulls(10);
      const ret = loadAddon().sockSendFds(peer.mine, bytes('many'), fds, null, 0);
      closeAll(fds);
      assert.is(ret, 4);
      return 0;
    },
    send_one() {
      const fds = devNulls(1);
      loadAddon().sockSendFds(peer.mine, bytes('one'), fds, null, 0);
      closeAll(fds);
      return 0;
    },
  });
  loadAddon().fdClose(peer.mine);
  assert.equal(notes, [
    'false\tMessage too long\tcontrol\t2',
    'false\tcontrol\t0',
    '4',
    '3\t1\tcharacter',
  ]);
  await collectGarbage();
  assert.is(openDescriptorCount(), baseline);
});

test('a truncated payload carrying descriptors, while the receiver waits: all closed, EMSGSIZE', async () => {
  const peer = socketPair('SOCK_SEQPACKET');
  const { notes } = await runLua(`
    local probe = require 'test_probe'
    local s = require('unix').seqpacket.socket.new(probe.socket())
    probe.send_later()
    local ok, err = pcall(s.receive_with_fds, s, byte_span.new(10), 3)
    probe.note(ok, tostring(err), err.truncated, err.closed_fds)
    s:close()
    probe.finish()
  `, {
    socket: giveFd(peer.theirs),
    send_later() {
      setTimeout(() => {
        const fds = devNulls(3);
        loadAddon().sockSendFds(peer.mine, new Uint8Array(100).fill(0x61), fds, null, 0);
        closeAll(fds);
      }, 20);
      return 0;
    },
  });
  loadAddon().fdClose(peer.mine);
  assert.equal(notes, ['false\tMessage too long\tpayload\t3']);
  await collectGarbage();
  assert.is(openDescriptorCount(), baseline);
});

test('a peer clearing O_NONBLOCK on the shared socket mid-stream neither blocks nor breaks the loop', async () => {
  const peer = socketPair('SOCK_STREAM');
  // The peer holds another descriptor of the script's very open file description.
  const shared = loadAddon().fdDup(peer.theirs);
  let ticks = 0;
  const heartbeat = setInterval(() => ticks++, 2);
  const flip = setInterval(() => {
    // Alternate, and mostly leave it blocking.
    loadAddon().fdSetNonBlocking(shared, ticks % 5 === 0);
  }, 3);
  const CHUNKS = 50;
  let sent = 0;
  const sender = setInterval(() => {
    if (sent < CHUNKS) {
      loadAddon().fdSetNonBlocking(shared, false);
      loadAddon().sockSend(peer.mine, bytes(`chunk ${String(sent).padStart(3, '0')};`), 0);
      sent++;
    }
  }, 4);
  // Reads the script's writes slowly, so its sends find a full buffer.
  let drained = 0;
  const reader = setInterval(() => {
    const buf = new Uint8Array(16384);
    for (let i = 0; i < 4; i++) {
      const n = loadAddon().sockRecv(peer.mine, buf, 0);
      if (n > 0) drained += n;
      else break;
    }
  }, 1);
  try {
    const { notes } = await runLua(`
      local probe = require 'test_probe'
      local stream = require 'stream'
      local s = require('unix').stream.socket.new(probe.socket())
      -- Writes a lot while the peer reads slowly and keeps clearing O_NONBLOCK.
      local writer = spawn(function()
        local block = byte_span.new(65536)
        for i = 1, 64 do stream.write_all(s, block) end
      end)
      local expected = ''
      for i = 0, ${CHUNKS - 1} do expected = expected .. string.format('chunk %03d;', i) end
      local got = byte_span.new(#expected)
      stream.read_all(s, got)
      writer:join()
      probe.note(tostring(got) == expected, s.is_open)
      probe.finish()
    `, { socket: giveFd(peer.theirs) }, { timeoutMs: 30_000 });
    assert.equal(notes, ['true\ttrue']);
  } finally {
    clearInterval(heartbeat);
    clearInterval(flip);
    clearInterval(sender);
    clearInterval(reader);
  }
  // The loop kept running all along (a blocked recv/send would have stopped it).
  assert.ok(ticks > 10, `event loop ticks: ${ticks}`);
  assert.ok(drained > 0);
  loadAddon().fdClose(shared);
  loadAddon().fdClose(peer.mine);
  await collectGarbage();
  assert.is(openDescriptorCount(), baseline);
});

test('10 000 messages with a descriptor each, flooded at a slow receiver: all arrive, none leaks', async () => {
  const peer = socketPair('SOCK_SEQPACKET');
  const TOTAL = 10_000;
  const [payloadFd] = devNulls(1);
  let sent = 0;
  let waits = 0;
  let sendError = 0;
  const flood = (): void => {
    while (sent < TOTAL) {
      const ret = loadAddon().sockSendFds(peer.mine, bytes(`m${sent}`), [payloadFd], null, 0);
      if (ret === -EAGAIN || ret === -errnoCodes.ETOOMANYREFS) {
        waits++;
        setTimeout(flood, 1);
        return;
      }
      if (ret < 0) {
        sendError = ret;
        return;
      }
      sent++;
    }
  };
  const { notes } = await runLua(`
    local probe = require 'test_probe'
    local time = require 'time'
    local s = require('unix').seqpacket.socket.new(probe.socket())
    probe.start_flood()
    local buf = byte_span.new(32)
    local in_order, with_fd = 0, 0
    for i = 0, ${TOTAL - 1} do
      local n, fds = s:receive_with_fds(buf, 1)
      if tostring(buf:sub(1, n)) == 'm' .. i then in_order = in_order + 1 end
      if #fds == 1 then with_fd = with_fd + 1 end
      for _, fd in ipairs(fds) do fd:close() end
      -- A slow receiver: a pause every 500 messages, so the sender keeps
      -- finding the socket full.
      if i % 500 == 499 then time.sleep(0.01) end
    end
    probe.note(in_order, with_fd)
    s:close()
    probe.finish()
  `, {
    socket: giveFd(peer.theirs),
    start_flood() {
      flood();
      return 0;
    },
  }, { timeoutMs: 60_000 });
  fs.closeSync(payloadFd);
  loadAddon().fdClose(peer.mine);
  assert.is(sendError, 0);
  assert.is(sent, TOTAL);
  assert.ok(waits > 0, 'the sender never found the socket full');
  assert.equal(notes, [`${TOTAL}\t${TOTAL}`]);
  await collectGarbage();
  assert.is(openDescriptorCount(), baseline);
});

test('descriptors received by a fiber that never resumes are closed with its VM', async () => {
  const peer = socketPair('SOCK_SEQPACKET');
  const { vm } = await runLua(`
    local probe = require 'test_probe'
    local s = require('unix').seqpacket.socket.new(probe.socket())
    spawn(function() s:receive_with_fds(byte_span.new(8), 5) end)
    probe.send()
    probe.finish()
  `, {
    socket: giveFd(peer.theirs),
    send() {
      const fds = devNulls(5);
      loadAddon().sockSendFds(peer.mine, bytes('x'), fds, null, 0);
      closeAll(fds);
      return 0;
    },
  }, { keepVm: true });
  // Let the readiness notification deliver the message to the waiting fiber.
  await new Promise((r) => setTimeout(r, 20));
  vm.terminate();
  loadAddon().fdClose(peer.mine);
  await collectGarbage();
  assert.is(openDescriptorCount(), baseline);
});

test.run();
