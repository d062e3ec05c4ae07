import type { Certification, Faq, Phase, Roadmap, Section, Skill } from '../content/schema.js';

/**
 * The markdown of each kind of page, as `read`, `skills`, `phases`, `certs` and `faq` print it and the
 * tutor shows it: one builder per kind, so the command and the tutor show the same page.
 */

/** A whole section: its body, then its items as a list. */
export function sectionMarkdown(section: Section): string {
  const items = (section.items ?? []).map((item) => {
    const examples = item.examples?.length ? ` Examples: ${item.examples.join(', ')}.` : '';
    const link = item.url ? ` (${item.url})` : '';
    return `- **${item.title}**: ${item.text.trim()}${examples}${link}`;
  });
  return [`# ${section.title}`, section.body.trim(), items.join('\n')].filter(Boolean).join('\n\n');
}

/** One skill: why it matters, how to build it, and the steps that build it. */
export function skillMarkdown(roadmap: Roadmap, skill: Skill): string {
  const steps = skill.steps.map((id) => {
    const index = roadmap.steps.findIndex((step) => step.id === id);
    // "- 2. Title" would be read as a list nested in a list item, and renumbered from 1.
    return `- Step ${index + 1}: ${roadmap.steps[index]?.title ?? id} (\`${id}\`)`;
  });
  return [
    `# ${skill.title}`,
    '## Why it matters',
    skill.why.trim(),
    '## How to build it',
    skill.how.trim(),
    '## Roadmap steps that build it',
    steps.join('\n'),
  ].join('\n\n');
}

/** One phase, headed "Phase n of N". */
export function phaseMarkdown(phase: Phase, number: number, total: number): string {
  return `# Phase ${number} of ${total}: ${phase.title}\n\n${phase.body.trim()}`;
}

/** A certification's status in words, as of the date the content says: "retired on 2026-03-31, replaced by ...". */
export function certStatus(cert: Certification, roadmap?: Roadmap): string {
  const replacement = cert.replacedBy ? roadmap?.certifications.find((other) => other.id === cert.replacedBy)?.title : undefined;
  const asOf = cert.statusAsOf ? ` (as of ${cert.statusAsOf})` : '';
  switch (cert.status) {
    case 'retired':
      return `retired${cert.retires ? ` on ${cert.retires}` : ''}${replacement ? `; take ${replacement} instead` : ''}${asOf}`;
    case 'retiring':
      return `retiring on ${cert.retires ?? 'a date to be announced'}${replacement ? `; ${replacement} replaces it` : ''}${asOf}`;
    default:
      return `active${asOf}`;
  }
}

/** One certification: title, issuer, its status, what it covers and its official page. */
export function certMarkdown(cert: Certification, roadmap?: Roadmap): string {
  return `# ${cert.title}\n\n**Issued by:** ${cert.issuer}\n\n**Status:** ${certStatus(cert, roadmap)}\n\n${cert.summary.trim()}\n\nOfficial page: ${cert.url}`;
}

/** One FAQ: the question as a heading, then the answer. */
export function faqMarkdown(faq: Faq): string {
  return `# ${faq.question}\n\n${faq.answer.trim()}`;
}
