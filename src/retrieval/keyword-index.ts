import type { Hit } from "./vector-index.js";
import { fnv1a } from "../text/hash.js";

/** Full-text search over pre-tokenised units (here: sentences). */
export interface KeywordIndex {
  /** Units that can be found. */
  readonly size: number;
  /** Best `k` units for the query terms, BM25-scored (unbounded, higher is better). */
  search(terms: string[], k: number): Hit[];
  /**
   * Best `k` groups of units, BM25-scored as if each group were one unit holding all its units' terms: a
   * group is the units whose ids share the part before the last "." (a passage's sentences, `doc#3.1`,
   * `doc#3.2` → `doc#3`), and a group's units are added together. Derived from the units' postings at query
   * time, so nothing more is built or saved.
   */
  searchGroups(terms: string[], k: number): Hit[];
  /**
   * Every unit of the given groups (see `searchGroups`) that holds a query term, best first, with exactly the
   * score `search` gives it (the whole index's IDF and average length): a group's units are consecutive, so each
   * term's postings are binary-searched to the group's first unit and walked to its last. The cost follows
   * the groups asked about, not the corpus. Unknown or removed groups are skipped.
   *
   * Each hit names its group: the very string asked for.
   *
   * @example index.searchWithin(["面积"], ["doc#1"]); // [{ id: "doc#1.1", score: 0.29, group: "doc#1" }]
   */
  searchWithin(terms: string[], groups: Iterable<string>): GroupedHit[];
  /** In how many units `term` occurs. */
  documentFrequency(term: string): number;
  /** Ids of the units that hold every one of `terms`, lazily: the rarest list is walked, the others looked up. */
  unitsWithAll(terms: string[]): Iterable<string>;
}

/** A unit found by `searchWithin`, with the group it was asked for under (no id cut again to find it). */
export interface GroupedHit extends Hit {
  group: string;
}

/** A keyword index that is still being filled. */
export interface KeywordIndexBuilder extends KeywordIndex {
  /** Adds units with their terms. */
  add(units: { id: string; terms: string[] }[]): void;
  /** The units so far, packed for searching and saving. */
  pack(): KeywordSegment;
}

export interface Bm25Options {
  /** Term-frequency saturation. */
  k1?: number;
  /** Length normalisation, 0 (none) to 1 (full). */
  b?: number;
}

/** A term in more than this share of units (and at least COMMON_MIN) is "common": see `search`. */
const COMMON_SHARE = 0.02;
const COMMON_MIN = 2000;
/** Most (group, frequency) pairs a group search keeps from its counting walks (12 bytes each, 3 MiB). */
const MET_MAX = 1 << 18;

const defaultBm25Options: Required<Bm25Options> = { k1: 1.2, b: 0.75 };

/** Strings end to end as UTF-8: string i spans bytes `start[i]` to `start[i + 1]`. */
export interface StringTable {
  bytes: Buffer;
  start: Int32Array;
}

/**
 * Packed, immutable postings of a set of units: what is saved, loaded and searched. Every part is a
 * typed array (no object per term or unit), so loading is reading one file and a segment of 100k
 * passages costs its bytes and nothing more.
 */
export interface KeywordSegment {
  /** Unit ids, in unit order. */
  ids: StringTable;
  /** Terms per unit. */
  lengths: Uint16Array;
  totalLength: number;
  /** The vocabulary: term i's postings span `start[i]` to `start[i + 1]` of `units`/`tfs`. */
  terms: StringTable;
  /** Open-addressing hash of the vocabulary: term number + 1 (0 = empty); length is a power of two. */
  slots: Int32Array;
  start: Int32Array;
  /** Unit numbers, ascending within each term. */
  units: Int32Array;
  tfs: Uint8Array;
}

/** Postings of one term while adding: unit numbers and term frequencies in typed arrays that double as they fill. */
interface Postings {
  units: Int32Array;
  tfs: Uint8Array;
  length: number;
}

function append(p: Postings, unit: number, tf: number): void {
  if (p.length === p.units.length) {
    const units = new Int32Array(p.units.length * 2);
    units.set(p.units);
    const tfs = new Uint8Array(p.tfs.length * 2);
    tfs.set(p.tfs);
    [p.units, p.tfs] = [units, tfs];
  }
  p.units[p.length] = unit;
  p.tfs[p.length++] = Math.min(tf, 255);
}

/**
 * Okapi BM25 over terms the caller has already cut (jieba words, Han bigrams, figures), kept in flat
 * postings lists with one reusable score buffer, so a query touches only the units that share a term.
 * (MiniSearch, measured in `npm run bench`, spent ~120 ms a query at 10k passages on this workload.)
 * `pack()` turns it into a `KeywordSegment` to save (`encodeSegment`) and load (`decodeSegment`).
 *
 * @example
 * const index = createKeywordIndex();
 * index.add([{ id: "doc#1.1", terms: ["众创空间", "面积"] }]);
 * index.search(["面积"], 5); // [{ id: "doc#1.1", score: 0.29 }]
 */
