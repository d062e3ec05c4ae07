import {
  createPrompt,
  isDownKey,
  isEnterKey,
  isSpaceKey,
  isUpKey,
  makeTheme,
  type Theme,
  useKeypress,
  usePagination,
  usePrefix,
  useState,
} from '@inquirer/core';

/**
 * Two prompts of the tutor's own, built on Inquirer's core like its prompts, for what Inquirer's do
 * not do: keep what the learner did when they leave.
 *
 * - `checklist`: the steps with check boxes. Space ticks or unticks the step under the cursor and
 *   hands the change to `onToggle` at once (the tutor saves it then), so no way of leaving (Esc,
 *   Ctrl+C, a closed terminal) loses a tick. Enter opens the step under the cursor.
 * - `noteInput`: a line of text. Enter gives the text; Esc gives what was typed so far, marked as
 *   left, so the tutor can keep it or ask; `onChange` follows the typing, for Ctrl+C, which gives nothing.
 *
 * Both handle Esc themselves (the prompt wrapper in prompts.ts is told so), and stay inside the width
 * and keys conventions of the other prompts (a key hint line that ends with "esc back").
 */

type Keys = [key: string, action: string][];
/** The key hint line, which the tutor's theme (view.ts) replaces with one that ends "esc back". */
type WidgetTheme = { style: { keysHelpTip: (keys: Keys) => string | undefined } };
const widgetTheme: WidgetTheme = {
  style: { keysHelpTip: (keys) => keys.map(([key, action]) => `${key} ${action}`).join(' • ') },
};

/** What a caller may set of the theme: any of its styles. */
type ThemeInput = { style?: Partial<Theme<WidgetTheme>['style']> };

export interface ChecklistItem {
  value: string;
  /** The line shown, already fitted to the width. */
  name: string;
  checked: boolean;
  /** Shown under the list while the cursor is on the item. */
  description?: string;
  /** False for an item that opens but has no box to tick (a link to a page). */
  tickable?: boolean;
  /**
   * The line once the learner ticks or unticks it here, when that changes it: a tick marks a step done
   * and an untick marks it to do, so "(in progress)" after its title no longer holds.
   */
  toggledName?: string;
  /** The description once ticked or unticked, when it changes with the name. */
  toggledDescription?: string;
}

export interface ChecklistConfig {
  message: string;
  items: readonly ChecklistItem[];
  /** The value the cursor starts on. */
  default?: string;
  /** Rows of items shown at once (the prompts' fitting sets it); all of them when absent. */
  pageSize?: number;
  /** Called on every tick and untick; a rejection undoes the tick on screen and shows why. */
  onToggle: (value: string, checked: boolean) => Promise<void>;
  theme?: ThemeInput;
}

export type ChecklistAnswer = { open: string };

export const checklist = createPrompt<ChecklistAnswer, ChecklistConfig>((config, done) => {
  const theme = makeTheme<WidgetTheme>(widgetTheme, config.theme as Partial<Theme<WidgetTheme>>);
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [items, setItems] = useState(config.items.map((item) => ({ ...item })));
  const [active, setActive] = useState(
    Math.max(
      0,
      config.items.findIndex((item) => item.value === config.default),
    ),
  );
  const [note, setNote] = useState<string | undefined>(undefined);
  const prefix = usePrefix({ status, theme });

  useKeypress((key) => {
    if (status !== 'idle') return;
    if (isEnterKey(key)) {
      const item = items[active];
      if (!item) return;
      setStatus('done');
      done({ open: item.value });
    } else if (isUpKey(key) || isDownKey(key)) {
      const next = active + (isUpKey(key) ? -1 : 1);
      if (next >= 0 && next < items.length) setActive(next);
      setNote(undefined);
    } else if (isSpaceKey(key)) {
      const item = items[active];
      if (!item || item.tickable === false) return;
      const checked = !item.checked;
      // Once toggled, the line says what the tick made of the step (toggling again gives the same words).
      const toggled = {
        ...(item.toggledName === undefined ? {} : { name: item.toggledName }),
        ...(item.toggledDescription === undefined ? {} : { description: item.toggledDescription }),
      };
      const put = (entry: ChecklistItem) => items.map((old, index) => (index === active ? entry : old));
      setItems(put({ ...item, ...toggled, checked }));
      setNote(checked ? 'Ticked and saved.' : 'Unticked and saved.');
      config.onToggle(item.value, checked).catch((error: Error) => {
        setItems(put(item));
        setNote(`Not saved: ${error.message}`);
      });
    }
  });

  const message = theme.style.message(config.message, status);
  if (status === 'done') return `${prefix} ${message}`;
  let description: string | undefined;
  const page = usePagination({
    items,
    active,
    pageSize: config.pageSize ?? items.length,
    loop: false,
    renderItem({ item, isActive }) {
      if (isActive) description = item.description;
      const box = item.tickable === false ? '   ' : item.checked ? '[x]' : '[ ]';
      const line = `${isActive ? '❯' : ' '} ${box} ${item.name}`;
      return isActive ? theme.style.highlight(line) : line;
    },
  });
  const keys = theme.style.keysHelpTip([
    ['↑↓', 'navigate'],
    ['space', 'tick'],
    ['⏎', 'open'],
  ]);
  return [`${prefix} ${message}`, page, ' ', description ?? '', note ?? '', keys ?? ''].filter((line) => line !== '').join('\n');
});

export interface NoteInputConfig {
  message: string;
  /** Why the text cannot be saved, or undefined when it can; shown under the line, and Enter waits. */
  problem?: (text: string) => string | undefined;
  /** Told the text after each key, so a caller still has it when Ctrl+C ends the prompt without an answer. */
  onChange?: (text: string) => void;
  theme?: ThemeInput;
}

