/**
 * Reads by primary key. The development engine, FerretDB 1.x, answers a query
 * from an index only when its filter is exactly `{_id: <value>}`; any other
 * filter, `{_id: {$in: …}}` and `{_id, owner}` included, reads and decodes the
 * whole collection (docs/PERFORMANCE.md). Every engine serves these reads from
 * its primary key, so the request paths that touch a known document read it by
 * `_id` alone and check the rest of their condition in code.
 */

/** The documents with these ids that exist, in the order of `ids` (duplicates read once). */
export async function readEachById<Id, T>(ids: readonly Id[], readOne: (id: Id) => Promise<T | null>): Promise<T[]> {
  const unique = [...new Map(ids.map((id) => [String(id), id])).values()];
  const found = (await Promise.all(unique.map((id) => readOne(id)))) as (T | null)[];
  return found.filter((doc): doc is T => doc !== null);
}

/** The document with this id when it also satisfies `where`; null otherwise, as if the filter had been on the query. */
export async function readByIdWhere<T>(read: Promise<T | null>, where: (doc: T) => boolean): Promise<T | null> {
  const doc = await read;
  return doc !== null && where(doc) ? doc : null;
}