export function createKeywordIndex(options: Bm25Options = {}): KeywordIndexBuilder {
  const ids: string[] = [];
  let lengths = new Uint16Array(1024);
  let totalLength = 0;
  const growing = new Map<string, Postings>();
  let packed: { segment: KeywordSegment; index: KeywordIndex } | undefined;
  const current = () => {
    if (!packed) {
      const segment = packGrowing(ids, lengths, totalLength, growing);
      packed = { segment, index: searchSegments([{ segment }], options) };
    }
    return packed;
  };

  return {
    get size() {
      return ids.length;
    },
    add(units) {
      packed = undefined;
      for (const unit of units) {
        const n = ids.length;
        ids.push(unit.id);
        if (n === lengths.length) {
          const grown = new Uint16Array(n * 2);
          grown.set(lengths);
          lengths = grown;
        }
        lengths[n] = Math.min(unit.terms.length, 65_535);
        totalLength += unit.terms.length;
        const tf = new Map<string, number>();
        for (const t of unit.terms) tf.set(t, (tf.get(t) ?? 0) + 1);
        for (const [t, f] of tf) {
          let p = growing.get(t);
          if (!p) growing.set(t, (p = { units: new Int32Array(2), tfs: new Uint8Array(2), length: 0 }));
          append(p, n, f);
        }
      }
    },
    pack: () => current().segment,
    search: (terms, k) => current().index.search(terms, k),
    searchGroups: (terms, k) => current().index.searchGroups(terms, k),
    searchWithin: (terms, groups) => current().index.searchWithin(terms, groups),
    unitsWithAll: (terms) => current().index.unitsWithAll(terms),
    documentFrequency: (term) => growing.get(term)?.length ?? 0,
  };
}

/** The growing lists end to end in one set of typed arrays (the lists themselves are kept for more adds). */
function packGrowing(ids: string[], lengths: Uint16Array, totalLength: number, growing: Map<string, Postings>): KeywordSegment {
  let total = 0;
  for (const p of growing.values()) total += p.length;
  const start = new Int32Array(growing.size + 1);
  const units = new Int32Array(total);
  const tfs = new Uint8Array(total);
  let at = 0;
  let i = 0;
  for (const p of growing.values()) {
    start[i++] = at;
    units.set(p.units.subarray(0, p.length), at);
    tfs.set(p.tfs.subarray(0, p.length), at);
    at += p.length;
  }
  start[i] = at;
  const terms = stringTable(growing.keys(), growing.size);
  return { ids: stringTable(ids, ids.length), lengths: lengths.slice(0, ids.length), totalLength, terms, slots: hashSlots(terms), start, units, tfs };
}

function stringTable(strings: Iterable<string>, count: number): StringTable {
  const list = [...strings];
  const start = new Int32Array(count + 1);
  let bytes = 0;
  list.forEach((s, i) => {
    start[i] = bytes;
    bytes += Buffer.byteLength(s);
  });
  start[count] = bytes;
  const buf = Buffer.allocUnsafe(bytes);
  list.forEach((s, i) => buf.write(s, start[i]!));
  return { bytes: buf, start };
}

const stringAt = (t: StringTable, i: number) => t.bytes.toString("utf8", t.start[i]!, t.start[i + 1]!);

function hashSlots(terms: StringTable): Int32Array {
  const count = terms.start.length - 1;
  let size = 8;
  while (size < count * 2) size *= 2;
  const slots = new Int32Array(size);
  for (let i = 0; i < count; i++) {
    let h = fnv1a(stringAt(terms, i)) & (size - 1);
    while (slots[h] !== 0) h = (h + 1) & (size - 1);
    slots[h] = i + 1;
  }
  return slots;
}

/** Scratch for a looked-up term's UTF-8 bytes (a term is a few words: 3 bytes a character at most). */
let keyBytes = Buffer.alloc(256);

/** The term's number in the segment's vocabulary, or -1 (compared as UTF-8 bytes: no string or buffer made per look-up). */
function termNumber(seg: KeywordSegment, term: string): number {
  const mask = seg.slots.length - 1;
  if (term.length * 3 > keyBytes.length) keyBytes = Buffer.alloc(term.length * 3);
  const key = keyBytes;
  const length = key.write(term);
  const { bytes, start } = seg.terms;
  let h = fnv1a(term) & mask;
  for (let probes = 0; probes <= mask; probes++) {
    const slot = seg.slots[h]!;
    if (slot === 0) return -1;
    const from = start[slot - 1]!;
    if (start[slot]! - from === length) {
      let i = 0;
      while (i < length && bytes[from + i] === key[i]) i++;
      if (i === length) return slot - 1;
    }
    h = (h + 1) & mask;
  }
  return -1;
}


