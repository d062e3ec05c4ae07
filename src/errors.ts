/**
 * Errors meant for a person. Each carries the exit code the process ends with; `main.ts` prints the
 * message as one line on stderr, never a stack trace.
 */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/** The command line itself was wrong: unknown option, missing argument, bad number. Exit code 2. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

/** The progress file exists but cannot be used; it is left untouched. */
export class ProgressFileError extends UserError {
  readonly path: string;
  constructor(path: string, problem: string) {
    super(
      `cannot use the progress file ${path}: ${problem}. It was left untouched; run 'mlroadmap doctor' for details or 'mlroadmap reset' to back it up and start fresh`,
    );
    this.name = 'ProgressFileError';
    this.path = path;
  }
}

/** The progress file could not be written; the old file is intact. */
export class ProgressWriteError extends UserError {
  constructor(path: string, reason: string) {
    super(`could not save progress to ${path}: ${reason}. Nothing was changed`);
    this.name = 'ProgressWriteError';
  }
}

/** A content pack failed validation; `problems` lists each with its file and field. */
export class ContentError extends UserError {
  readonly problems: string[];
  constructor(where: string, problems: string[]) {
    // The folder is what the learner typed, and may be anything: quoted short.
    const name = where.length > 60 ? `${where.slice(0, 57)}...` : where;
    super(
      `the content pack ${name} is not usable: ${(problems[0] ?? 'unknown problem').replace(`${where}: `, '')}${problems.length > 1 ? ` (and ${problems.length - 1} more; run 'mlroadmap validate ${name}')` : ''}`,
    );
    this.name = 'ContentError';
    this.problems = problems;
  }
}

/** The learner pressed Escape in a prompt: go back one level (the tutor catches it). */
export class LeaveError extends Error {
  constructor() {
    super('left with Escape');
    this.name = 'LeaveError';
  }
}

/** The learner pressed Ctrl+C: the process ends with exit code 130, saying nothing more. */
export class InterruptedError extends Error {
  constructor() {
    super('interrupted');
    this.name = 'InterruptedError';
  }
}
