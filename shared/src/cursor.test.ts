import { z } from 'zod';
import { CURSOR_INVALID, keysetCursor } from './cursor';

const format = keysetCursor(['newest', 'oldest'], /[0-9a-f]{24}/);
const id = '0123456789abcdef01234567';
const at = new Date('2026-03-31T16:00:00.123Z');
const base64url = (text: string) => z.util.uint8ArrayToBase64url(Uint8Array.from(text, (c) => c.charCodeAt(0)));

describe('a keyset cursor', () => {
  it('decodes the token it wrote to the same sort, time and id', () => {
    const token = format.encode({ sort: 'oldest', at, id });
    expect(format.schema.parse(token)).toEqual({ sort: 'oldest', at, id });
  });

  it('writes an opaque base64url token', () => {
    expect(format.encode({ sort: 'newest', at, id })).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe('refusing what the server did not write', () => {
  const valid = format.encode({ sort: 'oldest', at, id });
  it.each([
    ['not base64url', 'not a cursor!'],
    ['empty', ''],
    ['a number', 12345],
    ['null', null],
    ['base64url of something else', base64url('{"submittedAt":1}')],
    ['an unknown sort', base64url(`waiting.${at.getTime()}.${id}`)],
    ['an id of another pattern', base64url(`oldest.${at.getTime()}.zzzz`)],
    ['a character added to the id', base64url(`oldest.${at.getTime()}.${id}0`)],
    ['a leading zero on the time', base64url(`oldest.0${at.getTime()}.${id}`)],
    ['no time', base64url(`oldest..${id}`)],
    ['a time beyond any date', base64url(`oldest.9999999999999999.${id}`)],
    ['cut short', valid.slice(0, -3)],
    ['padded', `${valid}==`],
    ['too long', 'A'.repeat(201)],
  ])('refuses %s with the one Chinese message', (_what, token) => {
    const result = format.schema.safeParse(token);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([CURSOR_INVALID]);
  });

  it('decodes nothing from a token of another format', () => {
    const other = keysetCursor(['newest'], /[0-9a-f]{24}:\d{1,9}/);
    expect(format.decode(other.encode({ sort: 'newest', at, id: `${id}:3` }))).toBeNull();
  });
});
