import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXERCISE_LIBRARIES, type ExerciseLibrary } from '../content/schema.js';
import { runProcess } from './process.js';

/** Where the interpreter came from, for `doctor` and messages. */
export type PythonSource = 'workspace .venv' | '--python' | 'MLROADMAP_PYTHON' | 'PATH';

export interface PythonChoice {
  /** What is run: a path, or a name looked up on PATH. */
  command: string;
  source: PythonSource;
}

/**
 * The interpreter that runs the checks: the workspace's own virtual environment when it has one
 * (`.venv/bin/python`, `.venv\Scripts\python.exe` on Windows), else `--python`, else
 * `MLROADMAP_PYTHON`, else `python3` on PATH (`python` on Windows, where `python3` is often the
 * Store's stub).
 */
export function choosePython(options: {
  workspace?: string | undefined;
  option?: string | undefined;
  env?: string | undefined;
  platform?: NodeJS.Platform;
}): PythonChoice {
  const windows = (options.platform ?? process.platform) === 'win32';
  if (options.workspace !== undefined) {
    const venv = windows ? join(options.workspace, '.venv', 'Scripts', 'python.exe') : join(options.workspace, '.venv', 'bin', 'python');
    if (existsSync(venv)) return { command: venv, source: 'workspace .venv' };
  }
  if (options.option) return { command: options.option, source: '--python' };
  if (options.env) return { command: options.env, source: 'MLROADMAP_PYTHON' };
  return { command: windows ? 'python' : 'python3', source: 'PATH' };
}

/** The modules `doctor` asks about, with their pip names: the four libraries most exercises use, pytest, and PyTorch. */
export const PROBED_MODULES: Record<string, string> = {
  numpy: 'numpy',
  pandas: 'pandas',
  sklearn: 'scikit-learn',
  pytest: 'pytest',
  torch: 'torch',
};

/** What an interpreter is: its version and, for each module asked about, its version (null: not installed). */
export type PythonProbe =
  | { found: true; version: string; executable: string; modules: Record<string, string | null> }
  | { found: false; problem: string };

/** Asks the interpreter for its version and which of `modules` it can import, without importing the heavy ones (find_spec, then metadata). */
export async function probePython(command: string, modules: readonly string[], cwd?: string): Promise<PythonProbe> {
  const script = [
    'import importlib.util, json, sys',
    'try:',
    '    from importlib.metadata import version as _v',
    'except Exception:',
    '    _v = None',
    'names = {"sklearn": "scikit-learn"}',
    'out = {}',
    `for m in ${JSON.stringify(modules)}:`,
    '    try:',
    '        spec = importlib.util.find_spec(m)',
    '    except Exception:',
    '        spec = None',
    '    if spec is None:',
    '        out[m] = None',
    '        continue',
    '    try:',
    '        out[m] = _v(names.get(m, m)) if _v else "installed"',
    '    except Exception:',
    '        out[m] = "installed"',
    'print(json.dumps({"version": "%d.%d.%d" % sys.version_info[:3], "executable": sys.executable, "modules": out}))',
  ].join('\n');
  // Not isolated (-I): a module installed with `pip install --user` counts, as it does when the checks run.
  const run = await runProcess(command, ['-c', script], {
    cwd: cwd ?? process.getBuiltinModule('node:os').tmpdir(),
    timeoutMs: 20_000,
    maxOutputBytes: 64 * 1024,
  });
  if (run.spawnError) return { found: false, problem: run.spawnError };
  if (run.timedOut) return { found: false, problem: `${command} did not answer within 20 s` };
  try {
    const parsed = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as {
      version: string;
      executable: string;
      modules: Record<string, string | null>;
    };
    return { found: true, ...parsed };
  } catch {
    return {
      found: false,
      problem: `${command} is not a Python 3 that mlroadmap can use (${lastLine(run.stderr) || `exit code ${run.code}`})`,
    };
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.trim() ?? '';
}

/** The pip name of a module, for `pip install` commands. */
export function pipNameOf(module: string): string {
  return (EXERCISE_LIBRARIES as Record<string, string>)[module] ?? PROBED_MODULES[module] ?? module;
}

/** The command that installs `modules` into `python`'s environment. */
export function pipCommand(python: string, modules: readonly string[]): string {
  const quoted = /[\s'"$`\\]/.test(python) ? `"${python.replaceAll('"', '\\"')}"` : python;
  return `${quoted} -m pip install ${modules.map(pipNameOf).join(' ')}`;
}

/** The libraries an exercise needs that the probe found missing. */
export function missingLibraries(requires: readonly ExerciseLibrary[], probe: PythonProbe): ExerciseLibrary[] {
  if (!probe.found) return [...requires];
  return requires.filter((module) => probe.modules[module] === null || probe.modules[module] === undefined);
}