/** A segment as one index sees it: units marked in `dead` (1 = removed) are never found. */
export interface SegmentView {
  segment: KeywordSegment;
  dead?: Uint8Array;
}

/**
 * One BM25 index over several segments (a saved base and the articles changed since), with removed
 * units left out of the results and of the statistics (unit count, average length, document frequency).
 *
 * @example searchSegments([{ segment: base, dead }, { segment: delta }]).search(["面积"], 5)
 */
export function searchSegments(views: SegmentView[], options: Bm25Options = {}): KeywordIndex {
  const { k1, b } = { ...defaultBm25Options, ...options };
  let n = 0;
  let totalLength = 0;
  let anyDead = false;
  for (const v of views) {
    const units = v.segment.lengths.length;
    n += units;
    totalLength += v.segment.totalLength;
    if (!v.dead) continue;
    for (let u = 0; u < units; u++) if (v.dead[u]) (n--, (totalLength -= v.segment.lengths[u]!), (anyDead = true));
  }
  // Dead units counted out of a term's frequency when the term is first asked for (one walk of its list).
  const live = new Map<string, number>();
  const avg = n > 0 ? totalLength / n : 1;
  const scores = views.map((v) => new Float64Array(v.segment.lengths.length));

  const postings = (seg: KeywordSegment, term: string) => {
    const i = termNumber(seg, term);
    return i < 0 ? undefined : { from: seg.start[i]!, to: seg.start[i + 1]! };
  };
  const documentFrequency = (term: string) => {
    let df = live.get(term);
    if (df !== undefined) return df;
    df = 0;
    for (const v of views) {
      const p = postings(v.segment, term);
      if (!p) continue;
      df += p.to - p.from;
      if (v.dead) for (let i = p.from; i < p.to; i++) df -= v.dead[v.segment.units[i]!]!;
    }
    if (anyDead) {
      if (live.size >= 100_000) live.clear();
      live.set(term, df);
    }
    return df;
  };

  let groups: Groups[] | undefined;
  const groupsOfViews = () => (groups ??= views.map(groupsOf));
  /** Where each live group's units are: the last segment holding it live (a changed article's delta, not its dead base). */
  let groupAt: Map<string, { s: number; from: number; to: number }> | undefined;
  /**
   * Each segment's live groups' ids by group number ("" for a group with no live unit), made with `groupAt`: the
   * group search hands out these very strings, so `groupAt` finds one at once (no new string, no characters compared).
   */
  const groupNames: string[][] = [];
  const locate = () => {
    if (groupAt) return groupAt;
    const at = (groupAt = new Map());
    groupsOfViews().forEach((g, s) => {
      const { ids, lengths } = views[s]!.segment;
      const names = (groupNames[s] = new Array<string>(g.first.length).fill(""));
      for (let G = 0; G < g.first.length; G++) {
        if (g.lengths[G] === 0) continue;
        const to = G + 1 < g.first.length ? g.first[G + 1]! : lengths.length;
        names[G] = groupId(stringAt(ids, g.first[G]!));
        at.set(names[G], { s, from: g.first[G]!, to });
      }
    });
    return groupAt;
  };
  const groupSearch = createGroupSearch(views, groupsOfViews, { k1, b }, (term) => views.map((v) => postings(v.segment, term)), (s, G) => {
    locate();
    return groupNames[s]![G] || groupId(stringAt(views[s]!.segment.ids, groupsOfViews()[s]!.first[G]!));
  });
  /** Scratch scores of the asked groups' units in `searchWithin`, left all zero after each search. */
  let within = new Float64Array(64);
  const plan = (terms: string[]) => termPlan(terms, n, (t) => ({ df: documentFrequency(t), parts: views.map((v) => postings(v.segment, t)) }));

  return {
    size: n,
    documentFrequency,
    searchGroups: groupSearch,
    searchWithin(terms, groupIds) {
      if (n === 0) return [];
      const lists = plan(terms);
      const common = Math.max(COMMON_MIN, n * COMMON_SHARE);
      const where = locate();
      // The groups asked about, each with its span of `within`; walked in unit order, so each term's postings
      // are one forward pass over them all, and reported in the order asked.
      const asked: { id: string; s: number; from: number; to: number; at: number }[] = [];
      let width = 0;
      for (const id of groupIds instanceof Set ? groupIds : new Set(groupIds)) {
        const g = where.get(id);
        if (!g) continue;
        asked.push({ id, s: g.s, from: g.from, to: g.to, at: width });
        width += g.to - g.from;
      }
      if (within.length < width) within = new Float64Array(Math.max(width, 2 * within.length));
      const inUnitOrder = [...asked].sort((x, y) => x.s - y.s || x.from - y.from);
      // Term by term, rarest first, as `search` adds them (the same sums, bit for bit); a common term after the
      // first only re-ranks units a rarer term found, as there.
      for (let rank = 0; rank < lists.length; rank++) {
        const { df, idf, parts } = lists[rank]!;
        const reRankOnly = rank > 0 && df > common;
        let s = -1;
        let i = 0;
        for (const g of inUnitOrder) {
          if (g.s !== s) ((s = g.s), (i = parts[s]?.from ?? 0));
          const p = parts[s];
          if (p && i < p.to) i = walkWithin(views[s]!, i, p.to, g.from, g.to, within, g.at, reRankOnly, idf, k1, b, avg);
        }
      }
      const hits: GroupedHit[] = [];
      for (const g of asked) {
        const { ids } = views[g.s]!.segment;
        for (let u = g.from; u < g.to; u++) {
          const score = within[g.at + u - g.from]!;
          if (score > 0) (hits.push({ id: stringAt(ids, u), score, group: g.id }), (within[g.at + u - g.from] = 0));
        }
      }
      return hits.sort((x, y) => y.score - x.score);
    },
    *unitsWithAll(terms) {
      if (terms.length === 0) return;
      for (const view of views) {
        const parts = [...new Set(terms)].map((t) => postings(view.segment, t));
        if (parts.some((p) => !p)) continue;
        const [rarest, ...rest] = (parts as { from: number; to: number }[]).sort((x, y) => x.to - x.from - (y.to - y.from));
        const { units, ids } = view.segment;
        for (let i = rarest!.from; i < rarest!.to; i++) {
          const u = units[i]!;
          if (!view.dead?.[u] && rest.every((p) => find(units, p.from, p.to, u) >= 0)) yield stringAt(ids, u);
        }
      }
    },
    search(terms, k) {
      if (n === 0 || k <= 0) return [];
      // Rarest terms first; a very common term only re-ranks units a rarer term found,
      // so a query's cost follows its distinctive words, not 你/的-like ones (see COMMON).
      const lists = plan(terms);
      const common = Math.max(COMMON_MIN, n * COMMON_SHARE);
      const touched: number[][] = views.map(() => []);
      let found = 0;
      for (const { df, idf, parts } of lists) {
        const reRankOnly = df > common && found > 0;
        views.forEach((view, s) => {
          const p = parts[s];
          if (!p) return;
          const { units, tfs, lengths } = view.segment;
          const sc = scores[s]!;
          const dead = view.dead;
          const weight = (u: number, f: number) => (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * lengths[u]!) / avg));
          if (reRankOnly) {
            // Whichever is cheaper: look each found unit up, or walk the list skipping the others.
            const len = p.to - p.from;
            if (touched[s]!.length * Math.log2(len) < len) {
              for (const u of touched[s]!) {
                const i = find(units, p.from, p.to, u);
                if (i >= 0) sc[u]! += weight(u, tfs[i]!);
              }
            } else {
              for (let i = p.from; i < p.to; i++) {
                const u = units[i]!;
                if (sc[u] !== 0) sc[u]! += weight(u, tfs[i]!);
              }
            }
            return;
          }
          found += walk(view.segment, p.from, p.to, dead, sc, touched[s]!, idf, k1, b, avg);
        });
      }
      const hits: Hit[] = [];
      views.forEach((view, s) => {
        const sc = scores[s]!;
        for (const u of topK(touched[s]!, sc, k)) hits.push({ id: stringAt(view.segment.ids, u), score: sc[u]! });
        for (const u of touched[s]!) sc[u] = 0;
      });
      return hits.sort((x, y) => y.score - x.score).slice(0, k);
    },
  };
}

