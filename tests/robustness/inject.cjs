// Faults of a disk or a file system that cannot be made on demand here, injected into the built CLI:
// runBin passes NODE_OPTIONS="--require <this file>" and MLROADMAP_TEST_FAULTS, a comma-separated list:
//
//   no-hard-links     link() fails with EPERM, as on vfat and some network mounts (writes still work)
//   fsync-folder-eio  fsync() of a folder fails with EIO, as a failing disk answers after a rename
//   read-eio          reading progress.json fails with EIO (opening it works), as a bad sector does
//   kill-before-rename  SIGKILL just before a new progress.json is renamed into place (written and flushed)
//   kill-after-rename   SIGKILL just after it is renamed into place, before the folder is flushed
//   kill-mid-write      SIGKILL half-way through writing a new progress.json's temp file
//
// The bundle calls fs functions through the module object (`fs.linkSync(...)`), so replacing them
// here, before it loads, is what it calls.
const fs = require('node:fs');
const { basename } = require('node:path');

const faults = new Set((process.env.MLROADMAP_TEST_FAULTS ?? '').split(',').filter(Boolean));
const fail = (code, syscall, path) =>
  Object.assign(new Error(`${code}: injected, ${syscall}${path ? ` '${path}'` : ''}`), { code, syscall, ...(path ? { path } : {}) });

if (faults.has('no-hard-links')) {
  fs.linkSync = (from) => {
    throw fail('EPERM', 'link', String(from));
  };
}

if (faults.has('fsync-folder-eio')) {
  const fsyncSync = fs.fsyncSync;
  fs.fsyncSync = (fd) => {
    if (fs.fstatSync(fd).isDirectory()) throw fail('EIO', 'fsync');
    return fsyncSync(fd);
  };
}

if (faults.has('read-eio')) {
  const openSync = fs.openSync;
  const readSync = fs.readSync;
  const closeSync = fs.closeSync;
  const bad = new Set();
  fs.openSync = (path, ...rest) => {
    const fd = openSync(path, ...rest);
    if (basename(String(path)) === 'progress.json') bad.add(fd);
    return fd;
  };
  fs.readSync = (fd, ...rest) => {
    if (bad.has(fd)) throw fail('EIO', 'read');
    return readSync(fd, ...rest);
  };
  fs.closeSync = (fd) => {
    bad.delete(fd);
    return closeSync(fd);
  };
}

for (const when of ['before', 'after']) {
  if (!faults.has(`kill-${when}-rename`)) continue;
  const renameSync = fs.renameSync;
  fs.renameSync = (from, to) => {
    const target = basename(String(to)) === 'progress.json';
    if (target && when === 'before') process.kill(process.pid, 'SIGKILL');
    renameSync(from, to);
    if (target && when === 'after') process.kill(process.pid, 'SIGKILL');
  };
}

if (faults.has('kill-mid-write')) {
  const openSync = fs.openSync;
  const writeSync = fs.writeSync;
  const temps = new Set();
  fs.openSync = (path, ...rest) => {
    const fd = openSync(path, ...rest);
    if (basename(String(path)).startsWith('progress.json.tmp-')) temps.add(fd);
    return fd;
  };
  fs.writeSync = (fd, buffer, offset, length, ...rest) => {
    if (!temps.has(fd) || typeof buffer === 'string') return writeSync(fd, buffer, offset, length, ...rest);
    writeSync(fd, buffer, offset ?? 0, Math.floor((length ?? buffer.length) / 2), ...rest);
    process.kill(process.pid, 'SIGKILL');
  };
}
