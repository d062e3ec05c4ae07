import type { RetentionCount, StatsReport } from '../progress/stats.js';
import { plural } from '../words.js';
import { type HeatmapView, renderHeatmap, renderLegend, weeksThatFit } from './heatmap.js';
import { wrapLine } from './text.js';

const percent = (count: RetentionCount) => (count.rate === null ? 'no reviews yet' : `${Math.round(count.rate * 100)}%`);

/** The heatmap of minutes studied, with its title and key: what `stats` and the tutor's My progress show first. */
export function renderStudyHeatmap(report: StatsReport, view: HeatmapView): string[] {
  const weeks = weeksThatFit(view.width);
  return [
    `Minutes studied, the last ${plural(weeks, 'week')}`,
    ...renderHeatmap(report.days, 'minutes', view),
    renderLegend('minutes', view),
  ];
}

/** The streak in a sentence, and why the last one ended. */
export function describeStreaks(report: StatsReport): string {
  const { current, longest, lastEnded } = report.streaks;
  const now = current === 0 ? 'No streak running' : `Streak: ${plural(current, 'day')}`;
  const best = longest > current ? ` (longest ${plural(longest, 'day')})` : '';
  const ended = lastEnded
    ? `. Your last streak (${plural(lastEnded.days, 'day')}, to ${lastEnded.to}) ended on ${lastEnded.brokenOn}: nothing was logged or reviewed that day.`
    : '.';
  return `${now}${best}${ended}`;
}

/** The whole report: heatmaps of study and reviews, then the figures, each section a few lines that fit `view.width`. */
export function renderStats(report: StatsReport, view: HeatmapView): string {
  const lines: string[] = [...renderStudyHeatmap(report, view), ''];
  lines.push(`Reviews, the last ${plural(weeksThatFit(view.width), 'week')}`, ...renderHeatmap(report.days, 'reviews', view));
  lines.push(renderLegend('reviews', view), '');

  const { totals } = report;
  lines.push(`In all: ${totals.hours} h studied and ${plural(totals.reviews, 'review')}, on ${plural(totals.activeDays, 'day')}.`);
  lines.push(describeStreaks(report));
  const planned = report.pace.plannedHoursPerWeek;
  lines.push(
    `Pace: ${report.pace.recentHoursPerWeek} h a week over the last four weeks${planned === null ? ' (no plan: mlroadmap plan --hours-per-week 10)' : `, against ${planned} h planned`}.`,
  );
  lines.push('', 'Hours a week, each from its Monday:', ...renderWeeks(report.weeks, view));
  if (report.steps.length > 0) {
    lines.push('', 'Hours by step:');
    for (const step of report.steps) lines.push(`  ${step.number}. ${step.title}: ${step.hours} h`);
  }

  const { retention } = report;
  lines.push(
    '',
    retention.overall.rate === null
      ? 'Retention: no reviews yet of a card seen before.'
      : `Retention: ${percent(retention.overall)} of ${plural(retention.overall.reviews, 'review')} of cards seen before were remembered.`,
  );
  if (retention.byMonth.length > 0)
    lines.push(
      `By month: ${retention.byMonth
        .slice(-6)
        .map((m) => `${m.month} ${percent(m)}`)
        .join(', ')}`,
    );
  if (retention.byStep.length > 0)
    lines.push(`By step: ${retention.byStep.map((s) => `${s.number}. ${percent(s)} (${s.reviews})`).join(', ')}`);

  const dueToday = report.forecast[0]?.due ?? 0;
  const dueWeek = report.forecast.slice(0, 7).reduce((sum, day) => sum + day.due, 0);
  const dueMonth = report.forecast.reduce((sum, day) => sum + day.due, 0);
  const busiest = report.forecast.reduce((max, day) => (day.due > max.due ? day : max), { date: '', due: 0 });
  lines.push(
    '',
    `Reviews due: ${dueToday} today, ${dueWeek} in the next 7 days, ${dueMonth} in the next 30${busiest.due > 0 ? `; the busiest day is ${busiest.date} (${busiest.due})` : ''}.`,
  );
  if (report.forgotten.length > 0) {
    lines.push('', 'Most often forgotten:');
    for (const topic of report.forgotten) {
      const step = topic.number.split('.')[0];
      lines.push(`  ${topic.number} ${topic.title}: ${topic.lapses} of ${topic.reviews} forgotten (mlroadmap topics ${step})`);
    }
  }
  return lines.flatMap((line) => (line === '' ? [''] : wrapLine(line, view.width))).join('\n');
}

/** A row per week: its Monday, its hours and a bar scaled to the busiest week, in `#` off a colour terminal. */
function renderWeeks(weeks: StatsReport['weeks'], view: HeatmapView): string[] {
  const most = Math.max(...weeks.map((week) => week.hours));
  const room = Math.max(0, Math.min(30, view.width - 20));
  return weeks.map((week) => {
    const length = most === 0 ? 0 : Math.round((week.hours / most) * room);
    const bar = view.colour ? view.style.green('\u2588'.repeat(length)) : '#'.repeat(length);
    return `  ${week.start}  ${`${week.hours} h`.padStart(6)}  ${bar}`.trimEnd();
  });
}
