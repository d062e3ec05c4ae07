import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { loadLexer } from '../../src/content/links.js';
import { readPack } from '../../src/content/load.js';
import { CARD_KINDS, CERTIFICATION_STATUSES, PROJECT_LEVELS, READABLE_FORMAT_VERSIONS, RESOURCE_TYPES } from '../../src/content/schema.js';
import {
  findProblems,
  ITEM_KINDS,
  KNOWN_KEYS,
  type ListKey,
  type MappingKind,
  META_FILE,
  PACK_FILES,
  PROJECT_ACTIONS,
  type RawPack,
} from '../../src/content/validate.js';
import { CONTENT_DIR, FIXTURE_DIR } from '../helpers.js';

const lex = await loadLexer();

/**
 * docs/content-format.schema.json is written by hand for editors; these tests keep it the format
 * the validator checks: the same keys in every mapping, the same choices, and the shipped packs valid
 * under both.
 */
type Definition = {
  type?: string;
  properties?: Record<string, Definition>;
  required?: string[];
  additionalProperties?: boolean;
  items?: Definition;
  enum?: unknown[];
  $ref?: string;
  allOf?: Definition[];
  not?: Definition;
};
const SCHEMA_FILE = fileURLToPath(new URL('../../docs/content-format.schema.json', import.meta.url));
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { $schema: string; $defs: Record<string, Definition> };
const defs = schema.$defs;
const EXAMPLE = fileURLToPath(new URL('../../examples/data-scientist', import.meta.url));

// strict: a keyword the draft does not know, or one misspelt, fails here instead of being ignored.
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
ajv.addSchema(schema, 'pack');
const fileSchema = (file: string) => {
  const validate = ajv.getSchema(`pack#/$defs/${file}`);
  if (!validate) throw new Error(`no definition for ${file}`);
  return validate;
};
const FILES: [string, (data: RawPack) => unknown][] = [
  [META_FILE, (data) => data.meta],
  ...Object.entries(PACK_FILES).map(([key, file]): [string, (data: RawPack) => unknown] => [file, (data) => data.lists[key as ListKey]]),
];

/** What the schema says is wrong with `data`, file by file; files the pack leaves out are not checked. */
function schemaErrors(data: RawPack): string[] {
  return FILES.flatMap(([file, of]) => {
    const value = of(data);
    if (value === undefined) return [];
    const validate = fileSchema(file);
    return validate(value) ? [] : (validate.errors ?? []).map((error) => `${file}: ${error.instancePath} ${error.message}`);
  });
}

/** The first mapping of each kind in a pack, found by walking it as the validator does. */
function mappings(data: RawPack): [MappingKind, Record<string, unknown>][] {
  const found = new Map<MappingKind, Record<string, unknown>>();
  const visit = (kind: MappingKind, value: unknown) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const item = value as Record<string, unknown>;
    if (!found.has(kind)) found.set(kind, item);
    const each = (key: string, of: MappingKind) => {
      for (const child of Array.isArray(item[key]) ? (item[key] as unknown[]) : []) visit(of, child);
    };
    if (kind === 'section') each('items', 'sectionItem');
    if (kind === 'step' || kind === 'topic') each('resources', 'resource');
    if (kind === 'step') each('topics', 'topic');
    if (kind === 'quiz') each('questions', 'question');
    if (kind === 'project') {
      visit('dataset', item.dataset);
      each('milestones', 'milestone');
    }
  };
  visit('pack', data.meta);
  for (const [key, kind] of Object.entries(ITEM_KINDS))
    for (const item of (data.lists[key as ListKey] as unknown[]) ?? []) visit(kind, item);
  return [...found];
}

const shipped = await readPack(CONTENT_DIR);

describe('the JSON Schema of the content format', () => {
  it('is draft 2020-12, and valid under it', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(ajv.validateSchema(schema)).toBe(true);
  });

  it.each([
    ['the shipped guide', CONTENT_DIR],
    ['the example pack', EXAMPLE],
    ['the tests’ tiny pack', FIXTURE_DIR],
  ])('accepts %s, as the validator does', async (_name, dir) => {
    const data = await readPack(dir);
    expect(data.problems).toEqual([]);
    expect(schemaErrors(data)).toEqual([]);
  });

  it('has a definition for every file, holding the mappings the validator expects there', () => {
    expect(
      Object.keys(defs)
        .filter((name) => name.endsWith('.yaml'))
        .sort(),
    ).toEqual([META_FILE, ...Object.values(PACK_FILES)].sort());
    expect(defs[META_FILE]?.$ref).toBe('#/$defs/pack');
    for (const [key, file] of Object.entries(PACK_FILES)) {
      expect(defs[file], file).toMatchObject({ type: 'array', items: { $ref: `#/$defs/${ITEM_KINDS[key as ListKey]}` } });
    }
  });

  it('knows exactly the keys the validator knows, in every kind of mapping, and no others', () => {
    const objects = Object.entries(defs).filter(([, def]) => def.type === 'object');
    expect(objects.map(([name]) => name).sort()).toEqual(Object.keys(KNOWN_KEYS).sort());
    for (const [kind, keys] of Object.entries(KNOWN_KEYS)) {
      const def = defs[kind];
      expect(def?.additionalProperties, kind).toBe(false);
      expect(Object.keys(def?.properties ?? {}), kind).toEqual([...keys]);
    }
  });

  it('offers the choices the validator accepts', () => {
    const property = (kind: string, key: string) => defs[kind]?.properties?.[key];
    expect(property('pack', 'formatVersion')?.enum).toEqual(READABLE_FORMAT_VERSIONS);
    expect(property('resource', 'type')?.enum).toEqual(RESOURCE_TYPES);
    expect(property('certification', 'status')?.enum).toEqual(CERTIFICATION_STATUSES);
    expect(property('card', 'kind')?.enum).toEqual(CARD_KINDS);
    expect(property('project', 'level')?.enum).toEqual(PROJECT_LEVELS);
    expect(property('project', 'id')?.allOf?.[1]?.not?.enum).toEqual(PROJECT_ACTIONS);
  });

  const samples = mappings(shipped);
  it('finds a mapping of every kind in the shipped guide, for the tests below', () => {
    expect(samples.map(([kind]) => kind).sort()).toEqual(Object.keys(KNOWN_KEYS).sort());
  });

  it.each(samples.map(([kind]) => kind))('rejects an unknown key in %s, as the validator does', (kind) => {
    const data = structuredClone({ meta: shipped.meta, lists: shipped.lists });
    const sample = mappings(data).find(([k]) => k === kind)?.[1] as Record<string, unknown>;
    sample.colour = 'red';
    expect(findProblems(data, lex)).toEqual([expect.stringMatching(/\.?colour: unknown key; the keys of /)]);
    expect(schemaErrors(data)).toEqual([expect.stringMatching(/must NOT have additional properties/)]);
  });

  it.each(
    samples.flatMap(([kind, sample]) =>
      (defs[kind]?.required ?? []).filter((key) => key in sample).map((key): [MappingKind, string] => [kind, key]),
    ),
  )('requires %s to have %s, as the validator does', (kind, key) => {
    const data = structuredClone({ meta: shipped.meta, lists: shipped.lists });
    const sample = mappings(data).find(([k]) => k === kind)?.[1] as Record<string, unknown>;
    delete sample[key];
    expect(findProblems(data, lex).length).toBeGreaterThan(0);
    expect(schemaErrors(data).length).toBeGreaterThan(0);
  });
});
