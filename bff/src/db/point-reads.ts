/**
 * Reads by primary key. The development engine, FerretDB 1.x, pushes a query
 * down to SQLite only when its filter is exactly `{_id: <value>}`; any other
 * filter, `{_id: {$in: …}}` and `{_id, owner}` included, makes it decode every
 * document of the collection itself, about 12 times the cost
 * (docs/PERFORMANCE.md, section 0). Every engine serves a read by `_id` from
 * its index (FerretDB 1.24 only once built with tools/ferretdb/patches.json,
 * which aligns its `_id` expression with the index; point-reads.test.ts checks
 * the plan), so the request paths that touch a known document read it by `_id`
 * alone and check the rest of their condition in code.
 */

/** The document with this id when it also satisfies `where`; null otherwise, as if the filter had been on the query. */
export async function readByIdWhere<T>(read: Promise<T | null>, where: (doc: T) => boolean): Promise<T | null> {
  const doc = await read;
  return doc !== null && where(doc) ? doc : null;
}
