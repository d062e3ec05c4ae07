import { statSync, writeFileSync } from 'node:fs';
import { DiskError, decodeUtf8, readRegularFile } from './disk.js';

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
      const text = decodeUtf8(readRegularFile(path, maxBytes));
      if (text === undefined) throw new FileAccessError('NOTTEXT', 'it is not UTF-8 text');
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
