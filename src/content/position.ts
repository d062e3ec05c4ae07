import type * as Yaml from 'yaml';

/** What a locator uses of the `yaml` module. */
type NodeTests = Pick<typeof Yaml, 'isAlias' | 'isMap' | 'isScalar' | 'isSeq'>;

/** One step into parsed YAML: a mapping's key or a list's index. */
export type Segment = string | number;

/** Where something is in a file, counting lines and columns from 1. */
export interface Position {
  line: number;
  col: number;
}

/**
 * Finds a node of one file by its path, for messages. With `onKey`, the position of the mapping key
 * the last segment names (an unknown key is the key itself, not its value). A node that is missing
 * is placed at its parent: the key that holds the parent, or the parent itself when it is a list's
 * item or the whole file, so a missing field still points at the item that lacks it.
 */
export type Locator = (path: readonly Segment[], onKey?: boolean) => Position;

/**
 * A `Locator` for one parsed file. `yaml` is the module itself, handed in because it is imported
 * lazily (see load.ts): this module imports only its types.
 */
export function makeLocator(yaml: NodeTests, doc: Yaml.Document, lines: Yaml.LineCounter): Locator {
  const startOf = (node: unknown): number | undefined => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    // An empty value (`summary:` and nothing) has an empty range at the end of its line: not worth pointing at.
    return range && range[1] > range[0] ? range[0] : undefined;
  };
  const position = (offset: number): Position => lines.linePos(offset);

  return (path, onKey = false) => {
    let node: unknown = doc.contents;
    // The key `node` was reached through, if the last step was into a mapping.
    let via: unknown;
    for (const [index, segment] of path.entries()) {
      // An alias stands for the node it names: walk on from there.
      const here = yaml.isAlias(node) ? node.resolve(doc) : node;
      let next: unknown;
      let key: unknown;
      if (yaml.isMap(here) && typeof segment === 'string') {
        const pair = here.items.find((item) => keyText(yaml, item.key) === segment);
        if (!pair) break;
        key = pair.key;
        next = pair.value;
      } else if (yaml.isSeq(here) && typeof segment === 'number' && segment < here.items.length) {
        next = here.items[segment];
      } else break;
      if (onKey && index === path.length - 1) return position(startOf(key) ?? 0);
      node = next;
      via = key;
      if (index === path.length - 1) return position(startOf(node) ?? startOf(via) ?? 0);
    }
    // Missing (or the whole file): the parent's key, or the parent itself.
    return position(startOf(via) ?? startOf(node) ?? 0);
  };
}

/** A key as `toJS` spells it in the parsed data. */
function keyText(yaml: NodeTests, key: unknown): string {
  return String(yaml.isScalar(key) ? key.value : key);
}
