// chalk's own copy of supports-color (node_modules/chalk/source/vendor/supports-color), which the
// build resolves this name to for the fast entry points (see src/fast/run.ts and scripts/build.mjs).
declare module 'mlroadmap:supports-color' {
  export function createSupportsColor(stream?: { isTTY?: boolean }, options?: { sniffFlags?: boolean }): { level: 0 | 1 | 2 | 3 } | false;
}
