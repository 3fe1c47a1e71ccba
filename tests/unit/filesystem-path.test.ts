// The lexical path algorithms of filesystem.path
// (runtime/modules/filesystem/path-logic.ts), checked against the results
// C++17's std::filesystem::path gives on POSIX.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as P from '../../runtime/io/path-logic';

test('decomposition', () => {
  const rows: [string, string, string, string, string, string, string, string][] = [
    // path, root_directory, relative_path, parent_path, filename, stem, extension, generic
    ['', '', '', '', '', '', '', ''],
    ['/', '/', '', '/', '', '', '', '/'],
    ['//', '/', '', '//', '', '', '', '/'],
    ['a', '', 'a', '', 'a', 'a', '', 'a'],
    ['/a', '/', 'a', '/', 'a', 'a', '', '/a'],
    ['//a', '/', 'a', '/', 'a', 'a', '', '/a'],
    ['a/b', '', 'a/b', 'a', 'b', 'b', '', 'a/b'],
    ['a//b', '', 'a//b', 'a', 'b', 'b', '', 'a/b'],
    ['a/b/', '', 'a/b/', 'a/b', '', '', '', 'a/b/'],
    ['a/b//', '', 'a/b//', 'a/b', '', '', '', 'a/b/'],
    ['/usr/lib/libc.so.6', '/', 'usr/lib/libc.so.6', '/usr/lib', 'libc.so.6', 'libc.so', '.6', '/usr/lib/libc.so.6'],
    ['.', '', '.', '', '.', '.', '', '.'],
    ['..', '', '..', '', '..', '..', '', '..'],
    ['dir/.', '', 'dir/.', 'dir', '.', '.', '', 'dir/.'],
    ['.bashrc', '', '.bashrc', '', '.bashrc', '.bashrc', '', '.bashrc'],
    ['.tar.gz', '', '.tar.gz', '', '.tar.gz', '.tar', '.gz', '.tar.gz'],
    ['file.', '', 'file.', '', 'file.', 'file', '.', 'file.'],
    ['//x//y//', '/', 'x//y//', '//x//y', '', '', '', '/x/y/'],
  ];
  for (const [p, rootDir, rel, parent, name, stem, ext, generic] of rows) {
    assert.is(P.rootName(p), '', `root_name(${p})`);
    assert.is(P.rootDirectory(p), rootDir, `root_directory(${p})`);
    assert.is(P.rootPath(p), rootDir, `root_path(${p})`);
    assert.is(P.relativePath(p), rel, `relative_path(${p})`);
    assert.is(P.parentPath(p), parent, `parent_path(${p})`);
    assert.is(P.filename(p), name, `filename(${p})`);
    assert.is(P.stem(p), stem, `stem(${p})`);
    assert.is(P.extension(p), ext, `extension(${p})`);
    assert.is(P.toGeneric(p), generic, `generic(${p})`);
    assert.is(P.isAbsolute(p), rootDir !== '', `is_absolute(${p})`);
  }
});

test('iteration', () => {
  assert.equal(P.elements(''), []);
  assert.equal(P.elements('/'), ['/']);
  assert.equal(P.elements('//'), ['/']);
  assert.equal(P.elements('/home//user/'), ['/', 'home', 'user', '']);
  assert.equal(P.elements('a/./b'), ['a', '.', 'b']);
  assert.equal(P.elements('a'), ['a']);
});

test('join and concatenation', () => {
  assert.is(P.join('a', 'b'), 'a/b');
  assert.is(P.join('a/', 'b'), 'a/b');
  assert.is(P.join('', 'b'), 'b');
  assert.is(P.join('a', ''), 'a/');
  assert.is(P.join('a/', ''), 'a/');
  assert.is(P.join('/', 'b'), '/b');
  assert.is(P.join('a', '/b'), '/b');
  assert.is(P.join('a//', 'b'), 'a//b');
});

