import type { SettingsStore } from '../progress/settings.js';

/**
 * What exercise commands need from outside the program: where the pack's exercise files and the
 * pytest plugin are, the interpreter the environment asks for, machine-local settings, and a way to
 * be told of Ctrl+C. `main.ts` builds the real one; tests build their own.
 */
export interface ExerciseSetup {
  /** The folder holding the current pack's exercise folders (dist/exercises/ for the shipped guide); undefined when it has none. */
  dir: string | undefined;
  /** The folder holding mlroadmap_checks.py. */
  pluginDir: string;
  /** `MLROADMAP_PYTHON`, when set. */
  pythonEnv?: string | undefined;
  /** Where `exercises init` writes when given no folder (`~/mlroadmap-exercises`); undefined without a home folder. */
  defaultWorkspace: string | undefined;
  /** Machine-local settings: the workspace's place, hints shown. Never exported or synced. */
  settings: SettingsStore;
  /** Runs `work` with a signal that is aborted when the learner presses Ctrl+C (or mlroadmap is told to stop). */
  interruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /**
   * Hands each key the learner presses to `onKey` (`'return'`, `'ctrl-c'` or the character) until the
   * returned function is called; undefined where no keys can be read (no terminal). Watch mode's keys.
   */
  keys?: ((onKey: (key: string) => void) => () => void) | undefined;
  /** Poll for changes instead of waiting for the file system's events (`MLROADMAP_WATCH_POLL=1`). */
  poll?: boolean | undefined;
}
