// conf imports ajv at the top but only uses it for a `schema`, which mlroadmap never passes.
// The bundle swaps ajv (about 90 ms to import) for this.
export class Ajv2020 {
  constructor() {
    throw new Error('JSON-schema validation is not bundled with mlroadmap');
  }
}
export default function addFormats(): void {
  throw new Error('JSON-schema validation is not bundled with mlroadmap');
}
