import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPortfolio, findSecret, quoteBytes, quoteName } from '../../src/portfolio/check.js';
import { makeContext, runCli } from '../helpers.js';

const root = mkdtempSync(join(tmpdir(), 'mlroadmap-secrets-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const NOW = new Date('2026-12-01T12:00:00Z');
let counter = 0;

function folder(files: Record<string, string>): string {
  const dir = join(root, `f${++counter}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Random-looking characters from `alphabet`, built at run time so no key-shaped text sits in this repository. */
function fake(alphabet: string, length: number, seed = 7): string {
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[(i * 31 + seed * 17 + ((i * i) % 13)) % alphabet.length];
  return text;
}
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const BASE64 = `${ALNUM}/+`;

const awsSecret = fake(BASE64, 40);
const SHAPES: [string, string, string, string][] = [
  // [what the learner sees, file, its text, the secret that must never be printed]
  ['an AWS access key id', 'config.py', `KEY = "${'AKIA'}${fake(UPPER, 16)}"\n`, `AKIA${fake(UPPER, 16)}`],
  ['an AWS access key id', 'deploy.sh', `export AWS_ACCESS_KEY_ID=${'ASIA'}${fake(UPPER, 16, 3)}\n`, `ASIA${fake(UPPER, 16, 3)}`],
  ['an AWS secret access key', 'settings.env.sh', `# deploy\nAWS_SECRET_ACCESS_KEY=${awsSecret}\n`, awsSecret],
  ['an AWS secret access key', 'aws/credentials.ini', `[default]\naws_secret_access_key = ${awsSecret}\n`, awsSecret],
  ['an AWS secret access key', 'keys.yaml', `creds:\n  "SecretAccessKey": "${awsSecret}"\n`, awsSecret],
  ['a private key', 'deploy/server.txt', `-----BEGIN ${'RSA PRIVATE'} KEY-----\n${fake(BASE64, 64)}\n`, fake(BASE64, 64)],
  ['a private key', 'notes.md', `x\n-----BEGIN ${'OPENSSH PRIVATE'} KEY-----\n${fake(BASE64, 64, 2)}\n`, fake(BASE64, 64, 2)],
  ['a private key', 'pgp.asc.txt', `-----BEGIN ${'PGP PRIVATE'} KEY BLOCK-----\n${fake(BASE64, 64, 4)}\n`, fake(BASE64, 64, 4)],
  [
    'a Google service-account key',
    'my-project-4f2a1c.json',
    `{\n  "type": "service_account",\n  "project_id": "p",\n  "private_key_id": "${fake('0123456789abcdef', 40)}"\n}\n`,
    fake('0123456789abcdef', 40),
  ],
  ['a Google API key', 'maps.js', `const key = "${'AIza'}${fake(ALNUM, 35)}";\n`, `AIza${fake(ALNUM, 35)}`],
  ['a Slack token', 'bot.py', `TOKEN = "${'xoxb'}-${fake('0123456789', 12)}-${fake(ALNUM, 24)}"\n`, fake(ALNUM, 24)],
  [
    'a Slack webhook URL',
    'alerts.py',
    `URL = "https://hooks.slack.com/services/T${fake(UPPER, 8)}/B${fake(UPPER, 8)}/${fake(ALNUM, 24, 5)}"\n`,
    fake(ALNUM, 24, 5),
  ],
  ['a Stripe secret key', 'pay.py', `stripe.api_key = "${'sk_live'}_${fake(ALNUM, 24)}"\n`, fake(ALNUM, 24)],
  ['a GitHub token', 'ci.sh', `TOKEN=${'ghp'}_${fake(ALNUM, 36)}\n`, fake(ALNUM, 36)],
  ['a GitHub token', 'ci2.sh', `TOKEN=${'github_pat'}_${fake(ALNUM, 22)}_${fake(ALNUM, 59)}\n`, fake(ALNUM, 59)],
  ['an OpenAI API key', 'llm.py', `client = OpenAI(api_key="${'sk-proj'}-${fake(ALNUM, 40)}")\n`, fake(ALNUM, 40)],
  ['a Hugging Face token', 'hub.py', `login("${'hf'}_${fake(ALNUM, 34)}")\n`, fake(ALNUM, 34)],
];

describe('portfolio check finds committed secrets by their shapes, never printing them', () => {
  it.each(SHAPES)('%s in %s', async (what, file, text, secret) => {
    const dir = folder({ [file]: text });
    const secrets = checkPortfolio(dir, NOW).findings.find((finding) => finding.id === 'secrets');
    const line = text.split('\n').findIndex((row) => row.includes(secret.slice(0, 8)) || /BEGIN|service_account/.test(row)) + 1;
    expect(secrets?.files).toEqual([`${file}:${line} (${what})`]);
    const ctx = await makeContext({ now: () => NOW });
    for (const args of [[], ['--json']]) {
      const result = await runCli(ctx, ['portfolio', 'check', dir, ...args]);
      expect(result.code).toBe(1);
      expect(result.out).toContain(`${file}:${line} (${what})`);
      expect(result.out + result.err).not.toContain(secret.slice(-12));
    }
  });

  it.each([
    [
      "AWS's documented example keys",
      `AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`,
    ],
    ['a placeholder', 'AWS_SECRET_ACCESS_KEY=<your secret key>\nOPENAI_API_KEY=sk-...\n'],
    ['a public key', `-----BEGIN ${'PUBLIC'} KEY-----\nAAAA\n`],
    ['a 40-character hash with no key name', `commit ${fake('0123456789abcdef', 40)}\n`],
  ])('does not take %s for a secret', (_name, text) => {
    expect(findSecret(text)).toBeUndefined();
  });

  it('names the first secret of a file by its line, whichever kind comes first', () => {
    expect(findSecret(`a\nb\nAWS_SECRET_ACCESS_KEY=${awsSecret}\nKEY=AKIA${fake(UPPER, 16)}\n`)).toEqual({
      line: 3,
      what: 'an AWS secret access key',
    });
  });
});

describe('file names from a checked folder are printed quoted, as git quotes them', () => {
  it.each([
    ['model.py', 'model.py'],
    ['with space.py', 'with space.py'],
    ['données.csv', 'données.csv'],
    ['🚀 launch.py', '🚀 launch.py'],
    ['lone\ud800.py', '"lone\\357\\277\\275.py"'],
    ['a\nb', '"a\\nb"'],
    ['tab\there', '"tab\\there"'],
    ['quote"and\\slash', '"quote\\"and\\\\slash"'],
    ['\u001b[2Jclear', '"\\033[2Jclear"'],
    ['bell\u0007', '"bell\\a"'],
    ['evil\u202egnp.exe', '"evil\\342\\200\\256gnp.exe"'],
    ['c1\u009bcsi', '"c1\\302\\233csi"'],
  ])('%j prints as %s', (name, quoted) => {
    expect(quoteName(name)).toBe(quoted);
  });

  it('a name with a newline and escape codes cannot fake a line of the report, in text or JSON', async () => {
    const fakeLine = '- Nothing is missing [all-good]';
    const name = `notes\n${fakeLine}\n\u001b[31mred\u001b[0m.pem`;
    const dir = folder({ [name]: 'x\n', 'big\nname.parquet': '' });
    const ctx = await makeContext({ now: () => NOW });
    const result = await runCli(ctx, ['portfolio', 'check', dir]);
    const lines = result.out.split('\n');
    expect(lines).not.toContain(fakeLine);
    expect(result.out).not.toContain('\u001b');
    expect(lines).toContain(`    "notes\\n${fakeLine}\\n\\033[31mred\\033[0m.pem"`);
    const json = JSON.parse((await runCli(ctx, ['portfolio', 'check', dir, '--json'])).out);
    expect(json.findings.find((finding: { id: string }) => finding.id === 'secrets').files).toEqual([
      `"notes\\n${fakeLine}\\n\\033[31mred\\033[0m.pem"`,
    ]);
  });

  it('reads a file whose name is not UTF-8, committed or not, and prints its name with octal escapes as git does', async () => {
    const dir = folder({ 'README.md': '# x\n' });
    const name = Buffer.concat([Buffer.from('keys-'), Buffer.from([0xff, 0xfe]), Buffer.from('.py')]);
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), name]), `KEY = "AKIA${fake(UPPER, 16)}"\n`);
    expect(quoteBytes(name)).toBe('"keys-\\377\\376.py"');
    const secrets = () => checkPortfolio(dir, NOW).findings.find((finding) => finding.id === 'secrets')?.files;
    expect(secrets()).toEqual(['"keys-\\377\\376.py":1 (an AWS access key id)']);
    // In a repository, git's list of tracked files is matched byte for byte.
    execFileSync('git', ['init', '-q', dir]);
    execFileSync('git', ['-C', dir, 'add', '--', '.'], { env: { ...process.env, LC_ALL: 'C' } });
    expect(secrets()).toEqual(['"keys-\\377\\376.py":1 (an AWS access key id)']);
    const ctx = await makeContext({ now: () => NOW });
    expect((await runCli(ctx, ['portfolio', 'check', dir])).out).toContain('    "keys-\\377\\376.py":1 (an AWS access key id)');
  });

  it.each([
    [Buffer.from('plain.py'), 'plain.py'],
    [Buffer.from('données.csv'), 'données.csv'],
    [Buffer.from([0x61, 0xc3]), '"a\\303"'],
    [Buffer.concat([Buffer.from([0xc0, 0xaf]), Buffer.from('é\n')]), '"\\300\\257é\\n"'],
  ])('bytes %j print as %s', (bytes, quoted) => {
    expect(quoteBytes(bytes)).toBe(quoted);
  });

  it('quotes the folder named on the command line too', async () => {
    const odd = join(root, 'odd\nfolder');
    mkdirSync(odd);
    const ctx = await makeContext({ now: () => NOW });
    const result = await runCli(ctx, ['portfolio', 'check', odd]);
    expect(result.out.split('\n')[0]).toBe(`Portfolio check of ${quoteName(odd)}: 6 things a reviewer would miss.`);
    expect(result.err.split('\n')).toHaveLength(1);
  });
});