/** What `noteInput` gives: the text, and whether the learner left with Esc instead of pressing Enter. */
export interface NoteAnswer {
  text: string;
  left: boolean;
}

export const noteInput = createPrompt<NoteAnswer, NoteInputConfig>((config, done) => {
  const theme = makeTheme<WidgetTheme>(widgetTheme, config.theme as Partial<Theme<WidgetTheme>>);
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const prefix = usePrefix({ status, theme });

  useKeypress((key, rl) => {
    if (status !== 'idle') return;
    if (key.name === 'escape') {
      setStatus('done');
      done({ text: rl.line, left: true });
    } else if (isEnterKey(key)) {
      const problem = config.problem?.(value);
      if (problem) {
        // Enter empties readline's line; put the text back so it can be fixed.
        rl.write(value);
        setError(problem);
        return;
      }
      setStatus('done');
      done({ text: value, left: false });
    } else {
      setValue(rl.line);
      setError(undefined);
      config.onChange?.(rl.line);
    }
  });

  const message = theme.style.message(config.message, status);
  if (status === 'done') return `${prefix} ${message}`;
  const keys = theme.style.keysHelpTip([['⏎', 'save']]);
  return [`${prefix} ${message} ${value}`, error ? theme.style.error(error) : '', keys ?? ''].filter((line) => line !== '').join('\n');
});

/** One grade a flashcard offers, by the number key that gives it at once. */
export interface FlashcardGrade {
  value: string;
  /** The line shown, "3 Good · 10 min", already fitted to the width. */
  name: string;
  /** Shown under the grades while the cursor is on it. */
  description?: string;
}

export interface FlashcardConfig {
  /** What is asked while the answer is hidden ("Answer it in your head, then:"). */
  message: string;
  /** The answer (and anything said before it), shown under the question once revealed. */
  answer: string;
  /** The question asked over the grades once the answer shows. */
  gradeMessage: string;
  grades: readonly FlashcardGrade[];
  /** The grade the cursor starts on. */
  default?: string;
  /** Start with the answer shown (a card answered by picking a choice). */
  revealed?: boolean;
  /** Space or Enter ends the prompt, answering "" (the caller shows the answer on a page of its own). */
  revealOnly?: boolean;
  /** Grades a line, side by side as Anki's buttons (as many as fit the width); 1 when absent. */
  perRow?: number;
  theme?: ThemeInput;
}

/**
 * A review card's keys, as Anki has them: Space or Enter shows the answer under the question (which
 * stays where it is, above this prompt); then a number key (1 to 4) grades at once, or the arrows
 * choose a grade and Enter gives it.
 */
export const flashcard = createPrompt<string, FlashcardConfig>((config, done) => {
  const theme = makeTheme<WidgetTheme>(widgetTheme, config.theme as Partial<Theme<WidgetTheme>>);
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [revealed, setRevealed] = useState(config.revealed === true);
  const [active, setActive] = useState(
    Math.max(
      0,
      config.grades.findIndex((grade) => grade.value === config.default),
    ),
  );
  const prefix = usePrefix({ status, theme });

  useKeypress((key) => {
    if (status !== 'idle') return;
    if (!revealed) {
      if (!isEnterKey(key) && !isSpaceKey(key)) return;
      if (config.revealOnly) {
        setStatus('done');
        done('');
      } else setRevealed(true);
      return;
    }
    const number = /^[1-9]$/.test(key.name ?? '') ? Number(key.name) - 1 : -1;
    const picked = number >= 0 ? config.grades[number] : isEnterKey(key) ? config.grades[active] : undefined;
    if (picked) {
      setStatus('done');
      done(picked.value);
    } else if (isUpKey(key) || isDownKey(key) || key.name === 'left' || key.name === 'right') {
      const next = active + (isUpKey(key) || key.name === 'left' ? -1 : 1);
      if (next >= 0 && next < config.grades.length) setActive(next);
    }
  });

  if (status === 'done') return '';
  if (!revealed) {
    const keys = theme.style.keysHelpTip([['space/⏎', 'show the answer']]);
    return [`${prefix} ${theme.style.message(config.message, status)}`, keys ?? ''].filter((line) => line !== '').join('\n');
  }
  const perRow = Math.max(1, config.perRow ?? 1);
  // Side by side, each padded to the longest, so the grades stand in columns.
  const longest = Math.max(...config.grades.map((grade) => [...grade.name].length));
  const grades = config.grades.map((grade, index) => {
    const line = `${index === active ? '❯' : ' '} ${perRow > 1 ? grade.name.padEnd(longest) : grade.name}`;
    return index === active ? theme.style.highlight(line) : line;
  });

  const keys = theme.style.keysHelpTip([
    [`1-${config.grades.length}`, 'grade'],
    [perRow > 1 ? '←→' : '↑↓', 'choose'],
    ['⏎', 'grade'],
  ]);
  const description = config.grades[active]?.description;
  return [
    ...(config.answer === '' ? [] : [config.answer.replace(/\n+$/, ''), '']),
    `${prefix} ${theme.style.message(config.gradeMessage, status)}`,
    ...Array.from({ length: Math.ceil(grades.length / perRow) }, (_, row) =>
      grades
        .slice(row * perRow, (row + 1) * perRow)
        .join(' ')
        .trimEnd(),
    ),
    ' ',
    ...(description ? [description] : []),
    ...(keys ? [keys] : []),
  ].join('\n');
});
