// Progress files and packs of a realistic size, written for the benchmark (bench.mjs) and for the
// tests that hold the fast entry points to the whole program (tests/fast.test.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes a year of daily use to `file` (progress format 1, as a learner's file from before would be):
 * `steps` (the learner's step records), 365 study sessions (one a day) and 5,000 reviews spread over
 * every card of `roadmap`, each card with the schedule FSRS would keep. About 1.3 MB.
 */
export function writeYearProgress(roadmap, steps, file) {
  const DAY = 86_400_000;
  const end = Date.parse('2026-11-30T20:00:00.000Z');
  const studyLog = Array.from({ length: 365 }, (_, i) => {
    const at = new Date(end - (364 - i) * DAY);
    const topics = roadmap.steps.flatMap((step) => step.topics ?? []);
    return {
      id: i + 1,
      date: at.toISOString().slice(0, 10),
      minutes: 30 + ((i * 17) % 90),
      topic: topics[i % topics.length].id,
      note: `Session ${i + 1}: worked through the exercises and wrote down what was unclear.`,
      at: at.toISOString(),
    };
  });
  const reviews = {};
  const grades = ['again', 'hard', 'good', 'good', 'good', 'easy'];
  const cards = roadmap.cards;
  for (let n = 0; n < 5000; n++) {
    const card = cards[n % cards.length];
    const at = new Date(end - Math.floor(((5000 - n) / 5000) * 364 * DAY)).toISOString();
    reviews[card.id] ??= { log: [] };
    reviews[card.id].log.push({ at, grade: grades[n % grades.length] });
  }
  for (const [i, record] of Object.values(reviews).entries()) {
    const last = record.log.at(-1).at;
    record.schedule = {
      due: new Date(Date.parse(last) + ((i % 40) + 1) * DAY).toISOString(),
      state: 'review',
      stability: 10 + (i % 40),
      difficulty: 4 + (i % 5),
      scheduledDays: (i % 40) + 1,
      learningSteps: 0,
      reps: record.log.length,
      lapses: i % 4,
      lastReview: last,
    };
  }
  const pack = { steps, studyLog, reviews, settings: { newCardsPerDay: 10 } };
  writeFileSync(file, `${JSON.stringify({ version: 1, packs: { [roadmap.id]: pack } }, null, 2)}\n`);
}

/**
 * Writes a valid pack of `count` steps into `dir` (the format of docs/content-format.md), with prose,
 * resources and skills of about the size of the built-in guide's: about 400 bytes of YAML a step.
 * Returns its size in bytes.
 */
export function writeBigPack(dir, count) {
  mkdirSync(dir, { recursive: true });
  const pad = (n) => String(n).padStart(4, '0');
  const skillCount = 20;
  const skillOf = (n) => `skill-${String((n % skillCount) + 1).padStart(2, '0')}`;
  const files = {
    'pack.yaml': `formatVersion: 1\nid: bench-${count}-steps\ntitle: A roadmap of ${count} steps\nwelcome: |\n  A generated pack for the benchmark: ${count} steps, ${skillCount} skills.\n`,
    'sections.yaml': Array.from(
      { length: 10 },
      (_, i) =>
        `- id: part-${i + 1}\n  title: Part ${i + 1}\n  summary: What part ${i + 1} of the roadmap covers.\n  body: |\n    Part ${i + 1} groups the steps from ${i * (count / 10) + 1} to ${(i + 1) * (count / 10)}.\n    Work through them in order and tick each one off when its "done" list holds.\n`,
    ).join(''),
    'skills.yaml': Array.from(
      { length: skillCount },
      (_, i) =>
        `- id: skill-${String(i + 1).padStart(2, '0')}\n  title: Skill ${i + 1}\n  why: |\n    Skill ${i + 1} comes back in every later part of the roadmap.\n  how: |\n    - Practise it in the steps that build it.\n  steps: [${Array.from(
          { length: 5 },
          (_, k) => i + 1 + k * skillCount,
        )
          .filter((n) => n <= count)
          .map((n) => `step-${pad(n)}`)
          .join(', ')}]\n`,
    ).join(''),
    'roadmap.yaml': Array.from({ length: count }, (_, i) => {
      const n = i + 1;
      return (
        `- id: step-${pad(n)}\n  title: Work through topic ${n}\n  description: |\n` +
        `    Read about topic ${n} and reproduce its worked example on data of your own.\n  done: |\n` +
        `    - You can explain topic ${n} without notes.\n    - A notebook that reproduces the example.\n` +
        `  resources:\n    - title: Reading for topic ${n}\n      url: https://example.org/topics/${n}\n      type: docs\n` +
        `  skills: [${skillOf(i)}]\n  effortHours: ${(n % 12) + 2}\n`
      );
    }).join(''),
    'faqs.yaml': '- id: why\n  question: Why so many steps?\n  answer: It is a benchmark.\n',
  };
  let bytes = 0;
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}
