import { isRecord } from '../json.js';
import { sha256Hex } from '../sha256.js';
import { unreadEntriesMatch, unreadSection, unreadSectionMayHold } from './history.js';
import type { Note, PackProgress, Progress } from './model.js';
import type { StudySession } from './studylog.js';

/**
 * What makes a change mergeable (format 3, see model.ts): stable ids on notes and study sessions,
 * tombstones for what was removed, and the time the plan and each setting changed. The store calls
 * `trackChange` on every change it saves (never on a merge, whose times are the merged ones), so
 * commands change progress as they always did and the print commands pay nothing.
 */

/** A stable id for an entry: a hash of what it holds, so two machines migrating the same entry agree. */
function hashId(prefix: string, ...parts: (string | number | undefined)[]): string {
  // SHA-256 of each part followed by a NUL, in UTF-8, as node:crypto gave it (see sha256.ts): the
  // same ids as every earlier version made, without loading node:crypto into each save of a note.
  const text = parts.map((part) => `${part ?? ''}\u0000`).join('');
  return `${prefix}${sha256Hex(Buffer.from(text, 'utf8')).slice(0, 16)}`;
}

export function noteId(stepId: string, note: Note): string {
  return note.id ?? hashId('n', stepId, note.at, note.text);
}

export function sessionUid(session: StudySession): string {
  return session.uid ?? hashId('s', session.date, session.minutes, session.topic, session.note, session.at);
}

/**
 * The pack with every note and session given its stable id; the same object when all have one.
 * `sessionsKept`: its study log is one the change kept as the file holds it (see `trackChange`), left as it is.
 */
export function withIds(pack: PackProgress, sessionsKept = false): PackProgress {
  let next = pack;
  if (
    isRecord(pack.notes) &&
    Object.values(pack.notes).some((notes) => Array.isArray(notes) && notes.some((note) => note.id === undefined))
  ) {
    const notes = Object.fromEntries(
      Object.entries(pack.notes).map(([stepId, list]) => [stepId, list.map((note) => ({ ...note, id: noteId(stepId, note) }))]),
    );
    next = { ...next, notes };
  }
  if (!sessionsKept && Array.isArray(pack.studyLog) && (pack.studyLog as StudySession[]).some((session) => session.uid === undefined)) {
    next = { ...next, studyLog: (pack.studyLog as StudySession[]).map((session) => ({ ...session, uid: sessionUid(session) })) };
  }
  return next;
}

/** The keys of tombstones a pack's entries would leave, each with nothing: what is there now (its sessions unless `sessionsKept`). */
export function entryKeys(pack: PackProgress, sessionsKept = false): Set<string> {
  const keys = new Set<string>();
  for (const id of Object.keys(pack.steps ?? {})) keys.add(`step:${id}`);
  for (const id of Object.keys(pack.topics ?? {})) keys.add(`topic:${id}`);
  for (const [stepId, notes] of Object.entries(pack.notes ?? {})) {
    for (const note of notes) keys.add(`note:${stepId}:${noteId(stepId, note)}`);
  }
  if (!sessionsKept && Array.isArray(pack.studyLog))
    for (const session of pack.studyLog as StudySession[]) keys.add(`session:${sessionUid(session)}`);
  if (isRecord(pack.projects)) {
    for (const [projectId, record] of Object.entries(pack.projects)) {
      if (isRecord(record) && isRecord(record.milestones)) {
        for (const phase of Object.keys(record.milestones)) keys.add(`milestone:${projectId}:${phase}`);
      }
    }
  }
  return keys;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A session as the writer lays it out, on a line of its own, with its uid: the object's last key (a
 * session is given one as `{ ...session, uid }`). Inside a string every quote is escaped, so
 * `,"uid":"…"}` at the end of the line is the session's own key, not a note's text or a nested object's.
 */
const SESSION_WITH_UID = /^ *\{.*,"uid":"[^"\\]*"\},?$/;

/**
 * Whether the change kept the pack's study log as the file holds it, unread (history.ts), so that
 * tracking it may leave it so: the same sessions before and after (no tombstone to add), each with
 * its uid already (every line a session whose last key is its uid), and no tombstone of a session
 * that is there (a whole read would drop it: a tombstone edited in by hand).
 */
function keptUnread(before: PackProgress | undefined, after: PackProgress): boolean {
  if (unreadSection(after, 'studyLog') === undefined || (before !== undefined && before.studyLog !== after.studyLog)) return false;
  if (unreadEntriesMatch(after, 'studyLog', SESSION_WITH_UID) !== true) return false;
  const tombstones = [before?.deleted, after.deleted]
    .flatMap((deleted) => Object.keys(deleted ?? {}))
    .filter((key) => key.startsWith('session:'))
    .map((key) => key.slice('session:'.length));
  return tombstones.length === 0 || unreadSectionMayHold(after, 'studyLog', tombstones) === false;
}

/**
 * `after`, a change of `before` made at `at`, with what merging needs: ids on new entries, a
 * tombstone for each entry removed (and none for one put back), and stamps on a changed plan or
 * setting. A pack removed whole is left to `epochs` (reset and restore record those).
 */
export function trackChange(before: Progress, after: Progress, at: string): Progress {
  if (before === after) return after;
  let packs = after.packs;
  for (const [packId, afterPack] of Object.entries(after.packs)) {
    const beforePack: PackProgress | undefined = Object.hasOwn(before.packs, packId) ? before.packs[packId] : undefined;
    const sessionsKept = keptUnread(beforePack, afterPack);
    let pack = withIds(afterPack, sessionsKept);
    if (beforePack && beforePack !== afterPack) {
      const now = entryKeys(pack, sessionsKept);
      const deleted = { ...(pack.deleted ?? {}) };
      for (const key of entryKeys(withIds(beforePack, sessionsKept), sessionsKept)) if (!now.has(key)) deleted[key] = at;
      for (const key of now) delete deleted[key];
      const stamps = { ...(pack.stamps ?? {}) };
      if (!same(beforePack.plan, pack.plan)) stamps.plan = at;
      const beforeSettings = isRecord(beforePack.settings) ? beforePack.settings : {};
      const afterSettings = isRecord(pack.settings) ? pack.settings : {};
      for (const key of new Set([...Object.keys(beforeSettings), ...Object.keys(afterSettings)])) {
        if (!same(beforeSettings[key], afterSettings[key])) stamps[`settings.${key}`] = at;
      }
      pack = { ...pack, deleted, stamps };
      if (Object.keys(deleted).length === 0) delete pack.deleted;
      if (Object.keys(stamps).length === 0) delete pack.stamps;
    } else if (!beforePack) {
      const stamps = { ...(pack.stamps ?? {}) };
      if (pack.plan !== undefined && stamps.plan === undefined) stamps.plan = at;
      for (const key of Object.keys(isRecord(pack.settings) ? pack.settings : {})) stamps[`settings.${key}`] ??= at;
      if (Object.keys(stamps).length > 0) pack = { ...pack, stamps };
    }
    if (pack !== afterPack) {
      if (packs === after.packs) packs = { ...after.packs };
      packs[packId] = pack;
    }
  }
  return packs === after.packs ? after : { ...after, packs };
}
