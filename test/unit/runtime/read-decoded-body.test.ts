import { Readable } from 'node:stream';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readDecodedBody } from '../../../src/runtime/read-decoded-body.js';

const TEXT = Buffer.from('{"hello":"world"}');

function stream(bytes: Buffer, chunk = 1024): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunk)
    chunks.push(bytes.subarray(offset, offset + chunk));
  return Readable.from(chunks);
}

describe('readDecodedBody', () => {
  it.each([
    ['gzip', gzipSync(TEXT)],
    ['x-gzip', gzipSync(TEXT)],
    ['deflate', deflateSync(TEXT)],
    ['br', brotliCompressSync(TEXT)],
    ['GZIP', gzipSync(TEXT)],
    ['gzip, br', brotliCompressSync(gzipSync(TEXT))],
  ])('undoes %s', async (coding, bytes) => {
    const read = await readDecodedBody(stream(bytes), coding, 1024);
    expect(Buffer.from(read.bytes).toString()).toBe(TEXT.toString());
    expect(read).toMatchObject({ truncated: false, decoded: true });
  });

  it('identity and no coding read the bytes as they are', async () => {
    for (const coding of [undefined, '', 'identity']) {
      const read = await readDecodedBody(stream(TEXT), coding, 1024);
      expect(read).toEqual({ bytes: new Uint8Array(TEXT), truncated: false, decoded: false });
    }
  });

  it('a gzip bomb stops at the cap counted in decoded bytes', async () => {
    // 64 MiB of zeros is about 64 KiB of gzip.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(128 * 1024);
    const body = stream(bomb, 16 * 1024);
    const started = performance.now();
    const read = await readDecodedBody(body, 'gzip', 1024 * 1024);
    expect(read.bytes.length).toBe(1024 * 1024);
    expect(read.truncated).toBe(true);
    expect(body.destroyed).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('a coding it cannot undo is left as is and named', async () => {
    const read = await readDecodedBody(stream(TEXT), 'zstd', 1024);
    expect(read).toMatchObject({ encoding: 'zstd', decoded: false, bytes: new Uint8Array(TEXT) });
  });

  it('a corrupt gzip body rejects with the zlib code', async () => {
    await expect(readDecodedBody(stream(Buffer.from('not gzip at all')), 'gzip', 1024)).rejects.toMatchObject(
      {
        code: 'Z_DATA_ERROR',
      },
    );
  });
});
