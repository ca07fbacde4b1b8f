import { createHmac, timingSafeEqual } from "node:crypto";
import { data } from "@remix-run/node";
import { cookieSecret } from "./secret.server";

/**
 * Keyset pagination (docs/decisions/0021-keyset-lists.md): a page starts after (or before) the sort key of a
 * row the reader has seen, so every page costs one index seek and `pageSize + 1` rows however deep it is and
 * however long the list. The cursor in `?cursor=` is that sort key, signed: a changed or made-up cursor is
 * refused (the first page is shown with a notice and status 400), never passed to the database.
 */

export type KeyType = "string" | "number" | "date";
export type KeyValue = string | number | Date;

/** One column of a list's order. The last column must be unique (the id), so the order is total. */
export type KeyColumn = { field: string; order: "asc" | "desc"; type: KeyType };

/** "after": the page that follows the key in the list's order; "before": the page that precedes it. */
export type Cursor = { direction: "after" | "before"; values: KeyValue[] };

export type CursorReading =
  { ok: true; cursor: Cursor | null } | { ok: false; reason: "malformed" | "tampered" };

/** What a list page sends to its Pagination component: links (path and search) to the pages around it. */
export type PageLinks = { previous: string | null; next: string | null; invalidCursor: boolean };

export type Page<Row> = { rows: Row[]; links: PageLinks };

/** What the query of one page must use: the keyset condition, the order and how many rows to take. */
export type PageQuery<Where> = {
  where: Where;
  orderBy: Record<string, "asc" | "desc">[];
  take: number;
};

const longestCursor = 1024;
const longestTextKey = 512;
const macLength = 22;
const tokenPattern = new RegExp(`^[A-Za-z0-9_-]{1,${longestCursor}}\\.[A-Za-z0-9_-]{${macLength}}$`);
const flipped = { asc: "desc", desc: "asc" } as const;

export type KeysetList<Where> = {
  name: string;
  /** The search parameter of its cursor: "cursor", or another where one page shows two lists. */
  parameter: string;
  pageSize: number;
  keys: readonly KeyColumn[];
  /** Reads `?cursor=`: no cursor is the first page; anything Concord did not sign is refused. */
  read(searchParams: URLSearchParams): CursorReading;
  encode(cursor: Cursor): string;
  /** The Prisma where, order and take of the page a cursor asks for (the first page for null). */
  query(cursor: Cursor | null): PageQuery<Where>;
  /**
   * One page: runs `fetch` with the page's query and turns its `pageSize + 1` rows into the page and the links
   * around it, keeping the other search parameters (filters) of `url`.
   */
  findPage<Row extends object>(
    url: URL,
    fetch: (query: PageQuery<Where>) => Promise<Row[]>,
  ): Promise<Page<Row>>;
};

/**
 * Defines a list's order once. `name` is signed into its cursors, so a cursor of one list is refused by
 * another. `Where` is the Prisma where input of the model the list reads.
 */
