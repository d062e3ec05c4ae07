// chalk's supports-color, for the fast entry points (src/fast/run.ts): the real one loads node:tty as
// it is imported, to look at both standard streams. The entry point decides the colour level itself
// and sets chalk.level, loading the real detection only when a stream is a terminal or colour is forced.
export default { stdout: false, stderr: false };
