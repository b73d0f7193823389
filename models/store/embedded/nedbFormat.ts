/**
 * nedb's data file format, from nedb itself: one JSON document per line, dates as `{"$$date": ms}`, a removal as
 * `{"$$deleted": true, "_id": ...}`, index declarations as `{"$$indexCreated": ...}`. Lines are written with
 * nedb's own serialize, so nedb reads every file we write; they are read back as nedb reads them, so every file
 * nedb wrote stays readable.
 */
// nedb ships no types for its model module; serialize is the function its persistence writes every line with.
const model = require('@seald-io/nedb/lib/model.js') as { serialize(doc: object): string };

export type StoredRecord = Record<string, unknown>;

/** A value serializeRecord leaves to nedb's own serialize (see jsonReady). */
const NOT_PLAIN = Symbol('not plain');

/** nedb's checkKey: false for a field name nedb refuses ("$x" but its own markers, "a.b"). */
function acceptedKey(key: string, value: unknown): boolean {
  if (key.includes('.')) return false;
  if (key.charCodeAt(0) !== 0x24) return true;
  return (key === '$$date' && typeof value === 'number') || (key === '$$deleted' && value === true) || key === '$$indexCreated' || key === '$$indexRemoved';
}

/**
 * A copy of `value` that plain JSON.stringify writes as nedb's serialize does: dates (anything with a getTime
 * method, as nedb tells them) as `{"$$date": ms}`; NOT_PLAIN for a field name nedb refuses or an object that is
 * not plain data (a class instance, one with toJSON), which nedb's serialize then handles (or refuses) itself.
 */
function jsonReady(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (typeof (value as { getTime?: unknown }).getTime === 'function') {
    if (typeof (value as { toJSON?: unknown }).toJSON !== 'function') return { $$date: (value as Date).getTime() };
    if (!(value instanceof Date)) return NOT_PLAIN;
    // nedb's replacer sees toJSON's answer first: null for an invalid date, which it writes as null
    const time = value.getTime();
    return Number.isFinite(time) ? { $$date: time } : null;
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = jsonReady(value[i]);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      copy[i] = item;
    }
    return copy;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return NOT_PLAIN;
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const field = (value as Record<string, unknown>)[key];
    if (!acceptedKey(key, field)) return NOT_PLAIN;
    const ready = jsonReady(field);
    if (ready === NOT_PLAIN) return NOT_PLAIN;
    copy[key] = ready;
  }
  return copy;
}

/**
 * One record's line, exactly as nedb's serialize writes it. nedb's is JSON.stringify with a replacer function
 * called on every value, and every date formatted as an ISO string before the replacer swaps it: about 0.1 ms a
 * lead on this machine, the bulk of a compaction's CPU and garbage at 100,000 leads. A copy with the dates in
 * place, given to JSON.stringify without a replacer, takes about half; anything unusual goes to nedb's own.
 */
export function serializeRecord(doc: object): string {
  const ready = jsonReady(doc);
  return ready === NOT_PLAIN ? model.serialize(doc) : JSON.stringify(ready);
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
