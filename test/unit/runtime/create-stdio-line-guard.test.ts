import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStdioLineGuard } from '../../../src/runtime/create-stdio-line-guard.js';

const MAX = 32;

function run(chunks: string[]): { forwarded: string; tooLarge: Array<[unknown, number]> } {
  let forwarded = '';
  const tooLarge: Array<[unknown, number]> = [];
  const guard = createStdioLineGuard({
    maxLineBytes: MAX,
    forward: (bytes) => {
      forwarded += bytes.toString('utf8');
    },
    onTooLarge: (id, bytes) => tooLarge.push([id, bytes]),
  });
  for (const chunk of chunks) guard(Buffer.from(chunk, 'utf8'));
  return { forwarded, tooLarge };
}

describe('createStdioLineGuard', () => {
  it('passes lines within the limit as they are, whatever the chunks', () => {
    const text = '{"id":1}\n{"id":2,"method":"x"}\n\n{"id":3}\n';
    expect(run([text]).forwarded).toBe(text);
    expect(run(text.split('')).forwarded).toBe(text);
    expect(run(['{"id":1}\n{"i', 'd":2,"method":"x"}\n', '\n{"id":3}\n']).tooLarge).toEqual([]);
  });

  it('drops a longer line, names its id once it ends, and passes the next ones', () => {
    const big = `{"method":"tools/call","params":{"s":"${'x'.repeat(100)}"},"id":7}`;
    const { forwarded, tooLarge } = run([
      `{"id":1}\n${big.slice(0, 20)}`,
      big.slice(20, 90),
      `${big.slice(90)}\n{"id":2}\n`,
    ]);
    expect(tooLarge).toEqual([[7, Buffer.byteLength(big)]]);
    // What the transport saw of the big line is a fragment on its own line: it cannot parse it.
    const lines = forwarded.split('\n');
    expect(lines).toEqual(['{"id":1}', big.slice(0, 20), '{"id":2}', '']);
    expect(() => JSON.parse(lines[1]!)).toThrow(SyntaxError);
  });

  it('an oversized response or notification is dropped with nothing to answer', () => {
    const response = `{"jsonrpc":"2.0","id":4,"result":{"s":"${'r'.repeat(60)}"}}`;
    const notification = `{"method":"notifications/x","params":{"s":"${'n'.repeat(60)}"}}`;
    expect(run([`${response}\n${notification}\n`]).tooLarge).toEqual([
      [undefined, response.length],
      [undefined, notification.length],
    ]);
  });

  it('a long line that arrives whole is dropped without a fragment', () => {
    const big = `{"id":"a","params":"${'y'.repeat(100)}","method":"tools/call"}`;
    expect(run([`${big}\n{"id":2}\n`])).toEqual({ forwarded: '{"id":2}\n', tooLarge: [['a', big.length]] });
  });

  it('property: every line within the limit reaches the transport whole; every longer one is reported once', () => {
    const line = fc.oneof(
      fc.integer({ min: 0, max: 1_000 }).map((id) => JSON.stringify({ method: 'm', id })),
      fc
        .tuple(fc.integer({ min: 0, max: 1_000 }), fc.string({ minLength: 20, maxLength: 80 }))
        .map(([id, s]) => JSON.stringify({ method: 'm', params: { s }, id })),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 10 }), (lines, cuts) => {
        const text = lines.map((l) => `${l}\n`).join('');
        const bytes = Buffer.from(text, 'utf8');
        const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let last = 0;
        for (const point of [...points, bytes.length]) {
          chunks.push(bytes.subarray(last, point).toString('latin1'));
          last = point;
        }
        // latin1 round-trips bytes; the guard sees the same bytes as the text's UTF-8.
        let forwarded = '';
        const tooLarge: Array<[unknown, number]> = [];
        const guard = createStdioLineGuard({
          maxLineBytes: MAX,
          forward: (piece) => {
            forwarded += piece.toString('utf8');
          },
          onTooLarge: (id, size) => tooLarge.push([id, size]),
        });
        for (const chunk of chunks) guard(Buffer.from(chunk, 'latin1'));
        const fitting = lines.filter((l) => Buffer.byteLength(l) <= MAX);
        const longer = lines.filter((l) => Buffer.byteLength(l) > MAX);
        const parsed = forwarded
          .split('\n')
          .filter((l) => l !== '')
          .filter((l) => {
            try {
              JSON.parse(l);
              return true;
            } catch {
              return false;
            }
          });
        expect(parsed).toEqual(fitting);
        expect(tooLarge).toEqual(
          longer.map((l) => [(JSON.parse(l) as { id: number }).id, Buffer.byteLength(l)]),
        );
      }),
      { numRuns: 300 },
    );
  });
});
