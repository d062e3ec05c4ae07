import { type CommandSpec, type Output, STEP_OUTLINE } from '../command.js';
import { quote, resolveTarget, type Target } from '../content/lookup.js';
import type { Roadmap } from '../content/schema.js';
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { listOptions } from '../output.js';
import { bySessionDate, LOG_LISTED, studyDigestOf } from '../progress/digest.js';
import { packProgress } from '../progress/model.js';
import { addDays, daysBetween, localDate, MAX_DAYS_FROM_TODAY, parseDate } from '../progress/plan.js';
import {
  deleteSession,
  describeMinutes,
  describeStudy,
  hoursOf,
  logSession,
  MAX_SESSION_NOTE_CHARS,
  parseDuration,
  type StartedTopic,
  type StudySession,
  sessionsOf,
  studyStats,
} from '../progress/studylog.js';
import { sanitizeText } from '../render/sanitize.js';
import { renderRows } from '../render/text.js';
import { topicChangeLine } from '../render/topic.js';

/**
 * `mlroadmap log <duration> [topic] [note...]`: records a study session, dated today or `--date`.
 * Without arguments, lists the recent sessions with the week and the streak; `--delete <n>` deletes
 * session n. The word after the duration is the topic when it names one exactly (`2.3`, `3`, or an
 * id); otherwise every word is the note, and the reply says no topic was given.
 */
export const command: CommandSpec = {
  name: 'log',
  group: 'Track',
  summary: 'log a study session (45m, 1h30m, 1.5h), or list the sessions logged',
  arguments: [
    { name: 'duration', description: 'how long you studied: 45m, 1h30m, 1.5h', required: false, completes: 'none' },
    { name: 'topic', description: 'what you studied: a topic such as 2.3, a step number, or an id', required: false, completes: 'target' },
    { name: 'note', description: 'a few words on what you did', required: false, variadic: true, completes: 'none' },
  ],
  options: [
    { flags: '--date <day>', description: 'the day you studied: YYYY-MM-DD, today or yesterday (default: today)', completes: 'none' },
    { flags: '--delete <n>', description: 'delete session n (as numbered in the list)', completes: 'none' },
    { flags: '--all', description: 'list every session, not only the last 20' },
  ],
  json: true,
  fast: { content: ['steps'], textContent: [STEP_OUTLINE] },
  examples: [
    'mlroadmap log 45m 1.2 "NumPy broadcasting exercises"',
    'mlroadmap log 1h30m --date yesterday',
    'mlroadmap log',
    'mlroadmap log --delete 3',
  ],
  async run(ctx, { args, options }) {
    const duration = args[0] as string | undefined;
    const words = [...(args[1] === undefined ? [] : [args[1] as string]), ...((args[2] as string[] | undefined) ?? [])];
    if (options.delete !== undefined) {
      if (duration !== undefined) throw new UsageError('give a duration to log or --delete <n>, not both');
      if (options.date !== undefined) throw new UsageError('--delete takes a session by its number, not --date: see mlroadmap log --all');
      if (options.all === true) throw new UsageError('give --delete <n> or --all, not both');
      return remove(ctx, options.delete as string);
    }
    if (duration === undefined) {
      if (options.date !== undefined) throw new UsageError('--date needs a duration to log, e.g. mlroadmap log 45m --date yesterday');
      return list(ctx, options.all === true);
    }
    if (options.all === true) throw new UsageError('--all lists every session; to log one, leave it out: mlroadmap log 45m');
    const parsed = parseDuration(duration);
    if ('problem' in parsed) throw new UsageError(parsed.problem);
    const date = studyDate(ctx, options.date as string | undefined);
    const target = words[0] === undefined ? undefined : topicOf(ctx.roadmap, words[0]);
    const note = sanitizeText((target ? words.slice(1) : words).join(' ')).trim();
    if (note.length > MAX_SESSION_NOTE_CHARS)
      throw new UsageError(
        `a session's note holds at most ${MAX_SESSION_NOTE_CHARS} characters; keep longer notes with 'mlroadmap note'. Nothing was logged`,
      );
    const topic = target ? (target.kind === 'topic' ? target.topic.id : target.step.id) : undefined;
    // A topic still to do is started by studying it: said after the session.
    let started: StartedTopic | undefined;
    const progress = await ctx.store.update((current) => {
      const logged = logSession(
        current,
        ctx.roadmap,
        { date, minutes: parsed.minutes, ...(topic ? { topic } : {}), ...(note ? { note } : {}) },
        ctx.now(),
      );
      started = logged.started;
      return logged.progress;
    });
    const pack = packProgress(progress, ctx.roadmap.id);
    const session = sessionsOf(pack).at(-1) as StudySession;
    const on = target ? ` on ${named(target)}` : '';
    const lines = [
      `Logged ${describeMinutes(session.minutes)}${on}, ${date === localDate(ctx.now()) ? 'today' : date} (session ${session.id}).`,
    ];
    if (started) lines.push(topicChangeLine(`${started.number} ${started.topic.title}`, 'doing', started.cardsAdded));
    if (!target && words.length > 0)
      lines.push(`No topic given: "${words[0]}" names none, so it is part of the note. Name a topic as 2.3, a step number or an id.`);
    lines.push(describeStudy(studyStats(pack, ctx.now()), pack.plan?.hoursPerWeek));
    return { data: sessionJson(ctx.roadmap, session), text: lines.join('\n') };
  },
};

