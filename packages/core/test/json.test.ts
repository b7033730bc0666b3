import { describe, expect, it } from 'vitest';
import { parseJson } from '../src/json.js';

describe('parseJson', () => {
  it('keeps integers beyond 2^53 exact, as strings', () => {
    expect(parseJson('{"messageId":4411200000000012003,"list":[9007199254740993,1],"n":-1234567890123456789}')).toEqual({
      messageId: '4411200000000012003',
      list: ['9007199254740993', 1],
      n: '-1234567890123456789',
    });
  });

  it('leaves safe numbers, decimals and quoted ids as they are', () => {
    expect(parseJson('{"id":"4150868000000100067","a":42,"b":0.5,"c":1e3,"big":12345678901234567890.5}')).toEqual({
      id: '4150868000000100067',
      a: 42,
      b: 0.5,
      c: 1000,
      big: 12345678901234567890.5,
    });
  });

  it('handles text that only looks like a long number inside a string', () => {
    expect(parseJson('{"note":"ref:1234567890123456789","id":1}')).toEqual({ note: 'ref:1234567890123456789', id: 1 });
  });
});
