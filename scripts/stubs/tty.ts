// node:tty for the copies of supports-color in the fast entry points (src/fast/run.ts), which import
// it to ask whether standard output and error are terminals: the real module brings in net and all
// of streams (3.5 to 4 ms) for that question, which edge.ts answers through Node's binding.
import { isTerminal } from '../../src/edge.js';

export default { isatty: (fd: number) => Number.isInteger(fd) && fd >= 0 && isTerminal(fd) };
