// conf imports node:crypto at the top but uses it only with `encryptionKey`, which mlroadmap never
// passes; loading node:crypto costs about 1.5 ms on every change of progress. The bundle gives conf
// this instead: the real module is loaded if one of these is ever called.
import type * as Crypto from 'node:crypto';

const real = () => process.getBuiltinModule('node:crypto');

export default {
  pbkdf2Sync: ((...args: Parameters<typeof Crypto.pbkdf2Sync>) => real().pbkdf2Sync(...args)) as typeof Crypto.pbkdf2Sync,
  randomBytes: ((size: number) => real().randomBytes(size)) as typeof Crypto.randomBytes,
  createCipheriv: ((...args: Parameters<typeof Crypto.createCipheriv>) => real().createCipheriv(...args)) as typeof Crypto.createCipheriv,
  createDecipheriv: ((...args: Parameters<typeof Crypto.createDecipheriv>) =>
    real().createDecipheriv(...args)) as typeof Crypto.createDecipheriv,
};
