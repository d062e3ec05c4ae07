import { isAbsolute, join } from 'node:path';

/**
 * Where mlroadmap keeps its files, by the XDG base directory spec on Linux and by each platform's
 * custom elsewhere. Undefined when there is no absolute home folder (`HOME=` empty or relative):
 * nothing must land in whatever folder the learner happens to be in.
 *
 * - config (progress): `MLROADMAP_CONFIG_DIR`, else `$XDG_CONFIG_HOME/mlroadmap`, else
 *   `~/.config/mlroadmap` (macOS `~/Library/Preferences/mlroadmap`, Windows `%APPDATA%\mlroadmap\Config`);
 * - cache (compiled code, rendered pages, compiled packs): `MLROADMAP_CACHE_DIR` (`off`: none), else
 *   `$XDG_CACHE_HOME/mlroadmap`, else `~/.cache/mlroadmap` (macOS `~/Library/Caches/mlroadmap`,
 *   Windows `%LOCALAPPDATA%\mlroadmap\Cache`).
 */
export function appDir(kind: 'config' | 'cache', env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  const own = kind === 'config' ? env.MLROADMAP_CONFIG_DIR : env.MLROADMAP_CACHE_DIR;
  if (kind === 'cache' && own === 'off') return undefined;
  if (own) return own;
  // The XDG spec says to ignore a relative path.
  const xdg = kind === 'config' ? env.XDG_CONFIG_HOME : env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'mlroadmap');
  // HOME as os.homedir() reads it on these systems, without loading node:os (a few tenths of a millisecond a start).
  const home = platform !== 'win32' && env.HOME ? env.HOME : process.getBuiltinModule('node:os').homedir();
  if (!isAbsolute(home)) return undefined;
  if (platform === 'darwin') return join(home, 'Library', kind === 'config' ? 'Preferences' : 'Caches', 'mlroadmap');
  if (platform === 'win32') {
    const base =
      kind === 'config' ? (env.APPDATA ?? join(home, 'AppData', 'Roaming')) : (env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'));
    return join(base, 'mlroadmap', kind === 'config' ? 'Config' : 'Cache');
  }
  return join(home, kind === 'config' ? '.config' : '.cache', 'mlroadmap');
}

/** The progress file's name in the config folder. */
export const PROGRESS_FILE = 'progress.json';

/** Where progress is kept, as the store names it: the file in `configDir`, or a note that it is not saved. */
export function progressPath(configDir: string | undefined): string {
  return configDir === undefined ? '(not saved)' : join(configDir, PROGRESS_FILE);
}
