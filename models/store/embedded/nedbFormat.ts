/**
 * nedb's data file format, from nedb itself: one JSON document per line, dates as `{"$$date": ms}`, a removal as
 * `{"$$deleted": true, "_id": ...}`, index declarations as `{"$$indexCreated": ...}`. Lines are written with
 * nedb's own serialize, so nedb reads every file we write; they are read back as nedb reads them, so every file
 * nedb wrote stays readable.
 */
// nedb ships no types for its model module; serialize is the function its persistence writes every line with.
const model = require('@seald-io/nedb/lib/model.js') as { serialize(doc: object): string };

export type StoredRecord = Record<string, unknown>;

export function serializeRecord(doc: object): string {
  return model.serialize(doc);
}

/** What one line of a data file says. `damaged`: it does not parse, or is no record nedb would understand. */
export type LineReading = { kind: 'doc'; id: string; doc: StoredRecord } | { kind: 'deleted'; id: string } | { kind: 'index' } | { kind: 'damaged' };

class BadField extends Error {}

/** strings at most this long are looked up in a load's StringPool (statuses, codes, locales, sectors...) */
const POOLED_MAX_LENGTH = 24;
/** distinct strings a pool takes in: the values that recur (a status, a locale) appear in the first documents */
const POOL_MAX_SIZE = 10_000;

/**
 * One copy of each short string that recurs across a collection's documents, for one load: JSON.parse makes a new
 * string for every value, so 100,000 leads held 100,000 copies of "new", "it", "webchat" and a dozen more each
 * (about 40 MB of heap at 100,000 leads, and a million objects more for every full GC to mark). Values that do not
 * recur (names, phones) fill the pool's few thousand places and are then simply not pooled; the pool is dropped
 * when the load ends, so it keeps nothing alive afterwards (an erased lead's data included).
 */
export class StringPool {
  private readonly strings = new Map<string, string>();

  intern(value: string): string {
    if (value.length > POOLED_MAX_LENGTH) return value;
    const pooled = this.strings.get(value);
    if (pooled !== undefined) return pooled;
    if (this.strings.size < POOL_MAX_SIZE) this.strings.set(value, value);
    return value;
  }
}

/**
 * nedb's deserialize plus the field check nedb makes on insert, in one walk over a plain JSON.parse: dates come
 * back from `{"$$date": ms}`, and a field named "$x" or "a.b" marks the record damaged (nedb would refuse the
 * whole collection for it). About three times faster than nedb's reviver at 100k documents; the tests check both
 * read every kind of value alike.
 */
function revive(value: unknown, pool: StringPool | undefined): unknown {
  if (typeof value === 'string') return pool ? pool.intern(value) : value;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i], pool);
    return value;
  }
  const record = value as Record<string, unknown>;
  if (record.$$date !== undefined) return new Date(record.$$date as number);
  for (const key of Object.keys(record)) {
    if (key.startsWith('$') || key.includes('.')) throw new BadField(key);
    record[key] = revive(record[key], pool);
  }
  return record;
}

/** One line of a data file; `pool`: the load's shared copies of recurring short strings (StringPool). */
export function readLine(line: string, pool?: StringPool): LineReading {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { kind: 'damaged' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'damaged' };
  const record = value as StoredRecord;
  const id = record._id;
  if (typeof id === 'string' && id !== '') {
    if (record.$$deleted === true) return { kind: 'deleted', id };
    try {
      return { kind: 'doc', id, doc: revive(record, pool) as StoredRecord };
    } catch {
      return { kind: 'damaged' };
    }
  }
  if ('$$indexCreated' in record || '$$indexRemoved' in record) return { kind: 'index' };
  return { kind: 'damaged' };
}

export function deletionRecord(id: string): StoredRecord {
  return { $$deleted: true, _id: id };
}
