// node:process for supports-hyperlinks in the fast entry points: as it is imported, it works out its
// default export from process.stdout and process.stderr, and on a terminal building either stream
// loads node:tty, net and all of streams (3.5 to 4 ms). The entry points never read that export
// (src/fast/run.ts calls createSupportsHyperlinks itself, and marked-terminal, which reads it, is not
// in them), so here the two streams are only "not a terminal"; the rest is the real process.
const notTerminal = { isTTY: false };

export default new Proxy(process, {
  get: (target, key) => (key === 'stdout' || key === 'stderr' ? notTerminal : Reflect.get(target, key)),
});
