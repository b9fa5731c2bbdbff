import { z } from 'zod';

/** Where a keyset page starts: after the row with this sort value (a time) and this id, in this order. */
export interface KeysetCursor<S extends string> {
  sort: S;
  at: Date;
  id: string;
}

/** The answer to a cursor the server did not write, whichever list it was sent to. */
export const CURSOR_INVALID = '翻页位置无效，请从第一页重新加载';

/** A list's cursor: the token of a page's last row, and the request field that takes it back. */
export interface CursorFormat<S extends string> {
  encode(cursor: KeysetCursor<S>): string;
  /** The cursor of a token this format wrote; null for anything else. */
  decode(token: string): KeysetCursor<S> | null;
  /** A token from an earlier page, decoded; anything else is refused with CURSOR_INVALID. */
  schema: z.ZodType<KeysetCursor<S>, string>;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The API's one paging convention: a cursor is opaque to clients, base64url
 * of "sort.milliseconds.id", where `id` matches the list's own id pattern.
 * Only the exact token the server wrote decodes, so no other spelling of the
 * same bytes reaches a query.
 */
export function keysetCursor<S extends string>(sorts: readonly [S, ...S[]], id: RegExp): CursorFormat<S> {
  const text = new RegExp(`^(${sorts.map(escapeRegex).join('|')})\\.(-?\\d{1,16})\\.(${id.source})$`);
  const encode = (cursor: KeysetCursor<S>): string => {
    const plain = `${cursor.sort}.${cursor.at.getTime()}.${cursor.id}`;
    return z.util.uint8ArrayToBase64url(Uint8Array.from(plain, (c) => c.charCodeAt(0)));
  };
  const decode = (token: string): KeysetCursor<S> | null => {
    let plain: string;
    try {
      plain = String.fromCharCode(...z.util.base64urlToUint8Array(token));
    } catch {
      return null;
    }
    const match = text.exec(plain);
    if (!match) return null;
    const cursor = { sort: match[1] as S, at: new Date(Number(match[2])), id: String(match[3]) };
    return Number.isNaN(cursor.at.getTime()) || encode(cursor) !== token ? null : cursor;
  };
  const schema = z
    .string({ error: CURSOR_INVALID })
    .regex(/^[A-Za-z0-9_-]{1,200}$/, { error: CURSOR_INVALID })
    .transform((token, ctx) => {
      const cursor = decode(token);
      if (cursor) return cursor;
      ctx.addIssue({ code: 'custom', message: CURSOR_INVALID });
      return z.NEVER;
    });
  return { encode, decode, schema };
}
