import type { ChalkInstance } from 'chalk';

/** The styles a colour-less chalk has as functions of a colour (`hex('#fff')`), each giving a style. */
const MAKERS = new Set(['rgb', 'hex', 'ansi256', 'bgRgb', 'bgHex', 'bgAnsi256']);

/**
 * What chalk at level 0 does, without loading chalk: every style, and every chain of them, joins its
 * arguments with spaces and returns the text as it is (`visible` anywhere in a chain returns ''),
 * and `level` is 0. A print command in a pipe styles nothing, and chalk's module costs a start about
 * a millisecond to set up its styles. tests/fast.test.ts holds it to chalk's own at level 0.
 */
export function plainStyle(): ChalkInstance {
  const chain = (empty: boolean): unknown =>
    new Proxy(() => undefined, {
      apply: (_target, _this, args: unknown[]) => (empty ? '' : args.length === 1 ? `${args[0]}` : args.join(' ')),
      get: (_target, key) => {
        if (key === 'level') return 0;
        if (typeof key !== 'string') return undefined;
        if (MAKERS.has(key)) return () => chain(empty);
        return chain(empty || key === 'visible');
      },
    });
  return chain(false) as ChalkInstance;
}