/** The topic or step the word after the duration names exactly, or undefined when it names none (it is then the note). */
function topicOf(roadmap: Roadmap, word: string): Target | undefined {
  const token = word.trim().toLowerCase();
  // A number is always meant as a step or topic: one that does not exist is an error, not a note.
  if (/^\d+(\.\d+)?$/.test(token)) return resolveTarget(roadmap, token);
  const known = roadmap.steps.some((step) => step.id === token || step.topics?.some((topic) => topic.id === token));
  return known ? resolveTarget(roadmap, token) : undefined;
}

function named(target: Target): string {
  return target.kind === 'topic'
    ? `${target.number}.${target.topicNumber} ${target.topic.title}`
    : `${target.number}. ${target.step.title}`;
}

/** `--date`: YYYY-MM-DD, today or yesterday; not in the future, nor more than ten years ago. */
function studyDate(ctx: Context, input: string | undefined): string {
  const today = localDate(ctx.now());
  if (input === undefined || input.trim().toLowerCase() === 'today') return today;
  if (input.trim().toLowerCase() === 'yesterday') return addDays(today, -1);
  const date = parseDate(input);
  if (!date) throw new UsageError(`--date takes a day written YYYY-MM-DD (or today, yesterday); got ${quote(input)}`);
  if (date > today) throw new UsageError(`--date ${date} is after today (${today}); log a session once it is done`);
  if (daysBetween(date, today) > MAX_DAYS_FROM_TODAY)
    throw new UsageError(`--date ${date} is more than ten years ago; log what you studied since ${addDays(today, -MAX_DAYS_FROM_TODAY)}`);
  return date;
}

/** Where a session's topic is in the roadmap now: "2.3 Title", or its id when the content no longer has it. */
function topicName(roadmap: Roadmap, id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  for (const [s, step] of roadmap.steps.entries()) {
    if (step.id === id) return `${s + 1}. ${step.title}`;
    const t = step.topics?.findIndex((topic) => topic.id === id) ?? -1;
    if (t >= 0) return `${s + 1}.${t + 1} ${step.topics?.[t]?.title}`;
  }
  return id;
}

function sessionJson(roadmap: Roadmap, session: StudySession) {
  return {
    id: session.id,
    date: session.date,
    minutes: session.minutes,
    hours: hoursOf(session.minutes),
    topic: session.topic ?? null,
    topicTitle: topicName(roadmap, session.topic) ?? null,
    note: session.note ?? null,
    at: session.at,
  };
}

function list(ctx: Context, all: boolean): Output {
  const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
  // The log's digest (digest.ts) holds the last sessions: the whole log is read for --all only.
  const study = studyDigestOf(pack);
  const shown = all ? [...sessionsOf(pack)].sort(bySessionDate) : study.latest;
  const stats = studyStats(pack, ctx.now());
  const data = { ...stats, lastStudied: stats.lastStudied ?? null, sessions: shown.map((session) => sessionJson(ctx.roadmap, session)) };
  if (study.sessions === 0) {
    return { data, text: ctx.tty ? 'No study sessions logged yet. After studying, log it: mlroadmap log 45m 1.2' : '' };
  }
  const rows = shown.map((session): [string, string] => {
    // One session a row: a note's line breaks would start rows of their own.
    const what = [topicName(ctx.roadmap, session.topic), session.note?.replace(/\s*\n\s*/g, ' ')].filter(Boolean).join(': ');
    return [`${session.id}`, `${session.date}  ${describeMinutes(session.minutes).padEnd(10)} ${what}`.trimEnd()];
  });
  const view = listOptions(ctx);
  if (!ctx.tty) return { data, text: renderRows(rows, view) };
  const heading =
    all || study.sessions <= LOG_LISTED ? 'Study sessions' : `The last ${LOG_LISTED} of ${study.sessions} study sessions (all: --all)`;
  return { data, text: `${renderRows(rows, view, heading)}\n\n${describeStudy(stats, pack.plan?.hoursPerWeek)}` };
}

async function remove(ctx: Context, input: string): Promise<Output> {
  const trimmed = input.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1)
    throw new UsageError(`--delete takes a session number from 1, as 'mlroadmap log' lists them; got ${quote(input)}`);
  const id = Number(trimmed);
  let removed: StudySession | undefined;
  await ctx.store.update((current) => {
    removed = sessionsOf(packProgress(current, ctx.roadmap.id)).find((session) => session.id === id);
    return removed ? deleteSession(current, ctx.roadmap.id, id) : current;
  });
  if (!removed) throw new UserError(`there is no session ${id} (see 'mlroadmap log' for the numbers)`);
  return {
    data: { deleted: sessionJson(ctx.roadmap, removed) },
    text: `Deleted session ${id}: ${describeMinutes(removed.minutes)} on ${removed.date}.`,
  };
}
