import { describe, expect, it } from 'vitest';
import { press, printed, screen, tutorContext, until } from './screen.js';
import { runTutor } from '../../src/tutor/tutor.js';

describe('first run', () => {
  it('welcomes, shows the menu and quits', async () => {
    const ctx = await tutorContext();
    const done = runTutor(ctx);
    const menu = await until('What would you like to do?');
    expect(menu).toContain('❯ Continue: step 1 of 6');
    expect(printed(ctx)).toContain('How to move around');
    press('up', 'enter');
    await done;
    expect(printed(ctx)).toMatch(/Progress saved\.$/);
  });
});