/**
 * A query's distinct terms that the index holds, rarest first (so a very common term can be left to re-rank
 * what rarer ones found), each with its document frequency, BM25 IDF and postings — for units and for groups alike.
 */
function termPlan<P>(terms: string[], n: number, lookUp: (term: string) => { df: number; parts: P }): { df: number; idf: number; parts: P }[] {
  return [...new Set(terms)]
    .map(lookUp)
    .filter((l) => l.df > 0)
    .sort((x, y) => x.df - y.df)
    .map(({ df, parts }) => ({ df, parts, idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)) }));
}

/**
 * Adds one term's BM25 weight to every live unit of its postings `from..to`, noting in `touched` the units
 * scored for the first time; returns how many. The query's hot loop, in a function of its own (locals only,
 * no closure) so it stays one tight loop; the arithmetic is exactly `search`'s `weight`.
 */
function walk(seg: KeywordSegment, from: number, to: number, dead: Uint8Array | undefined, sc: Float64Array, touched: number[], idf: number, k1: number, b: number, avg: number): number {
  const { units, tfs, lengths } = seg;
  let added = 0;
  for (let i = from; i < to; i++) {
    const u = units[i]!;
    if (dead !== undefined && dead[u] === 1) continue;
    const f = tfs[i]!;
    const before = sc[u]!;
    if (before === 0) (touched.push(u), added++);
    sc[u] = before + (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * lengths[u]!) / avg));
  }
  return added;
}

