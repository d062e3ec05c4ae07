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

/** ansi-styles' [open, close] codes of chalk's named styles: the same at every colour level. */
const NAMED: Readonly<Record<string, readonly [number, number]>> = {
  reset: [0, 0],
  bold: [1, 22],
  dim: [2, 22],
  italic: [3, 23],
  underline: [4, 24],
  overline: [53, 55],
  inverse: [7, 27],
  hidden: [8, 28],
  strikethrough: [9, 29],
  black: [30, 39],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  white: [37, 39],
  blackBright: [90, 39],
  gray: [90, 39],
  grey: [90, 39],
  redBright: [91, 39],
  greenBright: [92, 39],
  yellowBright: [93, 39],
  blueBright: [94, 39],
  magentaBright: [95, 39],
  cyanBright: [96, 39],
  whiteBright: [97, 39],
  bgBlack: [40, 49],
  bgRed: [41, 49],
  bgGreen: [42, 49],
  bgYellow: [43, 49],
  bgBlue: [44, 49],
  bgMagenta: [45, 49],
  bgCyan: [46, 49],
  bgWhite: [47, 49],
  bgBlackBright: [100, 49],
  bgGray: [100, 49],
  bgGrey: [100, 49],
  bgRedBright: [101, 49],
  bgGreenBright: [102, 49],
  bgYellowBright: [103, 49],
  bgBlueBright: [104, 49],
  bgMagentaBright: [105, 49],
  bgCyanBright: [106, 49],
  bgWhiteBright: [107, 49],
};

/** A chain of styles as chalk keeps it: its own codes, and with those of the styles before it. */
interface Styler {
  open: string;
  close: string;
  openAll: string;
  closeAll: string;
  parent: Styler | undefined;
}

/** chalk's stringReplaceAll (chalk/source/utilities.js). */
function replaceAll(text: string, find: string, replacer: string): string {
  let index = text.indexOf(find);
  if (index === -1) return text;
  let end = 0;
  let out = '';
  do {
    out += text.slice(end, index) + find + replacer;
    end = index + find.length;
    index = text.indexOf(find, end);
  } while (index !== -1);
  return out + text.slice(end);
}

/** chalk's stringEncaseCRLFWithFirstIndex: each line break closed before and opened after. */
function encaseLineBreaks(text: string, prefix: string, postfix: string, first: number): string {
  let end = 0;
  let index = first;
  let out = '';
  do {
    const cr = text[index - 1] === '\r';
    out += text.slice(end, cr ? index - 1 : index) + prefix + (cr ? '\r\n' : '\n') + postfix;
    end = index + 1;
    index = text.indexOf('\n', end);
  } while (index !== -1);
  return out + text.slice(end);
}

/**
 * What chalk does at colour level `level` (1 to 3) with its named styles and their chains
 * (`bold`, `dim`, `red`, `bold.yellow`, `visible`), byte for byte, without loading chalk: its module
 * builds every style and colour conversion when loaded, which cost a print command in colour about
 * 4 ms of CPU on Node 20. The named styles' codes are the same at every level. The colour functions
 * (`hex`, `rgb`, `ansi256`...) are not here: nothing a print command runs uses them, and asking for one
 * throws, which sends the line to the whole program (whose output it would be). tests/fast/style.test.ts
 * holds it to chalk's own output.
 */
export function colorStyle(level: 1 | 2 | 3): ChalkInstance {
  const make = (styler: Styler | undefined, empty: boolean, root: boolean): unknown => {
    const styled = (text: string): string => {
      // chalk's applyStyle, at a level above 0.
      if (!text) return empty ? '' : text;
      if (styler === undefined) return text;
      let out = text;
      if (out.includes('\u001B')) {
        for (let at: Styler | undefined = styler; at !== undefined; at = at.parent) out = replaceAll(out, at.close, at.open);
      }
      const lineBreak = out.indexOf('\n');
      if (lineBreak !== -1) out = encaseLineBreaks(out, styler.closeAll, styler.openAll, lineBreak);
      return styler.openAll + out + styler.closeAll;
    };
    const chained = new Map<string, unknown>();
    return new Proxy(() => undefined, {
      apply: (_target, _this, args: unknown[]) => (root ? args.join(' ') : styled(args.length === 1 ? `${args[0]}` : args.join(' '))),
      get: (_target, key) => {
        if (key === 'level') return level;
        if (typeof key !== 'string') return undefined;
        let next = chained.get(key);
        if (next !== undefined) return next;
        if (key === 'visible') next = make(styler, true, false);
        else {
          const codes = NAMED[key];
          if (codes === undefined) throw new Error(`the colour stand-in has no style named ${key}`);
          const open = `\u001B[${codes[0]}m`;
          const close = `\u001B[${codes[1]}m`;
          next = make(
            { open, close, openAll: (styler?.openAll ?? '') + open, closeAll: close + (styler?.closeAll ?? ''), parent: styler },
            empty,
            false,
          );
        }
        chained.set(key, next);
        return next;
      },
    });
  };
  return make(undefined, false, true) as ChalkInstance;
}
