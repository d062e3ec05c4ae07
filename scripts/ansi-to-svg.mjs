// Turns a terminal capture with ANSI colours into an SVG picture, for the README.
//
//   tmux new-session -d -s shot -x 80 -y 22 'mlroadmap start'
//   tmux capture-pane -t shot -p -e > tutor.ansi
//   node scripts/ansi-to-svg.mjs 'mlroadmap start' < tutor.ansi > docs/tutor.svg
//
// Only what tmux emits is understood: SGR sequences (bold, dim, italic, underline, inverse, the 16
// colours, 256 colours and true colour). Other escape sequences are dropped. One character is one
// cell wide, which holds for the text and block characters mlroadmap prints.
import { readFileSync } from 'node:fs';

const title = process.argv[2] ?? '';
const input = readFileSync(0, 'utf8');

const CELL_WIDTH = 8.4;
const LINE_HEIGHT = 18;
const FONT_SIZE = 14;
const PAD = 16;
const BAR = 30;
const FOREGROUND = '#d0d0d0';
const BACKGROUND = '#1e1e1e';
// The 16 colours of a dark theme (VS Code's), in SGR order: black, red, green, yellow, blue, magenta, cyan, white, then bright.
const PALETTE = [
  '#000000',
  '#cd3131',
  '#0dbc79',
  '#e5e510',
  '#2472c8',
  '#bc3fbc',
  '#11a8cd',
  '#e5e5e5',
  '#666666',
  '#f14c4c',
  '#23d18b',
  '#f5f543',
  '#3b8eea',
  '#d670d6',
  '#29b8db',
  '#e5e5e5',
];

function color256(n) {
  if (n < 16) return PALETTE[n];
  if (n >= 232) {
    const level = 8 + (n - 232) * 10;
    return rgb(level, level, level);
  }
  const i = n - 16;
  const steps = [0, 95, 135, 175, 215, 255];
  return rgb(steps[Math.floor(i / 36)], steps[Math.floor(i / 6) % 6], steps[i % 6]);
}

function rgb(r, g, b) {
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

const plain = () => ({ fg: undefined, bg: undefined, bold: false, dim: false, italic: false, underline: false, inverse: false });

/** Applies one SGR sequence's parameters to a style. */
function applySgr(style, params) {
  const codes = params === '' ? [0] : params.split(';').map(Number);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code === 0) Object.assign(style, plain());
    else if (code === 1) style.bold = true;
    else if (code === 2) style.dim = true;
    else if (code === 3) style.italic = true;
    else if (code === 4) style.underline = true;
    else if (code === 7) style.inverse = true;
    else if (code === 22) style.bold = style.dim = false;
    else if (code === 23) style.italic = false;
    else if (code === 24) style.underline = false;
    else if (code === 27) style.inverse = false;
    else if (code >= 30 && code <= 37) style.fg = PALETTE[code - 30];
    else if (code >= 90 && code <= 97) style.fg = PALETTE[code - 90 + 8];
    else if (code === 39) style.fg = undefined;
    else if (code >= 40 && code <= 47) style.bg = PALETTE[code - 40];
    else if (code >= 100 && code <= 107) style.bg = PALETTE[code - 100 + 8];
    else if (code === 49) style.bg = undefined;
    else if (code === 38 || code === 48) {
      const key = code === 38 ? 'fg' : 'bg';
      if (codes[i + 1] === 5) {
        style[key] = color256(codes[i + 2]);
        i += 2;
      } else if (codes[i + 1] === 2) {
        style[key] = rgb(codes[i + 2], codes[i + 3], codes[i + 4]);
        i += 4;
      }
    }
  }
}

/** Splits the capture into lines of styled runs: `{ text, style, column }`. */
function parse(text) {
  const style = plain();
  return text
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => {
      const runs = [];
      let column = 0;
      const pattern = /\u001b\[([0-9;]*)([A-Za-z])|\u001b[^[]|([^\u001b]+)/g;
      for (const match of line.matchAll(pattern)) {
        if (match[2] === 'm') applySgr(style, match[1]);
        else if (match[3]) {
          const chars = [...match[3]];
          runs.push({ text: match[3], style: { ...style }, column });
          column += chars.length;
        }
      }
      return runs;
    });
}

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const parsed = parse(input);
// Leading and trailing blank rows of the pane are not part of the picture.
const blank = (runs) => runs.every((run) => run.text.trim() === '');
const first = parsed.findIndex((runs) => !blank(runs));
const last = parsed.findLastIndex((runs) => !blank(runs));
const lines = first === -1 ? [] : parsed.slice(first, last + 1);
const columns = Math.max(20, ...lines.map((runs) => runs.reduce((end, run) => Math.max(end, run.column + [...run.text].length), 0)));
const width = Math.ceil(PAD * 2 + columns * CELL_WIDTH);
const height = Math.ceil(BAR + PAD + lines.length * LINE_HEIGHT + PAD / 2);

const body = lines.flatMap((runs, row) => {
  const y = BAR + PAD + row * LINE_HEIGHT;
  const backgrounds = [];
  const spans = runs.map((run) => {
    let { fg, bg } = run.style;
    if (run.style.inverse) [fg, bg] = [bg ?? BACKGROUND, fg ?? FOREGROUND];
    const x = PAD + run.column * CELL_WIDTH;
    if (bg) {
      const cells = [...run.text].length;
      backgrounds.push(
        `<rect x="${x.toFixed(1)}" y="${y - 13}" width="${(cells * CELL_WIDTH).toFixed(1)}" height="${LINE_HEIGHT}" fill="${bg}"/>`,
      );
    }
    const attributes = [
      `x="${x.toFixed(1)}"`,
      fg ? `fill="${fg}"` : '',
      run.style.bold ? 'font-weight="bold"' : '',
      run.style.dim ? 'fill-opacity="0.6"' : '',
      run.style.italic ? 'font-style="italic"' : '',
      run.style.underline ? 'text-decoration="underline"' : '',
    ].filter(Boolean);
    return `<tspan ${attributes.join(' ')}>${escapeXml(run.text)}</tspan>`;
  });
  if (spans.length === 0) return backgrounds;
  return [...backgrounds, `<text y="${y}">${spans.join('')}</text>`];
});

process.stdout.write(
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title || 'terminal')}">
<rect width="${width}" height="${height}" rx="8" fill="${BACKGROUND}"/>
<circle cx="18" cy="15" r="6" fill="#ff5f56"/><circle cx="38" cy="15" r="6" fill="#ffbd2e"/><circle cx="58" cy="15" r="6" fill="#27c93f"/>
<text x="${width / 2}" y="20" fill="#999999" font-family="sans-serif" font-size="13" text-anchor="middle">${escapeXml(title)}</text>
<g font-family="ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace" font-size="${FONT_SIZE}" fill="${FOREGROUND}" xml:space="preserve">
${body.join('\n')}
</g>
</svg>
`,
);
