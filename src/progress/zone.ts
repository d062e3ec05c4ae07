import { readlinkSync, statSync } from 'node:fs';

/**
 * What decides this process's local time, as a key for what was worked out in it (a tally checked
 * against this machine's local days, store.ts keeps the verdict): Node works local time out with
 * ICU, from its time-zone data (`process.versions.tz`, or the data `NODE_ICU_DATA` names) and the
 * zone it finds in `TZ`, else in /etc/localtime (a link to the zone's file, or a copy of one). Any
 * of those changed, the key changes. Undefined where the zone comes from elsewhere (Windows asks the
 * system): nothing is kept there. One readlink, where checking a year's days costs milliseconds.
 */
export function zoneKey(): string | undefined {
  if (process.platform === 'win32') return undefined;
  const zone = process.env.TZ;
  let system: string | null = null;
  if (zone === undefined) {
    try {
      system = `link:${readlinkSync('/etc/localtime')}`;
    } catch {
      try {
        const stat = statSync('/etc/localtime', { bigint: true });
        system = `file:${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
      } catch {
        system = 'none';
      }
    }
  }
  return JSON.stringify([
    process.versions.icu ?? null,
    process.versions.tz ?? null,
    process.env.NODE_ICU_DATA ?? null,
    zone ?? null,
    system,
  ]);
}
