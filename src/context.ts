import type { ChalkInstance } from 'chalk';
import type { Roadmap } from './content/schema.js';
import type { ExerciseSetup } from './exercises/setup.js';
import type { Files } from './files.js';
import type { SettingsStore } from './progress/settings.js';
import type { ProgressStore } from './progress/store.js';
import type { SyncPhase } from './sync/sync.js';
import type { Prompts } from './tutor/prompts.js';

/** Everything a command may use. `main.ts` builds the real one; tests build one in memory. */
export interface Context {
  /** The content pack being tutored. */
  roadmap: Roadmap;
  store: ProgressStore;
  /** Writes a line (a newline is added) to standard output. */
  out: (text: string) => void;
  /** Writes a line (a newline is added) to standard error. */
  err: (text: string) => void;
  /** Standard output is a terminal: decorate (bars, headings, spacing). Otherwise one item a line. */
  tty: boolean;
  /** Both standard input and output are terminals, so a prompt can be answered. */
  interactive: boolean;
  /** Columns to fit text into. */
  width: number;
  /** Rows of the terminal, for pages and lists that must fit on screen (24 when unknown). */
  height: number;
  /** Clears the terminal so a new page starts on a clean screen; does nothing off a terminal. */
  clear: () => void;
  /** Colours, at the level decided once in `main.ts` (level 0: none). */
  style: ChalkInstance;
  /** A terminal that shows only plain ASCII (TERM=dumb): no block characters, no cursor codes; absent means no. */
  ascii?: boolean;
  /** The terminal shows OSC 8 hyperlinks, so links may be printed as clickable text; absent means no. */
  hyperlinks?: boolean;
  now: () => Date;
  /** A random number in [0, 1), as Math.random gives: quizzes shuffle their answers with it. */
  random: () => number;
  /** Asks a yes/no question; only called when `interactive` is true. */
  confirm: (message: string) => Promise<boolean>;
  /** Files the learner names (export --output, import). */
  files: Files;
  /** The prompts the tutor asks with; only used when `interactive` is true. */
  prompts: Prompts;
  /** Where exercises' files are and how to run them; absent in contexts that run none (most tests). */
  exercises?: ExerciseSetup;
  /** What `sync` needs; absent where progress is not saved in a folder (most tests). */
  sync?: SyncSetup;
}

/** The sync repository's place, machine-local settings and the environment git runs with. */
export interface SyncSetup {
  /** The bare repository mlroadmap keeps in its own folder. */
  repoDir: string;
  /** Machine-local settings (settings.json beside progress): the remote, the last sync. Never synced. */
  settings: SettingsStore;
  env: NodeJS.ProcessEnv;
  /** Time allowed for each fetch and push. */
  networkTimeoutMs?: number;
  /** Called as each phase of a sync starts (tests stop the process there: MLROADMAP_SYNC_KILL_AT). */
  onPhase?: (phase: SyncPhase) => void;
}