/**
 * `searchWithin`'s walk of one term's postings `i..to` (those before `i` are before this group) over the units
 * `first..end` of one group: adds the term's BM25 weight to `sc[at + u - first]` (with `reRankOnly`, only where a
 * rarer term already scored); the arithmetic is exactly `walk`'s. Gallops to the group's first unit, so a term
 * absent from most groups costs a comparison each. Returns where the next group's walk starts: the first posting
 * at or after `end`.
 */
function walkWithin(
  view: SegmentView, i: number, to: number, first: number, end: number, sc: Float64Array, at: number, reRankOnly: boolean,
  idf: number, k1: number, b: number, avg: number,
): number {
  const { units, tfs, lengths } = view.segment;
  const dead = view.dead;
  if (units[i]! < first) {
    let lo = i;
    let step = 1;
    while (lo + step < to && units[lo + step]! < first) (lo += step), (step *= 2);
    i = lowerBound(units, lo + 1, Math.min(lo + step, to), first);
  }
  for (; i < to; i++) {
    const u = units[i]!;
    if (u >= end) return i;
    if ((dead !== undefined && dead[u] === 1) || (reRankOnly && sc[at + u - first] === 0)) continue;
    const f = tfs[i]!;
    sc[at + u - first]! += (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * lengths[u]!) / avg));
  }
  return i;
}

/** A segment's units grouped (see `KeywordIndex.searchGroups`), worked out on the first group search. */
interface Groups {
  /** Group number of each unit. */
  of: Int32Array;
  /** First unit of each group (ids are read from it). */
  first: Int32Array;
  /** Terms per group, over its live units. */
  lengths: Float64Array;
  /** `k1 * (1 - b + (b * length) / avg)` of each group, its BM25 length part, set by the group search. */
  norm: Float64Array;
  /** Scratch: running score of each group. */
  score: Float64Array;
}

const DOT = 0x2e;

/** A unit's group: its id up to the last "." (`doc#3.2` → `doc#3`). */
function groupId(unitId: string): string {
  const dot = unitId.lastIndexOf(".");
  return dot < 0 ? unitId : unitId.slice(0, dot);
}

/** Groups of one segment: consecutive units whose ids agree up to their last "." (compared as bytes, no strings made). */
function groupsOf(view: SegmentView): Groups {
  const { ids, lengths } = view.segment;
  const units = lengths.length;
  const of = new Int32Array(units);
  const first: number[] = [];
  const { bytes, start } = ids;
  let prevFrom = 0;
  let prevEnd = -1;
  // Plain loops, no call per unit: at 1.1M units (100k passages) a native compare each cost ~1 s of the first question.
  for (let u = 0; u < units; u++) {
    const from = start[u]!;
    let end = start[u + 1]!;
    for (let i = end - 1; i >= from; i--) {
      if (bytes[i] === DOT) {
        end = i;
        break;
      }
    }
    let same = prevEnd >= 0 && end - from === prevEnd - prevFrom;
    // From the end: two passages' ids differ in their last bytes (doc#3, doc#4); one passage's sentences share them all.
    for (let i = end - from - 1; same && i >= 0; i--) same = bytes[from + i] === bytes[prevFrom + i];
    if (!same) first.push(u);
    of[u] = first.length - 1;
    prevFrom = from;
    prevEnd = end;
  }
  const count = first.length;
  const groupLengths = new Float64Array(count);
  for (let u = 0; u < units; u++) if (!view.dead?.[u]) groupLengths[of[u]!]! += lengths[u]!;
  return { of, first: Int32Array.from(first), lengths: groupLengths, norm: new Float64Array(count), score: new Float64Array(count) };
}

/**
 * BM25 over groups of units (`KeywordIndex.searchGroups`): a term's unit postings are walked once (the walk
 * that counts an uncached term's groups keeps what it met, and the term is scored from that), its
 * frequencies summed per group (a group's units are consecutive, so are their postings); a group's length
 * is its live units' lengths summed; a group with no live unit does not exist. As in `search`, a term held
 * by more than COMMON_SHARE of the groups only re-ranks groups a rarer term found.
 */
