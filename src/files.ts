import { readSync, statSync, writeFileSync } from 'node:fs';
import { DiskError, decodeUtf8, readRegularFile } from './disk.js';
import { isTerminal } from './edge.js';

/**
 * Files the learner names on the command line (`export --output`, `import`). Commands reach them
 * through `ctx.files`, so they never touch the file system themselves; errors come back as a
 * `FileAccessError` whose `problem` is a phrase a command can put in its own message.
 */
export interface Files {
  /** Reads a regular text file of at most `maxBytes`. */
  read(path: string, maxBytes: number): string;
  /** Writes a file; unless `overwrite`, fails with code EEXIST when it already exists. */
  write(path: string, text: string, overwrite: boolean): void;
}

export class FileAccessError extends Error {
  /** What went wrong, e.g. "it is a folder, not a file". */
  readonly problem: string;
  /** The system's error code (ENOENT, EEXIST, ...), or TOOBIG / NOTFILE for our own refusals. */
  readonly code: string;
  constructor(code: string, problem: string) {
    super(problem);
    this.name = 'FileAccessError';
    this.code = code;
    this.problem = problem;
  }
}

/** The real file system. */
export const diskFiles: Files = {
  read(path, maxBytes) {
    try {
      const text = decodeText(path === '-' ? readStandardInput(maxBytes) : readRegularFile(path, maxBytes));
      if (text === undefined) throw new FileAccessError('NOTTEXT', 'it is not text in UTF-8 or UTF-16 with a byte order mark');
      return text;
    } catch (error) {
      if (error instanceof DiskError && ['EISDIR', 'NOTFILE', 'TOOBIG'].includes(error.code)) {
        throw new FileAccessError(error.code, error.message);
      }
      throw toFileAccessError(error, path, 'read');
    }
  },
  write(path, text, overwrite) {
    try {
      // `wx` makes "does it exist?" and the write one step, so a file is never overwritten by accident.
      writeFileSync(path, text, { flag: overwrite ? 'w' : 'wx' });
    } catch (error) {
      throw toFileAccessError(error, path, 'write');
    }
  },
};

/**
 * Text in UTF-8 (a byte order mark is dropped), or in UTF-16 with a byte order mark, as Windows
 * PowerShell 5.1's `>` writes it; undefined for anything else.
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  const [a, b] = [bytes[0], bytes[1]];
  const utf16 = a === 0xff && b === 0xfe ? 'utf-16le' : a === 0xfe && b === 0xff ? 'utf-16be' : undefined;
  if (utf16) {
    try {
      return new TextDecoder(utf16, { fatal: true }).decode(bytes.subarray(2));
    } catch {
      return undefined;
    }
  }
  return decodeUtf8(bytes)?.replace(/^\uFEFF/, '');
}

/** Standard input up to `maxBytes` (`import -`); refused when it is a terminal, which would wait for typing. */
function readStandardInput(maxBytes: number): Buffer {
  if (isTerminal(0))
    throw new FileAccessError('TTY', 'standard input is the terminal; pipe an export into it (mlroadmap import - < progress.json)');
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A non-blocking pipe with nothing yet: wait a moment and read again.
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      // Closed (<&-) rather than at its end.
      if (code === 'EBADF') break;
      throw error;
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes) throw new DiskError('TOOBIG', `it is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  // Nothing came: say so, rather than letting the parser call nothing "not JSON".
  if (total === 0)
    throw new FileAccessError('EMPTY', 'standard input was empty or closed; pipe an export into it (mlroadmap import - < progress.json)');
  return Buffer.concat(chunks);
}

function toFileAccessError(error: unknown, path: string, doing: 'read' | 'write'): FileAccessError {
  if (error instanceof FileAccessError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  switch (code) {
    case 'ENOENT':
      return new FileAccessError(code, doing === 'read' ? 'there is no such file' : 'its folder does not exist');
    case 'EISDIR':
      return new FileAccessError(code, 'it is a folder; give a file name');
    case 'EEXIST':
      return isFolder(path)
        ? new FileAccessError('EISDIR', 'it is a folder; give a file name')
        : new FileAccessError(code, 'it already exists');
    case 'EACCES':
    case 'EPERM':
      return new FileAccessError(code, 'permission denied');
    default:
      return new FileAccessError(code, `it cannot be ${doing === 'read' ? 'read' : 'written'} (${code})`);
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
