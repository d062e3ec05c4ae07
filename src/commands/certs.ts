import { resolveItem } from '../content/lookup.js';
import type { Certification } from '../content/schema.js';
import type { Context } from '../context.js';
import { renderRows } from '../render/text.js';
import { listOptions, printJson, printList, printMarkdown } from './shared.js';

/** The markdown of one certification: title, issuer, what it covers and its official page. */
export function certMarkdown(cert: Certification): string {
  return `# ${cert.title}\n\n**Issued by:** ${cert.issuer}\n\n${cert.summary.trim()}\n\nOfficial page: ${cert.url}`;
}

/** `mlroadmap certs [cert]`: the certifications the guide names, with issuer, or one in full. */
export async function showCerts(ctx: Context, input: string | undefined, options: { json?: boolean }): Promise<void> {
  const { certifications } = ctx.roadmap;
  if (input !== undefined) {
    const cert = resolveItem(certifications, input, 'certification', 'certs');
    if (options.json) return printJson(ctx, cert);
    return printMarkdown(ctx, certMarkdown(cert));
  }
  if (options.json) return printJson(ctx, certifications);
  printList(
    ctx,
    renderRows(
      certifications.map((c, i) => [`${i + 1}. ${c.id}`, `${c.title} (${c.issuer})`]),
      listOptions(ctx),
      'Certifications',
      'Read one with: mlroadmap certs <number or id>',
    ),
  );
}