function createGroupSearch(
  views: SegmentView[],
  groupsOfViews: () => Groups[],
  { k1, b }: Required<Bm25Options>,
  postingsOf: (term: string) => ({ from: number; to: number } | undefined)[],
  /** The id of segment `s`'s group `G`. */
  nameOf: (s: number, G: number) => string,
): (terms: string[], k: number) => Hit[] {
  let groups: Groups[] | undefined;
  let n = 0;
  let avg = 1;
  const setUp = () => {
    groups = groupsOfViews();
    let total = 0;
    for (const g of groups) for (let i = 0; i < g.lengths.length; i++) if (g.lengths[i]! > 0) (n++, (total += g.lengths[i]!));
    avg = n > 0 ? total / n : 1;
    for (const g of groups) for (let G = 0; G < g.lengths.length; G++) g.norm[G] = k1 * (1 - b + (b * g.lengths[G]!) / avg);
  };
  /** Live groups holding the term, counted once per term (bounded cache). */
  const dfCache = new Map<string, number>();
  /**
   * Scratch of the current search: each (group, summed frequency) met by the walks that counted an uncached
   * term's groups, in posting order, so that term is scored from them instead of walking its postings again.
   * Bounded: a term that would overflow it is counted, then walked again as before.
   */
  let metGroups = new Int32Array(4096);
  let metTfs = new Float64Array(4096);
  let used = 0;
  /** The term's live group count; for an uncached term, also where in the scratch each segment's groups are. */
  const groupDf = (term: string, parts: ({ from: number; to: number } | undefined)[]) => {
    const cached = dfCache.get(term);
    if (cached !== undefined) return { df: cached, met: undefined };
    let df = 0;
    let postings = 0;
    for (const p of parts) if (p) postings += p.to - p.from;
    const keep = used + postings <= MET_MAX;
    if (keep && used + postings > metGroups.length) {
      const size = Math.min(MET_MAX, Math.max(2 * metGroups.length, used + postings));
      const grownGroups = new Int32Array(size);
      const grownTfs = new Float64Array(size);
      grownGroups.set(metGroups.subarray(0, used));
      grownTfs.set(metTfs.subarray(0, used));
      (metGroups = grownGroups), (metTfs = grownTfs);
    }
    const met = views.map((view, s) => {
      const p = parts[s];
      if (!p) return undefined;
      const { of } = groups![s]!;
      const { units, tfs } = view.segment;
      const from = used;
      let last = -1;
      for (let i = p.from; i < p.to; i++) {
        const u = units[i]!;
        if (view.dead?.[u]) continue;
        const g = of[u]!;
        if (g !== last) {
          df++;
          last = g;
          if (keep) (metGroups[used] = g), (metTfs[used++] = tfs[i]!);
        } else if (keep) metTfs[used - 1]! += tfs[i]!;
      }
      return { from, to: used };
    });
    if (dfCache.size >= 100_000) dfCache.clear();
    dfCache.set(term, df);
    return { df, met: keep ? met : undefined };
  };

  return (terms, k) => {
    if (!groups) setUp();
    if (n === 0 || k <= 0) return [];
    used = 0;
    const lists = termPlan(terms, n, (t) => {
      const postings = postingsOf(t);
      const { df, met } = postings.some(Boolean) ? groupDf(t, postings) : { df: 0, met: undefined };
      return { df, parts: { postings, met } };
    });
    const common = Math.max(COMMON_MIN / 10, n * COMMON_SHARE);
    const touched: number[][] = views.map(() => []);
    let found = 0;
    for (const { df, idf, parts } of lists) {
      const reRankOnly = df > common && found > 0;
      views.forEach((view, s) => {
        const p = parts.postings[s];
        if (!p) return;
        const g = groups![s]!;
        const { units, tfs } = view.segment;
        const weight = (G: number, f: number) => (idf * f * (k1 + 1)) / (f + g.norm[G]!);
        if (reRankOnly && touched[s]!.length * Math.log2(p.to - p.from) < p.to - p.from) {
          // Fewer groups found than postings: look each group's units up instead of walking the list.
          for (const G of touched[s]!) {
            const end = G + 1 < g.first.length ? g.first[G + 1]! : view.segment.lengths.length;
            let f = 0;
            for (let i = lowerBound(units, p.from, p.to, g.first[G]!); i < p.to && units[i]! < end; i++) if (!view.dead?.[units[i]!]) f += tfs[i]!;
            if (f > 0) g.score[G]! += weight(G, f);
          }
          return;
        }
        const met = parts.met?.[s];
        found += met
          ? addGroups(metGroups, metTfs, met.from, met.to, g, touched[s]!, reRankOnly, idf, k1)
          : walkGroups(view.segment, p.from, p.to, view.dead, g, touched[s]!, reRankOnly, idf, k1);
      });
    }
    const hits: Hit[] = [];
    views.forEach((view, s) => {
      const g = groups![s]!;
      for (const G of topK(touched[s]!, g.score, k)) {
        hits.push({ id: nameOf(s, G), score: g.score[G]! });
      }
      for (const G of touched[s]!) g.score[G] = 0;
    });
    return hits.sort((x, y) => y.score - x.score).slice(0, k);
  };
}

