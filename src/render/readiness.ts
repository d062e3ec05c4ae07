import type { ReadinessReport, SkillReadiness } from '../progress/readiness.js';
import { type ListOptions, renderHeading, wrapLine } from './text.js';

/** What the learner has done on a skill, in one line of figures. */
function figures(skill: SkillReadiness): string {
  const parts = [
    `topics ${skill.topics.done}/${skill.topics.total} done`,
    skill.exercises.total === 0 ? 'no exercises yet' : `exercises ${skill.exercises.passed}/${skill.exercises.total} passed`,
    skill.retention.rate === null
      ? `cards: too few reviews to tell (${skill.retention.reviews})`
      : `cards ${Math.round(skill.retention.rate * 100)}% remembered (${skill.retention.reviews} reviews)`,
    `projects ${skill.projects.milestonesDone}/${skill.projects.milestonesTotal} milestones`,
    skill.rating === null ? 'not rated by you' : `your rating ${skill.rating}/5`,
  ];
  return parts.join(' · ');
}

/** The readiness report: each skill with its score, figures and next action; the probes of the weakest; what it cannot know. */
export function renderReadiness(report: ReadinessReport, options: ListOptions): string {
  const wrap = (line: string) => wrapLine(line, options.width);
  const lines: string[] = [renderHeading('Job readiness, from what you have recorded', options), ''];
  for (const skill of report.skills) {
    lines.push(...wrap(`${skill.title}: ${skill.score}/100`));
    lines.push(...wrap(`  ${figures(skill)}`));
    lines.push(...wrap(skill.next ? `  Next: ${skill.next.action} (${skill.next.command})` : '  Nothing left to record here.'));
    lines.push('');
  }
  const weakest = report.skills.filter((skill) => report.weakest.includes(skill.id));
  const ordered = report.weakest.map((id) => weakest.find((skill) => skill.id === id) as SkillReadiness);
  if (ordered.some((skill) => skill.probes.length > 0)) {
    lines.push(...wrap(`What an interviewer will probe in your weakest areas (${ordered.map((skill) => skill.title).join(', ')}):`));
    for (const skill of ordered) {
      if (skill.probes.length === 0) continue;
      lines.push(...wrap(`  ${skill.title}`));
      for (const probe of skill.probes) lines.push(...wrap(`    - ${probe}`));
    }
    lines.push('');
  }
  lines.push('What this report cannot know:');
  for (const item of report.unknown) lines.push(...wrap(`  - ${item}`));
  return lines.join('\n');
}
