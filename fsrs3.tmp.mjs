import { fsrs, State } from 'ts-fsrs';
import fc from 'fast-check';
const s = fsrs({ enable_fuzz: true });
const mode = process.argv[2];
const num = fc.oneof(fc.constantFrom(0, 1e-300, 0.001, 0.5, 1, 5, 10, 11, 100, 36500, 36501, 1e6, 1e15, 1e308, Number.MAX_SAFE_INTEGER, 2**31, 2**32), fc.double({min:0, max:1e308, noNaN:true}), fc.integer({min:0,max:1e9}));
const S = mode==='bounded' ? fc.oneof(fc.constantFrom(0.001, 36500, 1, 100), fc.double({min:0.001, max:36500, noNaN:true})) : num;
const D = mode==='bounded' ? fc.oneof(fc.constantFrom(1, 10, 5), fc.double({min:1, max:10, noNaN:true})) : num;
const date = fc.oneof(fc.constantFrom('0000-01-01T00:00:00.000Z','1970-01-01T00:00:00.000Z','2026-01-15T10:00:00.000Z','2026-01-15T11:00:00.000Z','9999-12-31T23:59:59.999Z'), fc.date({min:new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true}).map(d=>d.toISOString()));
const nowA = fc.oneof(fc.constant(new Date('2026-01-15T10:00:00Z')), fc.date({min:new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true}));
const errs = new Map();
fc.assert(fc.property(S, D, num, num, num, num, date, date, fc.constantFrom(1,2,3), nowA, (st, di, sd, ls, reps, lapses, due, last, state, now) => {
  const lr = new Date(last) > now ? now : new Date(last);
  try { const r = s.repeat({due:new Date(due), stability: st, difficulty: di, elapsed_days:0, scheduled_days: sd, learning_steps: ls, reps, lapses, state, last_review: lr}, now);
   for (const g of [1,2,3,4]) { const c = r[g].card; c.due.toISOString(); for (const k of ['stability','difficulty','reps','lapses','scheduled_days','learning_steps']) if (!Number.isFinite(c[k])) throw new Error('nonfinite '+k); }
  } catch (e) { const k = e.message.slice(0,20); if (!errs.has(k)) errs.set(k, [JSON.stringify({st,di,sd,ls,reps,lapses,due,last,state,now}), e.stack.split('\n').slice(0,4).join(' ')]); }
}), {numRuns: 30000});
for (const [k,v] of errs) console.log(k, v);
