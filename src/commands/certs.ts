import type { CommandSpec } from '../command.js';
import { resolveItem } from '../content/lookup.js';
import { listOptions, markdown } from '../output.js';
import { certMarkdown } from '../render/pages.js';
import { renderRows } from '../render/text.js';

/** `mlroadmap certs [cert]`: the certifications the guide names, with issuer, or one in full. */
export const command: CommandSpec = {
  name: 'certs',
  group: 'Learn',
  summary: 'list the certifications, or read one',
  arguments: [{ name: 'cert', description: "a certification's number, id or id prefix", required: false, completes: 'cert' }],
  json: true,
  fast: { content: ['certifications'], progress: false },
  examples: ['mlroadmap certs', 'mlroadmap certs google-cloud', 'mlroadmap certs 1 --json'],
  run(ctx, { args }) {
    const { certifications } = ctx.roadmap;
    // Every key always there (docs/json.md).
    const numbered = certifications.map((cert, index) => ({
      number: index + 1,
      ...cert,
      statusAsOf: cert.statusAsOf ?? null,
      retires: cert.retires ?? null,
      replacedBy: cert.replacedBy ?? null,
    }));
    const input = args[0] as string | undefined;
    if (input !== undefined) {
      const cert = resolveItem(certifications, input, 'certification', 'certs');
      return { data: numbered[certifications.indexOf(cert)], text: () => markdown(ctx, certMarkdown(cert, ctx.roadmap)) };
    }
    return {
      data: numbered,
      text: () =>
        renderRows(
          certifications.map((c, i) => [`${i + 1}. ${c.id}`, `${c.title} (${c.issuer})${c.status === 'active' ? '' : `: ${c.status}`}`]),
          listOptions(ctx),
          'Certifications',
          `Read one with: mlroadmap certs <number or id>${ctx.roadmap.reviewed ? `. Statuses as checked on ${ctx.roadmap.reviewed}` : ''}`,
        ),
    };
  },
};
