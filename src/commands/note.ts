import { type CommandSpec, type Output, STEP_OUTLINE } from '../command.js';
import { quote, resolveTarget } from '../content/lookup.js';
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { listOptions } from '../output.js';
import { addNote, deleteNote, type Note, noteProblem, notesOf, packProgress } from '../progress/model.js';
import { sanitizeText } from '../render/sanitize.js';
import { fitLines, noteDate, noteText, renderNotes } from '../render/step.js';
import { renderHeading } from '../render/text.js';

/**
 * `mlroadmap note <step> [text...]`: with text, adds a dated note to the step; without, lists its
 * notes numbered from 1; with `--delete <n>`, deletes note n. Text is stored without control
 * characters or escape sequences, and printed the same way.
 */
export const command: CommandSpec = {
  name: 'note',
  group: 'Track',
  summary: "add a dated note to a step, list a step's notes, or delete one",
  arguments: [
    {
      name: 'step',
      description: "a step's number, a topic such as 2.3, or an id (or an unambiguous start of one)",
      required: true,
      completes: 'target',
    },
    { name: 'text', description: 'the note; without it, the step’s notes are listed', required: false, variadic: true, completes: 'none' },
  ],
  options: [{ flags: '--delete <n>', description: 'delete note n (as numbered in the list)', completes: 'note' }],
  json: true,
  fast: { content: ['steps'], textContent: [STEP_OUTLINE] },
  examples: ['mlroadmap note 2 "finished week 3 of the course"', 'mlroadmap note 2', 'mlroadmap note 2 --delete 1'],
  async run(ctx, { args, options }) {
    const input = args[0] as string;
    const words = args[1] as string[];
    const remove = options.delete as string | undefined;
    if (remove !== undefined && words.length > 0) {
      throw new UsageError(`give note text or --delete <n>, not both (e.g. mlroadmap note ${input} --delete 1)`);
    }
    const index = remove === undefined ? undefined : parseNoteNumber(remove) - 1;
    const target = resolveTarget(ctx.roadmap, input);
    // A topic's notes are kept under its id, as a step's are under its own (ids are unique in a pack).
    const step: Noted =
      target.kind === 'topic' ? { id: target.topic.id, title: target.topic.title } : { id: target.step.id, title: target.step.title };
    const number = target.kind === 'topic' ? `${target.number}.${target.topicNumber}` : String(target.number);
    if (index !== undefined) return removeNote(ctx, step, number, index);
    if (words.length === 0) return listNotes(ctx, step, number);

    const text = sanitizeText(words.join(' ')).trim();
    if (text === '')
      throw new UsageError(`the note is empty: write some text after the step, e.g. mlroadmap note ${number} "re-read chapter 2"`);
    const tooLong = noteProblem(text);
    if (tooLong) throw new UsageError(`${tooLong}. Nothing was saved`);
    const progress = await ctx.store.update((current) => addNote(current, ctx.roadmap.id, step.id, text, ctx.now()));
    const notes = notesOf(packProgress(progress, ctx.roadmap.id), step.id);
    const note = notes[notes.length - 1] as Note;
    const added = `Added note ${notes.length} to ${named(number, step)}`;
    return {
      data: { step: step.id, number: notes.length, at: note.at, text: note.text },
      text: ctx.tty ? `${added}\n${ctx.style.dim(`See them with: mlroadmap note ${number}`)}` : added,
    };
  },
};

/** What a note is written on: a step or a topic, by its id and title. */
type Noted = { id: string; title: string };

/** "2. Title" for a step, "2.3 Title" for a topic. */
function named(number: string, noted: Noted): string {
  return number.includes('.') ? `${number} ${noted.title}` : `${number}. ${noted.title}`;
}

/** Reads `--delete`'s value: a whole number from 1. */
function parseNoteNumber(value: string): number {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1) {
    throw new UsageError(`--delete takes a note number from 1, as 'mlroadmap note <step>' lists them; got ${quote(value)}`);
  }
  return Number(trimmed);
}

function listNotes(ctx: Context, step: Noted, number: string): Output {
  const notes = notesOf(packProgress(ctx.store.read(), ctx.roadmap.id), step.id);
  const data = notes.map((note, i) => ({ number: i + 1, at: note.at, text: note.text }));
  if (notes.length === 0) return { data, text: `No notes on ${named(number, step)} yet. Add one with: mlroadmap note ${number} <text>` };
  const view = listOptions(ctx);
  if (!ctx.tty) return { data, text: renderNotes(notes, view) };
  return {
    data,
    text: [
      fitLines(renderHeading(`Notes on ${named(number, step)}`, view), view),
      renderNotes(notes, view),
      `\n${ctx.style.dim(`Delete one with: mlroadmap note ${number} --delete <n>`)}`,
    ].join('\n'),
  };
}

async function removeNote(ctx: Context, step: Noted, number: string, index: number): Promise<Output> {
  let removed: Note | undefined;
  await ctx.store.update((current) => {
    const notes = notesOf(packProgress(current, ctx.roadmap.id), step.id);
    removed = notes[index];
    if (!removed) {
      throw new UserError(
        notes.length === 0
          ? `${named(number, step)} has no notes to delete`
          : `${named(number, step)} has ${notes.length === 1 ? '1 note' : `${notes.length} notes`}: give a number from 1 to ${notes.length} (see 'mlroadmap note ${number}')`,
      );
    }
    return deleteNote(current, ctx.roadmap.id, step.id, index);
  });
  const note = removed as Note;
  return {
    data: { step: step.id, number: index + 1, at: note.at, text: note.text, deleted: true },
    text: `Deleted note ${index + 1} from ${named(number, step)} (${noteDate(note.at)}: ${noteText(note.text)})`,
  };
}