test('remove_filename, replace_filename, replace_extension', () => {
  assert.is(P.removeFilename('/foo/bar'), '/foo/');
  assert.is(P.removeFilename('/foo/'), '/foo/');
  assert.is(P.removeFilename('/'), '/');
  assert.is(P.removeFilename('foo'), '');
  assert.is(P.removeFilename('/foo'), '/');
  assert.is(P.removeFilename(''), '');
  assert.is(P.replaceFilename('/foo/bar', 'baz'), '/foo/baz');
  assert.is(P.replaceFilename('/', 'bar'), '/bar');
  assert.is(P.replaceFilename('foo', 'bar'), 'bar');
  assert.is(P.replaceFilename('a/b', '/abs'), '/abs');
  assert.is(P.replaceExtension('/foo/bar.jpg', '.png'), '/foo/bar.png');
  assert.is(P.replaceExtension('/foo/bar.jpg', 'png'), '/foo/bar.png');
  assert.is(P.replaceExtension('/foo/bar.jpg', '.'), '/foo/bar.');
  assert.is(P.replaceExtension('/foo/bar.jpg', ''), '/foo/bar');
  assert.is(P.replaceExtension('/foo/bar.jpg'), '/foo/bar');
  assert.is(P.replaceExtension('/foo/bar', '.png'), '/foo/bar.png');
  assert.is(P.replaceExtension('/foo/.', '.png'), '/foo/..png');
  assert.is(P.replaceExtension('/foo/..', '.png'), '/foo/...png');
  assert.is(P.replaceExtension('/foo/', '.png'), '/foo/.png');
  assert.is(P.replaceExtension('.hidden', 'x'), '.hidden.x');
});

test('lexically_normal', () => {
  const rows: [string, string][] = [
    ['', ''],
    ['foo/./bar/..', 'foo/'],
    ['foo/.///bar/../', 'foo/'],
    ['a/..', '.'],
    ['./', '.'],
    ['.', '.'],
    ['..', '..'],
    ['../..', '../..'],
    ['../a/..', '..'],
    ['a/../..', '..'],
    ['a/b/../..', '.'],
    ['a/b/./..', 'a/'],
    ['/..', '/'],
    ['/a/..', '/'],
    ['/a/./..', '/'],
    ['//a//b//', '/a/b/'],
    ['/../a', '/a'],
    ['a/./b/', 'a/b/'],
    ['../.', '..'],
    ['.././..', '../..'],
    ['../a/../..', '../..'],
    ['a/.', 'a/'],
  ];
  for (const [p, expected] of rows) assert.is(P.lexicallyNormal(p), expected, `lexically_normal(${p})`);
});

test('lexically_relative and lexically_proximate', () => {
  const rows: [string, string, string][] = [
    ['/a/d', '/a/b/c', '../../d'],
    ['/a/b/c', '/a/d', '../b/c'],
    ['a/b/c', 'a', 'b/c'],
    ['a/b/c', 'a/b/c/x/y', '../..'],
    ['a/b/c', 'a/b/c', '.'],
    ['a/b', 'c/d', '../../a/b'],
    ['a/b/', 'a', 'b/'],
    ['a', '/a', ''],
    ['/a', 'a', ''],
    ['a', 'a/..', ''],
    ['a/b', 'a/b/.', '.'],
    ['a', '../b', 'a'],
  ];
  for (const [p, base, expected] of rows) {
    assert.is(P.lexicallyRelative(p, base), expected, `lexically_relative(${p}, ${base})`);
  }
  assert.is(P.lexicallyProximate('a', '/a'), 'a');
  assert.is(P.lexicallyProximate('/a/d', '/a/b/c'), '../../d');
});

test('comparison is element-wise', () => {
  assert.is(P.compare('a/b', 'a//b'), 0);
  assert.ok(P.compare('a', 'a/') < 0);
  assert.ok(P.compare('a', 'b') < 0);
  assert.ok(P.compare('b', '/a') < 0);
  assert.ok(P.compare('/a', 'b') > 0);
  assert.ok(P.compare('a/b', 'a.b') < 0, 'element boundary first: "a" < "a.b"');
  assert.ok(P.compare('\x7f', '\xff') < 0, 'bytes compare unsigned');
  assert.is(P.compare('', ''), 0);
});

test('bytes survive unchanged', () => {
  const raw = new Uint8Array([0x2f, 0x74, 0xff, 0xfe, 0x80, 0x2f, 0x61]);
  const p = P.bytesToPath(raw);
  assert.is(P.filename(p), 'a');
  assert.equal([...P.pathToBytes(P.parentPath(p))], [0x2f, 0x74, 0xff, 0xfe, 0x80]);
});

test.run();
