import type { ChalkInstance } from 'chalk';
import type { DayActivity } from '../progress/stats.js';

/** How a heatmap is drawn: the width to fit, colours (level 0: none) and whether only ASCII shows. */
export interface HeatmapView {
  width: number;
  style: ChalkInstance;
  /** Colour cells on a terminal that shows colour; otherwise (a pipe, NO_COLOR, TERM=dumb) an ASCII scale. */
  colour: boolean;
}

export type HeatmapMetric = 'minutes' | 'reviews';

/** The lower bound of levels 1-4 of each metric: a day at or above it (and under the next) has that level. */
export const LEVELS: Record<HeatmapMetric, readonly [number, number, number, number]> = {
  minutes: [1, 30, 60, 120],
  reviews: [1, 10, 25, 50],
};

/** The ASCII scale, level 0 to 4: readable in a pipe, a log file and on any terminal. */
export const ASCII_SCALE = ['.', '-', '+', '*', '#'] as const;

const WEEKDAY_LABELS = ['Mon', '', 'Wed', '', 'Fri', '', 'Sun'];
const LABEL_WIDTH = 4;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const MAX_WEEKS = 52;

/**
 * Each day's level (0-4) of `metric`: how many of its bounds (LEVELS) the day's value reaches. One
 * loop over the days rather than a small function called for each day: called for a year's days
 * twice, such a function was hot enough for V8 to compile it optimised on a background thread,
 * about 4 ms of CPU that the process also waits for at exit.
 */
export function levelsOf(days: readonly DayActivity[], metric: HeatmapMetric): number[] {
  const bounds = LEVELS[metric];
  const levels = new Array<number>(days.length);
  for (let i = 0; i < days.length; i++) {
    const value = (days[i] as DayActivity)[metric];
    let level = 0;
    for (let b = 0; b < bounds.length; b++) if (value >= (bounds[b] as number)) level = b + 1;
    levels[i] = level;
  }
  return levels;
}

/** How many weeks fit: one column each after the weekday labels, at most 52, at least one. */
export function weeksThatFit(width: number): number {
  return Math.max(1, Math.min(MAX_WEEKS, width - LABEL_WIDTH));
}

/** The mark of each level, 0 to 4, as `view` shows them. */
function cells(view: HeatmapView): readonly string[] {
  if (!view.colour) return ASCII_SCALE;
  const s = view.style;
  return [s.dim('·'), s.green.dim('■'), s.green('■'), s.greenBright('■'), s.bold.greenBright('■')];
}

/**
 * A calendar heatmap: a row per weekday (Monday first), a column per week, the current week last,
 * months named above the week in which they begin. `days` are consecutive local days ending today
 * (as `statsReport` gives them); days after today are left blank. Every line fits `view.width`.
 */
export function renderHeatmap(days: readonly DayActivity[], metric: HeatmapMetric, view: HeatmapView): string[] {
  const last = days.at(-1);
  if (last === undefined) return [];
  const weeks = weeksThatFit(view.width);
  const marks = cells(view);
  const today = last.date;
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  // Days before today's, in days; the first column's Monday is this far back.
  const back = weekday + 7 * (weeks - 1);
  const firstMonday = shift(today, -back);
  const columns = Array.from({ length: weeks }, (_, w) => shift(firstMonday, 7 * w));
  let header = ' '.repeat(LABEL_WIDTH);
  for (const [w, monday] of columns.entries()) {
    const sunday = shift(monday, 6);
    const starts = sunday.slice(8) < monday.slice(8) || monday.slice(8) === '01';
    const month = MONTHS[Number(sunday.slice(5, 7)) - 1] as string;
    // A month is named above the week holding its first day, when its name fits before the next.
    if (starts && header.length <= LABEL_WIDTH + w && LABEL_WIDTH + w + month.length <= view.width) {
      header = header.padEnd(LABEL_WIDTH + w) + month;
    }
  }
  // The day in week w on weekday d is `days[days.length - 1 - back + 7w + d]` (days are consecutive,
  // today last): no date is worked out per cell. Days before the first are empty, after today blank.
  const levels = levelsOf(days, metric);
  const rows = WEEKDAY_LABELS.map((label, d) => {
    let line = label.padEnd(LABEL_WIDTH);
    for (let w = 0; w < weeks; w++) {
      const index = days.length - 1 - back + 7 * w + d;
      line += index >= days.length ? ' ' : (marks[index < 0 ? 0 : (levels[index] as number)] as string);
    }
    return line.trimEnd();
  });
  return [header.trimEnd(), ...rows];
}

/** The key under a heatmap: each level's mark and what it means, or "Less ... More" where that does not fit. */
export function renderLegend(metric: HeatmapMetric, view: HeatmapView): string {
  const [a, b, c, d] = LEVELS[metric];
  const unit = metric === 'minutes' ? ' min' : '';
  const ranges = ['none', `${a}-${b - 1}${unit}`, `${b}-${c - 1}${unit}`, `${c}-${d - 1}${unit}`, `${d}${unit} or more`];
  const plainWidth = ranges.reduce((sum, range) => sum + range.length + 3, 0) + 2 * (ranges.length - 1) - 2;
  const marks = cells(view);
  if (plainWidth <= view.width) return ranges.map((range, level) => `${marks[level]} ${range}`).join('  ');
  return `Less ${marks.join('')} More`;
}

function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
