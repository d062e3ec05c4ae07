// marked-terminal imports node-emoji (a large emoji table) but only uses it with `emoji: true`,
// which mlroadmap never sets. The bundle swaps it for this.
export function get(): undefined {
  return undefined;
}
