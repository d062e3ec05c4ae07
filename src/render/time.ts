/**
 * Times as a person reads them: in the learner's own time zone (the process's, TZ), to the minute,
 * "2026-12-06 18:23", with no zone named. JSON keeps ISO instants in UTC; only what is read is local.
 */
export function localTime(at: Date | string, seconds = false): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  // A time the zone's offset carries past year 9999 (or one that is no time) is shown as it was saved.
  if (Number.isNaN(date.getTime()) || date.getFullYear() > 9999 || date.getFullYear() < 0) return String(at);
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  const time = `${two(date.getHours())}:${two(date.getMinutes())}${seconds ? `:${two(date.getSeconds())}` : ''}`;
  return `${day} ${time}`;
}

/** The learner's local day of a saved time, "2026-12-06", as people read dates; what is no time is shown as saved. */
export function localDay(at: string): string {
  const shown = localTime(at);
  return shown === at ? at.slice(0, 10) : shown.slice(0, 10);
}