/**
 * `walk` for groups: sums one term's frequencies per group over its postings `from..to` (a group's units
 * are consecutive, so are their postings: each group's sum is done when the next group starts), adding the
 * term's BM25 weight to each group met; with `reRankOnly`, only to groups already scored. Returns how many
 * groups were scored for the first time.
 */
function walkGroups(
  seg: KeywordSegment, from: number, to: number, dead: Uint8Array | undefined, g: Groups, touched: number[], reRankOnly: boolean,
  idf: number, k1: number,
): number {
  const { units, tfs } = seg;
  const { of, score, norm } = g;
  let added = 0;
  let last = -1;
  let f = 0;
  let skip = false;
  for (let i = from; i < to; i++) {
    const u = units[i]!;
    if (dead !== undefined && dead[u] === 1) continue;
    const G = of[u]!;
    if (G !== last) {
      if (f > 0) {
        if (score[last] === 0) (touched.push(last), added++);
        score[last]! += (idf * f * (k1 + 1)) / (f + norm[last]!);
      }
      last = G;
      f = 0;
      skip = reRankOnly && score[G] === 0;
    }
    if (!skip) f += tfs[i]!;
  }
  if (f > 0) {
    if (score[last] === 0) (touched.push(last), added++);
    score[last]! += (idf * f * (k1 + 1)) / (f + norm[last]!);
  }
  return added;
}

/**
 * `walkGroups` over groups already met (`metGroups[from..to)`, each with the term's summed frequency in it,
 * in posting order): the same weights added to the same groups in the same order.
 */
function addGroups(
  metGroups: Int32Array, metTfs: Float64Array, from: number, to: number, g: Groups, touched: number[], reRankOnly: boolean,
  idf: number, k1: number,
): number {
  const { score, norm } = g;
  let added = 0;
  for (let i = from; i < to; i++) {
    const G = metGroups[i]!;
    if (score[G] === 0) {
      if (reRankOnly) continue;
      touched.push(G);
      added++;
    }
    const f = metTfs[i]!;
    score[G]! += (idf * f * (k1 + 1)) / (f + norm[G]!);
  }
  return added;
}

/** First index in ascending `units[from..to)` holding a unit ≥ `unit` (`to` when none). */
function lowerBound(units: Int32Array, from: number, to: number, unit: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid]! < unit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Binary search for `unit` in ascending `units[from..to)`; -1 when absent. */
function find(units: Int32Array, from: number, to: number, unit: number): number {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = units[mid]!;
    if (v === unit) return mid;
    if (v < unit) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The `k` units with the highest scores, best first, ties in `units` order (as a stable sort of all of them
 * would give), without sorting all of them: a min-heap of the best k so far (worst on top: lowest score, and
 * of equal scores the one met last), which most units fall below and skip at once.
 */
function topK(units: number[], scores: Float64Array, k: number): number[] {
  if (units.length <= k) return [...units].sort((x, y) => scores[y]! - scores[x]!);
  // Heap entries are positions in `units`; `worse(i, j)`: i ranks below j.
  const heap = new Int32Array(k);
  const worse = (i: number, j: number) => {
    const si = scores[units[i]!]!;
    const sj = scores[units[j]!]!;
    return si < sj || (si === sj && i > j);
  };
  const down = (from: number) => {
    let at = from;
    for (;;) {
      const l = 2 * at + 1;
      if (l >= k) return;
      const r = l + 1;
      const c = r < k && worse(heap[r]!, heap[l]!) ? r : l;
      if (!worse(heap[c]!, heap[at]!)) return;
      [heap[c], heap[at]] = [heap[at]!, heap[c]!];
      at = c;
    }
  };
  for (let i = 0; i < k; i++) heap[i] = i;
  for (let i = (k >> 1) - 1; i >= 0; i--) down(i);
  for (let i = k; i < units.length; i++) {
    if (scores[units[i]!]! <= scores[units[heap[0]!]!]!) continue;
    heap[0] = i;
    down(0);
  }
  return Array.from(heap)
    .sort((i, j) => scores[units[j]!]! - scores[units[i]!]! || i - j)
    .map((i) => units[i]!);
}

// ---- saving and loading ----

const MAGIC = 0x574b4e50; // "PNKW"
/** Bumped when the byte layout below changes. */
const SEGMENT_VERSION = 1;
const HEADER = 48;

/**
 * One segment as bytes: a header of counts, then each array 8-byte aligned.
 * `decodeSegment(encodeSegment(s))` gives back the same segment.
 */
export function encodeSegment(seg: KeywordSegment): Buffer {
  const parts = sections(seg);
  const size = parts.reduce((at, p) => align(at) + p.byteLength, HEADER);
  const out = Buffer.alloc(align(size));
  const head = new DataView(out.buffer, out.byteOffset, HEADER);
  [MAGIC, SEGMENT_VERSION, seg.lengths.length, seg.start.length - 1, seg.units.length, seg.ids.bytes.length, seg.terms.bytes.length, seg.slots.length].forEach(
    (v, i) => head.setUint32(i * 4, v, true),
  );
  head.setFloat64(32, seg.totalLength, true);
  let at = HEADER;
  for (const p of parts) {
    at = align(at);
    out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at);
    at += p.byteLength;
  }
  return out;
}