export function keysetList<Where>(definition: {
  name: string;
  parameter?: string;
  pageSize: number;
  keys: readonly KeyColumn[];
}): KeysetList<Where> {
  const { name, pageSize, keys, parameter = "cursor" } = definition;
  if (keys.length === 0) throw new Error(`The list ${name} needs at least one key column`);

  const sign = (payload: string) =>
    createHmac("sha256", cookieSecret())
      .update(`keyset:${name}:${payload}`)
      .digest("base64url")
      .slice(0, macLength);

  const encode = (cursor: Cursor) => {
    const values = cursor.values.map((value, index) =>
      keys[index]!.type === "date" ? (value as Date).getTime() : value,
    );
    const payload = Buffer.from(
      JSON.stringify([cursor.direction === "after" ? "a" : "b", ...values]),
    ).toString("base64url");
    return `${payload}.${sign(payload)}`;
  };

  const read = (searchParams: URLSearchParams): CursorReading => {
    const given = searchParams.getAll(parameter);
    if (given.length === 0 || (given.length === 1 && given[0] === "")) return { ok: true, cursor: null };
    const token = given[0]!;
    if (given.length > 1 || !tokenPattern.test(token)) return { ok: false, reason: "malformed" };
    const [payload, mac] = token.split(".") as [string, string];
    const expected = Buffer.from(sign(payload));
    if (!timingSafeEqual(expected, Buffer.from(mac))) return { ok: false, reason: "tampered" };
    const cursor = decodePayload(payload, keys);
    return cursor ? { ok: true, cursor } : { ok: false, reason: "malformed" };
  };

  const query = (cursor: Cursor | null): PageQuery<Where> => {
    // A "before" page is read backwards from the cursor, then put back in the list's order.
    const backwards = cursor?.direction === "before";
    const orderBy = keys.map((key) => ({ [key.field]: backwards ? flipped[key.order] : key.order }));
    const where = (cursor ? keysetCondition(keys, cursor) : {}) as Where;
    return { where, orderBy, take: pageSize + 1 };
  };

  const keyOf = (row: object): KeyValue[] =>
    keys.map((key) => {
      const value = (row as Record<string, unknown>)[key.field];
      if (typeof value !== "string" && typeof value !== "number" && !(value instanceof Date))
        throw new Error(`The list ${name} selected no ${key.field} for its cursor`);
      return value;
    });

  const findPage = async <Row extends object>(
    url: URL,
    fetch: (query: PageQuery<Where>) => Promise<Row[]>,
  ): Promise<Page<Row>> => {
    const reading = read(url.searchParams);
    const cursor = reading.ok ? reading.cursor : null;
    const fetched = await fetch(query(cursor));
    const hasMore = fetched.length > pageSize;
    const taken = fetched.slice(0, pageSize);
    const link = (direction: Cursor["direction"] | "first", row?: Row) => {
      const search = new URLSearchParams(url.searchParams);
      search.delete(parameter);
      if (direction !== "first" && row) search.set(parameter, encode({ direction, values: keyOf(row) }));
      const text = search.toString();
      return text ? `${url.pathname}?${text}` : url.pathname;
    };
    if (cursor?.direction === "before") {
      // Reached the start going back: the first page, full even if rows before the cursor went away.
      if (!hasMore) return firstPage(url, fetch, link, false);
      const rows = taken.reverse();
      return {
        rows,
        links: { previous: link("before", rows[0]), next: link("after", rows.at(-1)), invalidCursor: false },
      };
    }
    const first = taken[0];
    return {
      rows: taken,
      links: {
        previous: cursor ? (first ? link("before", first) : link("first")) : null,
        next: hasMore ? link("after", taken.at(-1)) : null,
        invalidCursor: !reading.ok,
      },
    };
  };

  const firstPage = async <Row extends object>(
    url: URL,
    fetch: (query: PageQuery<Where>) => Promise<Row[]>,
    link: (direction: Cursor["direction"] | "first", row?: Row) => string,
    invalidCursor: boolean,
  ): Promise<Page<Row>> => {
    const fetched = await fetch(query(null));
    const rows = fetched.slice(0, pageSize);
    return {
      rows,
      links: {
        previous: null,
        next: fetched.length > pageSize ? link("after", rows.at(-1)) : null,
        invalidCursor,
      },
    };
  };

  return { name, parameter, pageSize, keys, read, encode, query, findPage };
}

function decodePayload(payload: string, keys: readonly KeyColumn[]): Cursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== keys.length + 1) return null;
  const [direction, ...raw] = parsed as unknown[];
  if (direction !== "a" && direction !== "b") return null;
  const values: KeyValue[] = [];
  for (const [index, key] of keys.entries()) {
    const value = readKey(key.type, raw[index]);
    if (value === null) return null;
    values.push(value);
  }
  return { direction: direction === "a" ? "after" : "before", values };
}

function readKey(type: KeyType, value: unknown): KeyValue | null {
  if (type === "string") return typeof value === "string" && value.length <= longestTextKey ? value : null;
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  if (type === "number") return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Rows strictly past the cursor in the direction read. For keys (a, b, id) after (A, B, I) in ascending order:
 * a >= A AND (a > A OR (b >= B AND (b > B OR id > I))). The leading non-strict bound on each column lets the
 * database seek its index to the cursor; the OR only sorts out ties. (Row-value comparison would say it in one
 * term, but Prisma cannot write it.)
 */
function keysetCondition(keys: readonly KeyColumn[], cursor: Cursor): Record<string, unknown> {
  const backwards = cursor.direction === "before";
  const condition = (index: number): Record<string, unknown> => {
    const key = keys[index]!;
    const value = cursor.values[index]!;
    const ascending = (key.order === "asc") !== backwards;
    const strict = { [key.field]: { [ascending ? "gt" : "lt"]: value } };
    if (index === keys.length - 1) return strict;
    return {
      AND: [{ [key.field]: { [ascending ? "gte" : "lte"]: value } }, { OR: [strict, condition(index + 1)] }],
    };
  };
  return condition(0);
}

/**
 * The loader's answer for a page of lists: status 400 when a cursor was refused (that list shows its first
 * page).
 */
export function listPageData<Value>(value: Value, ...lists: (PageLinks | null)[]) {
  return data(value, { status: lists.some((links) => links?.invalidCursor) ? 400 : 200 });
}

/**
 * A count that stops at `cap`: `count` is given `take` = cap + 1 for Prisma's count, and the answer says when
 * there are more ("1,000+"). Give that count an `orderBy` its index has: without one Prisma orders the rows by
 * id before taking them, which sorts every matching row.
 */
export async function countUpTo(
  cap: number,
  count: (take: number) => Promise<number>,
): Promise<{ count: number; more: boolean }> {
  const counted = await count(cap + 1);
  return { count: Math.min(counted, cap), more: counted > cap };
}
