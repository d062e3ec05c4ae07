import { describe, expect, it } from 'vitest';
import { backupNames, runTutor } from '../../src/tutor/tutor.js';
import { showPage } from '../../src/tutor/view.js';
import { choose, escapeOut, press, printed, tutorContext, until } from './screen.js';

describe('a page wholly on screen', () => {
  it('says it is all there, with no "Lines 1-12 of 12 (the end)"', async () => {
    const ctx = await tutorContext({ height: 24 });
    const text = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n');
    // Too long to stay on screen above a 15-row prompt, short enough for one screen.
    const shown = showPage(ctx, text, 15);
    const asked = await until('The whole page is above.');
    expect(asked).toContain('Go on');
    expect(asked).not.toMatch(/Lines \d/);
    expect(printed(ctx)).toContain('line 12');
    press('enter');
    await shown;
  });

  it('a longer page still says which lines are shown', async () => {
    const ctx = await tutorContext({ height: 24 });
    const shown = showPage(ctx, Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n'), 15);
    expect(await until(/Lines 1-\d+ of 40/)).toContain('More');
    press('down', 'enter');
    await shown;
  });
});

describe('My progress', () => {
  it('points at its own "Log study time" before anything is logged, not at a shell command', async () => {
    const ctx = await tutorContext();
    const tutor = runTutor(ctx);
    await choose('My progress');
    const asked = await until('Where to now?');
    expect(printed(ctx).replace(/\s+/g, ' ')).toContain('Study log: nothing logged yet. After studying, choose "Log study time" below.');
    expect(printed(ctx)).not.toContain('mlroadmap log');
    expect(asked).toContain('Log study time');
    await escapeOut(tutor);
  });
});

describe('the backup list', () => {
  it('names backups in local time, and two made in the same minute apart', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Europe/Paris';
    try {
      const names = backupNames([
        '/p/progress.json.bak-2026-03-01T09-30-00-000Z',
        '/p/progress.json.bak-2026-03-01T09-30-41-512Z',
        '/p/progress.json.bak-2026-03-01T09-30-41-512Z-2',
        '/p/progress.json.bak-2026-03-01T09-31-07-001Z',
      ]);
      expect([...names.values()]).toEqual([
        'Backup of 2026-03-01 10:30:00',
        'Backup of 2026-03-01 10:30:41.512',
        'Backup of 2026-03-01 10:30:41.512 (2)',
        'Backup of 2026-03-01 10:31:07',
      ]);
      expect([...names.values()].join(' ')).not.toContain('UTC');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});
