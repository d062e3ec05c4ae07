import type { Roadmap } from '../content/schema.js';
import { put } from '../json.js';
import { keptStudyDigest } from './digest.js';
import { unreadSectionMayHold } from './history.js';
import type { Note, PackProgress, Progress, StepRecord } from './model.js';
import type { ProgressStore } from './store.js';

/**
 * Former topic ids (`Topic.formerly` in the pack) and the topic each now names. A learner's file may
 * hold an id from before a topic was merged or removed; it is read as the topic that took its place.
 */
export function topicAliases(roadmap: Roadmap): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const step of roadmap.steps) {
    for (const topic of step.topics ?? []) for (const old of topic.formerly ?? []) aliases.set(old, topic.id);
  }
  return aliases;
}

/** Done, then in progress, then skipped: when two ids merged into one both have a record, the further along wins. */
const RANK: Record<StepRecord['status'], number> = { done: 3, doing: 2, skipped: 1 };

function further(a: StepRecord | undefined, b: StepRecord): StepRecord {
  if (!a) return b;
  if (RANK[b.status] !== RANK[a.status]) return RANK[b.status] > RANK[a.status] ? b : a;
  return b.updatedAt > a.updatedAt ? b : a;
}

/**
 * The pack's progress with every former topic id read as its topic's: topic records (the further
 * along kept when both ids have one), notes (merged, oldest first) and study sessions (their
 * `topic`). Cards keep their own ids, so review history needs nothing. Returns `pack` itself when it
 * holds no former id, so a caller can tell that nothing changed.
 */
export function resolvePackAliases(pack: PackProgress, aliases: ReadonlyMap<string, string>): PackProgress {
  if (aliases.size === 0) return pack;
  const has = (record: Record<string, unknown> | undefined) => record !== undefined && Object.keys(record).some((id) => aliases.has(id));
  // A study log still as the file's text is answered from its digest (digest.ts), else searched as
  // text (history.ts): a read need not parse it.
  const kept = keptStudyDigest(pack);
  const inLog =
    (kept ? kept.topics.some(([id]) => aliases.has(id)) : unreadSectionMayHold(pack, 'studyLog', aliases.keys()) !== false) &&
    Array.isArray(pack.studyLog) &&
    (pack.studyLog as { topic?: unknown }[]).some((session) => typeof session.topic === 'string' && aliases.has(session.topic));
  if (!has(pack.topics) && !has(pack.notes) && !inLog) return pack;
  const to = (id: string) => aliases.get(id) ?? id;
  let resolved: PackProgress = { ...pack };
  if (pack.topics) {
    const topics: Record<string, StepRecord> = {};
    // Ids such as "__proto__" stay keys (put).
    for (const [id, record] of Object.entries(pack.topics))
      put(topics, to(id), further(Object.hasOwn(topics, to(id)) ? topics[to(id)] : undefined, record));
    resolved = { ...resolved, topics };
  }
  if (pack.notes) {
    const notes: Record<string, Note[]> = {};
    for (const [id, list] of Object.entries(pack.notes)) {
      // A note under both ids with one stable id (a machine whose guide did not know the new id yet
      // wrote it under the old one, and a sync brought both) is one note.
      const ids = new Set<string>();
      const merged = [...(Object.hasOwn(notes, to(id)) ? (notes[to(id)] as Note[]) : []), ...list]
        .filter((note) => {
          if (typeof note.id !== 'string') return true;
          if (ids.has(note.id)) return false;
          ids.add(note.id);
          return true;
        })
        .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      put(notes, to(id), merged);
    }
    resolved = { ...resolved, notes };
  }
  if (inLog) {
    resolved = {
      ...resolved,
      studyLog: (pack.studyLog as { topic?: unknown }[]).map((session) =>
        typeof session.topic === 'string' && aliases.has(session.topic) ? { ...session, topic: to(session.topic) } : session,
      ),
    };
  }
  return resolved;
}

/** `progress` with the roadmap's pack resolved by `resolvePackAliases`; itself when nothing changes. */
export function resolveAliases(progress: Progress, roadmap: Roadmap): Progress {
  if (!Object.hasOwn(progress.packs, roadmap.id)) return progress;
  const pack = progress.packs[roadmap.id] as PackProgress;
  const resolved = resolvePackAliases(pack, topicAliases(roadmap));
  return resolved === pack ? progress : { ...progress, packs: { ...progress.packs, [roadmap.id]: resolved } };
}

/**
 * A store whose reads give the roadmap's progress with former topic ids resolved, so every command
 * and the tutor see one id per topic. A change made through `update` is written resolved (the old
 * ids move to their topics then); an update that changes nothing still writes nothing.
 */
export function aliasedStore(store: ProgressStore, roadmap: () => Roadmap): ProgressStore {
  return {
    get path() {
      return store.path;
    },
    read: () => resolveAliases(store.read(), roadmap()),
    update: async (change, options) => {
      const saved = await store.update((progress) => {
        const resolved = resolveAliases(progress, roadmap());
        const changed = change(resolved);
        return changed === resolved ? progress : changed;
      }, options);
      return resolveAliases(saved, roadmap());
    },
    reset: (keep, pack) => store.reset(keep, pack),
    inspect: () => store.inspect(),
    repair: () => store.repair(),
    restore: (backup, pack) => store.restore(backup, pack),
    readBackup: (backup) => resolveAliases(store.readBackup(backup), roadmap()),
  };
}
