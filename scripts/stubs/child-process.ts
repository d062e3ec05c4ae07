// commander requires `node:child_process` when it loads, for subcommands that are separate
// executables; mlroadmap has none. The bundle gives commander this instead, which loads the real
// module (and the networking code it pulls in) only if `spawn` is ever called.
import type * as ChildProcessModule from 'node:child_process';

export const spawn = ((...args: Parameters<typeof ChildProcessModule.spawn>) =>
  process.getBuiltinModule('node:child_process').spawn(...args)) as typeof ChildProcessModule.spawn;
