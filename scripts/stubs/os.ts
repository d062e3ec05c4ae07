// node:os for both copies of supports-color (chalk's, and supports-hyperlinks'): they import it as
// a module (`import os from 'node:os'`), which the bundle turns into loading node:os and copying
// every one of its exports, about 1.4 ms of a print command's start on a terminal, for `os.release()`,
// which they call on Windows alone. The real module is loaded when that is called.
export default {
  release: (): string => process.getBuiltinModule('node:os').release(),
};
