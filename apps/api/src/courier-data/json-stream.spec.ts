import { PassThrough } from 'node:stream';
import { writeJsonArray } from './json-stream';

async function* pagesOf<T>(...pages: T[][]) {
  for (const page of pages) yield page;
}

async function written(pages: AsyncIterable<number[]>): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeJsonArray(out, pages, (n) => ({ n }));
  out.end();
  return Buffer.concat(chunks).toString();
}

describe('writeJsonArray', () => {
  it('joins pages into one valid JSON array, skipping empty ones', async () => {
    expect(JSON.parse(await written(pagesOf([1, 2], [], [3])))).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('writes an empty array when there is nothing', async () => {
    expect(await written(pagesOf())).toBe('[]');
  });
});
