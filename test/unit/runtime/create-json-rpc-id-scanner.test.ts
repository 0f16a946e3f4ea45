import { describe, expect, it } from 'vitest';
import { createJsonRpcIdScanner } from '../../../src/runtime/create-json-rpc-id-scanner.js';

/** Scans `text` fed in pieces of `size` bytes. */
function scan(text: string, size = Number.POSITIVE_INFINITY): unknown {
  const bytes = Buffer.from(text, 'utf8');
  const scanner = createJsonRpcIdScanner();
  const step = Math.min(size, bytes.length) || 1;
  for (let i = 0; i < bytes.length; i += step) scanner.feed(bytes.subarray(i, i + step));
  return scanner.id();
}

describe('createJsonRpcIdScanner', () => {
  it.each([
    ['first', '{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{}}', 5],
    [
      'last, as the SDK client sends it',
      '{"method":"tools/call","params":{"a":[1,{"b":2}]},"jsonrpc":"2.0","id":12}',
      12,
    ],
    ['a string', '{"id":"req-\\"7\\"","method":"x"}', 'req-"7"'],
    ['negative, with blanks', '{ "method" : "x" ,\n "id" :  -3 }', -3],
    [
      'after nested ids and "id" inside strings',
      '{"params":{"id":1,"s":"\\"id\\":2","l":[{"id":3}]},"note":"id","id":4}',
      4,
    ],
    ['non-ASCII around it', '{"params":{"name":"é😀\\u2028"},"id":"ü"}', 'ü'],
  ])('finds the id: %s', (_what, text, id) => {
    expect(scan(text)).toBe(id);
    // The same, one byte at a time and in odd pieces: a split never loses it.
    expect(scan(text, 1)).toBe(id);
    expect(scan(text, 7)).toBe(id);
  });

  it.each([
    ['a notification', '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"id":3}}'],
    ['a null id', '{"id":null,"method":"x"}'],
    ['an object id', '{"id":{"a":1},"method":"x"}'],
    ['an id key inside params only', '{"params":{"id":1}}'],
    ['not JSON at all', 'xxxxxxxxxxxxxxxx'],
  ])('finds none in %s', (_what, text) => {
    expect(scan(text)).toBeUndefined();
    expect(scan(text, 1)).toBeUndefined();
  });

  it('keeps the first top-level id', () => {
    expect(scan('{"id":1,"method":"x","id":2}')).toBe(1);
  });

  it('tells a request (method and id) from a response (id only)', () => {
    const scanner = (text: string) => {
      const s = createJsonRpcIdScanner();
      s.feed(Buffer.from(text));
      return { id: s.id(), method: s.hasMethod() };
    };
    expect(scanner('{"params":{"method":1},"id":3,"method":"x"}')).toEqual({ id: 3, method: true });
    expect(scanner('{"jsonrpc":"2.0","id":3,"result":{"method":"x"}}')).toEqual({ id: 3, method: false });
    expect(scanner('{"method":"notifications/x","params":{"id":3}}')).toEqual({
      id: undefined,
      method: true,
    });
  });
});
