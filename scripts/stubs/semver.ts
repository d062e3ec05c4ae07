// conf imports semver at the top (building some 40 regular expressions) but uses it only for
// `migrations`, which mlroadmap never passes. The bundle swaps it for this, as it does ajv.
function unavailable(): never {
  throw new Error('conf migrations (semver) are not bundled with mlroadmap');
}

export default { eq: unavailable, clean: unavailable, satisfies: unavailable, lte: unavailable };