function sections(seg: KeywordSegment): ArrayBufferView[] {
  return [seg.lengths, seg.ids.start, seg.ids.bytes, seg.terms.start, seg.terms.bytes, seg.slots, seg.start, seg.units, seg.tfs];
}

const align = (n: number) => (n + 7) & ~7;

/**
 * Reads a segment written by `encodeSegment`, as views over `buf` (no copy when it is aligned).
 * Throws a plain message on any inconsistency: sizes, offsets out of order, unit or term numbers
 * out of range. A damaged file is refused here, never searched.
 */
export function decodeSegment(buf: Buffer): KeywordSegment {
  if (buf.byteOffset % 8 !== 0) buf = Buffer.from(buf);
  if (buf.length < HEADER) throw new Error("shorter than its header");
  const head = new DataView(buf.buffer, buf.byteOffset, HEADER);
  const [magic, version, unitCount, termCount, postingCount, idBytes, termBytes, slotCount] = Array.from({ length: 8 }, (_, i) => head.getUint32(i * 4, true));
  if (magic !== MAGIC) throw new Error("not a keyword index file");
  if (version !== SEGMENT_VERSION) throw new Error(`keyword index layout ${version} ≠ ${SEGMENT_VERSION}`);
  const totalLength = head.getFloat64(32, true);
  if (slotCount! < 1 || (slotCount! & (slotCount! - 1)) !== 0 || slotCount! < termCount!) throw new Error("bad vocabulary table size");
  const sizes: [new (b: ArrayBuffer, o: number, n: number) => ArrayBufferView, number][] = [
    [Uint16Array, unitCount!],
    [Int32Array, unitCount! + 1],
    [Uint8Array, idBytes!],
    [Int32Array, termCount! + 1],
    [Uint8Array, termBytes!],
    [Int32Array, slotCount!],
    [Int32Array, termCount! + 1],
    [Int32Array, postingCount!],
    [Uint8Array, postingCount!],
  ];
  let at = HEADER;
  const views: ArrayBufferView[] = [];
  for (const [Type, count] of sizes) {
    at = align(at);
    const bytes = count * (Type as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    if (at + bytes > buf.length) throw new Error("truncated");
    views.push(new Type(buf.buffer as ArrayBuffer, buf.byteOffset + at, count));
    at += bytes;
  }
  if (align(at) !== buf.length) throw new Error(`${buf.length - align(at)} bytes more than its header says`);
  const [lengths, idStart, idBlob, termStart, termBlob, slots, start, units, tfs] = views as [
    Uint16Array, Int32Array, Uint8Array, Int32Array, Uint8Array, Int32Array, Int32Array, Int32Array, Uint8Array,
  ];
  const asBuffer = (v: Uint8Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  ascending(idStart, idBytes!, "unit ids");
  ascending(termStart, termBytes!, "vocabulary");
  ascending(start, postingCount!, "postings");
  let length = 0;
  for (let u = 0; u < unitCount!; u++) length += lengths[u]!;
  if (length !== totalLength) throw new Error("unit lengths do not add up");
  for (let i = 0; i < slotCount!; i++) if (slots[i]! < 0 || slots[i]! > termCount!) throw new Error("vocabulary table out of range");
  for (let t = 0; t < termCount!; t++) {
    for (let i = start[t]!, prev = -1; i < start[t + 1]!; i++) {
      const u = units[i]!;
      if (u <= prev || u >= unitCount!) throw new Error("postings out of range");
      prev = u;
    }
  }
  return {
    ids: { bytes: asBuffer(idBlob), start: idStart },
    lengths,
    totalLength,
    terms: { bytes: asBuffer(termBlob), start: termStart },
    slots,
    start,
    units,
    tfs,
  };
}

function ascending(offsets: Int32Array, end: number, what: string): void {
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== end) throw new Error(`${what} offsets out of range`);
  for (let i = 1; i < offsets.length; i++) if (offsets[i]! < offsets[i - 1]!) throw new Error(`${what} offsets out of order`);
}
