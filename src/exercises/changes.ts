import { type FSWatcher, type StatWatcher, statSync, unwatchFile, watch, watchFile } from 'node:fs';
import { basename, dirname } from 'node:path';

/** How often the file is polled where the file system gives no change events. */
export const POLL_MS = 300;
/** Saves come as several events (truncate, write, rename): one run after they settle. */
const SETTLE_MS = 80;

/**
 * Calls `onChange` each time `file` is saved: through the file system's events (`fs.watch` on its
 * folder, so an editor that saves by renaming a new file over it is seen too), or by polling every
 * `POLL_MS` where there are none (network folders, some WSL set-ups) or `poll` asks for it.
 * Returns the function that stops watching.
 */
export function watchForSaves(file: string, onChange: () => void, poll = false): () => void {
  let timer: NodeJS.Timeout | undefined;
  let last = stamp(file);
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const now = stamp(file);
      if (now === last) return;
      last = now;
      onChange();
    }, SETTLE_MS);
  };
  let watcher: FSWatcher | undefined;
  if (!poll) {
    try {
      watcher = watch(dirname(file), (_event, name) => {
        if (name === null || name === basename(file)) changed();
      });
      watcher.on('error', () => {
        watcher?.close();
        watcher = undefined;
        startPolling();
      });
    } catch {
      watcher = undefined;
    }
  }
  let polling: StatWatcher | undefined;
  function startPolling() {
    polling ??= watchFile(file, { interval: POLL_MS, persistent: true }, changed);
  }
  if (!watcher) startPolling();
  return () => {
    clearTimeout(timer);
    watcher?.close();
    if (polling) unwatchFile(file, changed);
  };
}

/** What tells one save from another: size and modification time (an unchanged touch is not a save). */
function stamp(file: string): string {
  try {
    const stat = statSync(file, { bigint: true });
    return `${stat.size} ${stat.mtimeNs} ${stat.ino}`;
  } catch {
    return 'missing';
  }
}
