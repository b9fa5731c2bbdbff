// The shape of a query (collection, the fields its filter fixes, the fields it
// bounds, the rest, its sort) and whether a declared index serves it on
// MongoDB. Used by record.ts (each Jest worker, from command monitoring) and
// check.ts (the global teardown).

export interface QueryShape {
  collection: string;
  command: string;
  /** Fields the filter fixes to values (equality, `$in`, `$elemMatch`). */
  eq: string[];
  /** Fields the filter bounds (`$gt`…`$lte`, an anchored regex): an index can seek them. */
  range: string[];
  /** Fields filtered in a way no index bound serves (`$ne`, `$nin`, `$exists`, `$not`, an unanchored regex). */
  other: string[];
  /** The sort, in order, with its directions. */
  sort: [string, 1 | -1][];
}

export interface DeclaredIndex {
  keys: [string, 1 | -1][];
  sparse?: boolean;
}

const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte']);
const EQ_OPS = new Set(['$eq', '$in', '$all', '$elemMatch', '$size']);

type Conjunct = Record<string, unknown>;

/** One filter as the shapes MongoDB plans: each `$or` branch with the rest of the filter. */
function branches(filter: Conjunct): Conjunct[][] {
  let out: Conjunct[][] = [[]];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value as Conjunct[]) {
        const next: Conjunct[][] = [];
        for (const prefix of out) for (const b of branches(part)) next.push([...prefix, ...b]);
        out = next;
      }
    } else if (key === '$or' && Array.isArray(value)) {
      const next: Conjunct[][] = [];
      for (const prefix of out) for (const part of value as Conjunct[]) for (const b of branches(part)) next.push([...prefix, ...b]);
      out = next;
    } else {
      out = out.map((prefix) => [...prefix, { [key]: value }]);
    }
  }
  return out;
}

function kindOf(value: unknown): 'eq' | 'range' | 'other' {
  if (value instanceof RegExp) return value.source.startsWith('^') ? 'range' : 'other';
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'eq';
  const ops = Object.keys(value);
  if (ops.length === 0 || !ops[0]?.startsWith('$')) return 'eq';
  if (ops.every((op) => EQ_OPS.has(op))) return 'eq';
  if (ops.every((op) => RANGE_OPS.has(op))) return 'range';
  if (ops.includes('$regex')) return String((value as { $regex: unknown }).$regex).startsWith('^') ? 'range' : 'other';
  return 'other';
}

/** A sort's direction as a number: the driver's 1/-1, or the words a caller may write. */
function direction(value: unknown): 1 | -1 {
  if (typeof value === 'string') return /^desc/i.test(value) ? -1 : 1;
  return Number(value) < 0 ? -1 : 1;
}

/**
 * A sort's keys in order. The driver sends a find's and a findAndModify's sort
 * as a Map (its formatSort), which has no own enumerable keys: read as a plain
 * object it looked like no sort at all, so no sort was ever checked.
 */
export function sortEntries(sort: unknown): [string, 1 | -1][] {
  if (sort == null || typeof sort !== 'object') return [];
  const entries = sort instanceof Map ? [...(sort as Map<string, unknown>).entries()] : Object.entries(sort);
  return entries.map(([k, v]) => [String(k), direction(v)]);
}

/** The shapes of one filter and sort on a collection. */
export function shapesOf(collection: string, command: string, filter: Conjunct | undefined, sort: unknown): QueryShape[] {
  const sortList = sortEntries(sort);
  return branches(filter ?? {}).map((conjuncts) => {
    const fields = { eq: new Set<string>(), range: new Set<string>(), other: new Set<string>() };
    for (const c of conjuncts) {
      for (const [field, value] of Object.entries(c)) {
        if (field.startsWith('$')) fields.other.add(field);
        else fields[kindOf(value)].add(field);
      }
    }
    for (const f of fields.eq) {
      fields.range.delete(f);
      fields.other.delete(f);
    }
    return {
      collection,
      command,
      eq: [...fields.eq].sort(),
      range: [...fields.range].sort(),
      other: [...fields.other].sort(),
      sort: sortList,
    };
  });
}

/** The shapes a command sends, for the commands that read or write by a filter. */
export function shapesOfCommand(name: string, cmd: Record<string, unknown>): QueryShape[] {
  const collection = typeof cmd[name] === 'string' ? (cmd[name] as string) : '';
  if (!collection) return [];
  switch (name) {
    case 'find':
      return shapesOf(collection, name, cmd.filter as Conjunct, cmd.sort);
    case 'count':
    case 'distinct':
      return shapesOf(collection, name, cmd.query as Conjunct, undefined);
    case 'findAndModify':
      return shapesOf(collection, name, cmd.query as Conjunct, cmd.sort);
    case 'update':
      return ((cmd.updates as { q?: Conjunct }[] | undefined) ?? []).flatMap((u) => shapesOf(collection, name, u.q, undefined));
    case 'delete':
      return ((cmd.deletes as { q?: Conjunct }[] | undefined) ?? []).flatMap((d) => shapesOf(collection, name, d.q, undefined));
    case 'aggregate': {
      const pipeline = (cmd.pipeline as Conjunct[] | undefined) ?? [];
      const match = pipeline[0]?.$match as Conjunct | undefined;
      const sortStage = pipeline[match ? 1 : 0]?.$sort;
      return shapesOf(collection, name, match, sortStage);
    }
    default:
      return [];
  }
}

/** A stable text for a shape, as the allow-list names it. */
export function shapeKey(s: QueryShape): string {
  const part = (name: string, list: string[]) => (list.length > 0 ? ` ${name}(${list.join(',')})` : '');
  const sort = s.sort.length > 0 ? ` sort(${s.sort.map(([k, d]) => `${k}:${d}`).join(',')})` : '';
  return `${s.collection} ${s.command}${part('eq', s.eq)}${part('range', s.range)}${part('other', s.other)}${sort}`;
}

/**
 * Whether an index serves the shape on MongoDB, by the ESR rule: the index's
 * leading keys are fields the filter fixes (equality, `$in`), then come the
 * sort's keys in order (all directions as declared, or all reversed; a sort key
 * the filter fixes needs no index key), or, without a sort, a bounded field.
 * The index must narrow the read (a fixed leading key, the sort, or a bound on
 * its first free key). Fields beyond that are filtered on the documents the
 * index leads to: the staff queue's filters combine freely, and one index per
 * combination is not how MongoDB is indexed; its planner takes the index of a
 * leading equality and filters the rest within that equality's matches. But a
 * filter on fixed fields read through an index that none of them leads (a
 * walk of a whole index in sort order) does not count. A sparse index serves
 * only through a fixed field (it lacks documents without the field).
 */
export function covers(index: DeclaredIndex, s: QueryShape): boolean {
  const keys = index.keys;
  let p = 0;
  while (p < keys.length && s.eq.includes(keys[p]?.[0] ?? '')) p += 1;
  if (index.sparse && p === 0) return false;
  const sort = s.sort.filter(([k]) => !s.eq.includes(k));
  if (sort.length > 0) {
    const next = keys.slice(p, p + sort.length);
    if (next.length < sort.length) return false;
    const same = sort.every(([k, d], i) => next[i]?.[0] === k && next[i]?.[1] === d);
    const reversed = sort.every(([k, d], i) => next[i]?.[0] === k && next[i]?.[1] === -d);
    if (!same && !reversed) return false;
    return p > 0 || s.eq.length === 0;
  }
  if (p > 0) return true;
  const first = keys[0]?.[0] ?? '';
  return s.eq.length === 0 && s.range.includes(first);
}
