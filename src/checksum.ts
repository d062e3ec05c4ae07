/**
 * The checksum of the caches (compiled code, compiled content packs), in WebAssembly: a damaged cache
 * must be caught before it is used (V8 does not check a code cache itself), and the check runs on
 * every start. In JavaScript it is run cold, by the interpreter, and takes 2 to 4 ms
 * for a cache of 100 kB; node:zlib's crc32 costs about 2.5 ms to load (its module brings in all of
 * streams); this takes about a tenth of a millisecond. The module is this function, from its WAT:
 *
 *   (func (export "hash") (param $n i32) (result i32)
 *     (local $i i32) (local $h i64)
 *     (local.set $h (i64.const 0x9e3779b97f4a7c15))
 *     (block $done (loop $next
 *       (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
 *       (local.set $h (i64.mul (i64.xor (local.get $h) (i64.load (local.get $i))) (i64.const 0x100000001b3)))
 *       (local.set $h (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 29))))
 *       (local.set $i (i32.add (local.get $i) (i32.const 8)))
 *       (br $next)))
 *     (i32.wrap_i64 (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 32)))))
 *
 * with one page of memory exported as `memory`: each 64-bit little-endian word of the input is mixed
 * in (FNV's multiplier, then a shift), over the bytes, zeros to a multiple of 8, and their count as a
 * last word. tests/boot.test.ts checks it against the same sum in BigInt arithmetic. It catches a
 * damaged file, not a forged one (the cache folder is the learner's own; see trustedCacheDir).
 */
const HASH_WASM =
  'AGFzbQEAAAABBgFgAX8BfwMCAQAFAwEAAQcRAgZtZW1vcnkCAARoYXNoAAAKUAFOAgF/AX5Clfip+pe33puefyECAkADQCABIABPDQEgAiABKQMAhUKzg4CAgCB+IQIgAiACQh2IhSECIAFBCGohAQwACwsgAiACQiCIhacL';

/** The checksum of `data` (see HASH_WASM). */
export function checksum(data: Uint8Array): number {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(HASH_WASM, 'base64')));
  const memory = instance.exports.memory as WebAssembly.Memory;
  const padded = (data.length + 7) & ~7;
  const pages = Math.ceil((padded + 8) / 65536);
  if (pages > 1) memory.grow(pages - 1);
  new Uint8Array(memory.buffer).set(data);
  new DataView(memory.buffer).setBigUint64(padded, BigInt(data.length), true);
  return (instance.exports.hash as (n: number) => number)(padded + 8) >>> 0;
}
