import type { Writable } from 'node:stream';

/** Writes `chunk`, waiting while the client reads slower than we write (so memory stays flat). */
export async function writeChunk(out: Writable, chunk: string): Promise<void> {
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', done);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('the client went away'));
    out.once('drain', onDrain);
    out.once('close', onClose);
    out.once('error', done);
  });
}

/**
 * A JSON array written page by page: `pages` yields arrays until it is exhausted. Returns how
 * many items were written.
 */
export async function writeJsonArray<T>(out: Writable, pages: AsyncIterable<T[]>, toJson: (item: T) => unknown): Promise<number> {
  let count = 0;
  await writeChunk(out, '[');
  for await (const page of pages) {
    if (!page.length) continue;
    const body = page.map((item) => JSON.stringify(toJson(item))).join(',');
    await writeChunk(out, (count ? ',' : '') + body);
    count += page.length;
  }
  await writeChunk(out, ']');
  return count;
}
