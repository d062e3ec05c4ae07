import { quote, resolveItem } from '../content/lookup.js';
import type { Step } from '../content/schema.js';
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { addNote, deleteNote, type Note, noteProblem, notesOf, packProgress } from '../progress/model.js';
import { sanitizeText } from '../render/sanitize.js';
import { fitLines, noteDate, noteText, renderNotes } from '../render/step.js';
import { renderHeading } from '../render/text.js';
import { listOptions, printJson } from './shared.js';

export interface NoteOptions {
  json?: boolean;
  /** The number (from 1, as listed) of the note to delete. */
  delete?: string;
}

/**
 * `mlroadmap note <step> [text...]`: with text, adds a dated note to the step; without, lists its
 * notes numbered from 1; with `--delete <n>`, deletes note n. Text is stored without control
 * characters or escape sequences, and printed the same way.
 */
export async function runNote(ctx: Context, input: string, words: string[], options: NoteOptions): Promise<void> {
  if (options.delete !== undefined && words.length > 0) {
    throw new UsageError(`give note text or --delete <n>, not both (e.g. mlroadmap note ${input} --delete 1)`);
  }
  const index = options.delete === undefined ? undefined : parseNoteNumber(options.delete) - 1;
  const step = resolveItem(ctx.roadmap.steps, input, 'step', 'roadmap');
  const number = ctx.roadmap.steps.indexOf(step) + 1;
  const name = `${number}. ${step.title}`;
  if (index !== undefined) return removeNote(ctx, step, number, index, options);
  if (words.length === 0) return listNotes(ctx, step, number, options);

  const text = sanitizeText(words.join(' ')).trim();
  if (text === '')
    throw new UsageError(`the note is empty: write some text after the step, e.g. mlroadmap note ${number} "re-read chapter 2"`);
  const tooLong = noteProblem(text);
  if (tooLong) throw new UsageError(`${tooLong}. Nothing was saved`);
  const progress = await ctx.store.update((current) => addNote(current, ctx.roadmap.id, step.id, text, ctx.now()));
  const notes = notesOf(packProgress(progress, ctx.roadmap.id), step.id);
  const note = notes[notes.length - 1] as Note;
  if (options.json) return printJson(ctx, { step: step.id, number: notes.length, at: note.at, text: note.text });
  ctx.out(`Added note ${notes.length} to ${name}`);
  if (ctx.tty) ctx.out(ctx.style.dim(`See them with: mlroadmap note ${number}`));
}

/** Reads `--delete`'s value: a whole number from 1. */
function parseNoteNumber(value: string): number {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1) {
    throw new UsageError(`--delete takes a note number from 1, as 'mlroadmap note <step>' lists them; got ${quote(value)}`);
  }
  return Number(trimmed);
}

function listNotes(ctx: Context, step: Step, number: number, options: NoteOptions): void {
  const notes = notesOf(packProgress(ctx.store.read(), ctx.roadmap.id), step.id);
  if (options.json)
    return printJson(
      ctx,
      notes.map((note, i) => ({ number: i + 1, at: note.at, text: note.text })),
    );
  if (notes.length === 0) {
    ctx.out(`No notes on ${number}. ${step.title} yet. Add one with: mlroadmap note ${number} <text>`);
    return;
  }
  const view = listOptions(ctx);
  if (!ctx.tty) return ctx.out(renderNotes(notes, view));
  ctx.out(fitLines(renderHeading(`Notes on ${number}. ${step.title}`, view), view));
  ctx.out(renderNotes(notes, view));
  ctx.out(`\n${ctx.style.dim(`Delete one with: mlroadmap note ${number} --delete <n>`)}`);
}

async function removeNote(ctx: Context, step: Step, number: number, index: number, options: NoteOptions): Promise<void> {
  let removed: Note | undefined;
  await ctx.store.update((current) => {
    const notes = notesOf(packProgress(current, ctx.roadmap.id), step.id);
    removed = notes[index];
    if (!removed) {
      throw new UserError(
        notes.length === 0
          ? `${number}. ${step.title} has no notes to delete`
          : `${number}. ${step.title} has ${notes.length === 1 ? '1 note' : `${notes.length} notes`}: give a number from 1 to ${notes.length} (see 'mlroadmap note ${number}')`,
      );
    }
    return deleteNote(current, ctx.roadmap.id, step.id, index);
  });
  const note = removed as Note;
  if (options.json) return printJson(ctx, { step: step.id, number: index + 1, at: note.at, text: note.text, deleted: true });
  ctx.out(`Deleted note ${index + 1} from ${number}. ${step.title} (${noteDate(note.at)}: ${noteText(note.text)})`);
}
