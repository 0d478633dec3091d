/** Writing a JSON array of unknown length to a stream, one element at a time. */
import type { Writable } from 'node:stream';
import { once } from 'node:events';

export async function writeText(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Writes `prefix`, the items as a JSON array, then `suffix`; returns how many items. */
export async function writeJsonArray<T>(
  out: Writable,
  prefix: string,
  items: Iterable<T> | AsyncIterable<T>,
  suffix: string,
): Promise<number> {
  await writeText(out, prefix + '[');
  let n = 0;
  for await (const item of items) {
    await writeText(out, (n++ === 0 ? '\n' : ',\n') + JSON.stringify(item));
    if (n % 1000 === 0) await new Promise(setImmediate);
  }
  await writeText(out, (n ? '\n' : '') + ']' + suffix);
  return n;
}
