/**
 * Keyword counts for government digital engagement: how often a government's work report (or any
 * policy text) names digital-economy and digital-government terms — the text-analysis measure of
 * digital attention used e.g. by Wu et al. (2021, 管理世界) for firms' digital transformation.
 *
 * Matching rules (documented for reproducibility):
 * - The text and the terms are normalised with Unicode NFKC (full-width "５Ｇ" = "5G", "＋" = "+")
 *   and lower-cased, so Latin terms match case-insensitively.
 * - Non-overlapping, leftmost-longest: scanning left to right, at each position the longest term
 *   that matches is counted and the scan continues after it (工业互联网 is not also 互联网).
 * - A term without CJK characters ("big data", "5G", "e-government") matches whole words only:
 *   the characters just before and after it must not be Latin letters or digits (a CJK neighbour
 *   is a boundary, so "5G网络" counts "5G" while "15G" and "bigdata" do not).
 * - Terms with CJK characters match anywhere.
 * Characters = non-whitespace Unicode code points of the original text; frequency = count per
 * 10,000 characters (0 for an empty text); lnCount = ln(1 + count).
 */

/** The default dictionary (edit it per analysis with the spec's `dictionary`). */
export const defaultDigitalDictionary: readonly string[] = [
  // digital economy
  '数字经济',
  '数字化',
  '数字产业化',
  '产业数字化',
  '信息化',
  '大数据',
  '云计算',
  '人工智能',
  '互联网+',
  '互联网',
  '工业互联网',
  '物联网',
  '区块链',
  '5G',
  '电子商务',
  '数字技术',
  '智能制造',
  '数据中心',
  '新型基础设施',
  // digital government
  '数字政府',
  '电子政务',
  '智慧城市',
  '政务服务平台',
  '一网通办',
  '互联网+政务服务',
  '网上办事',
  '政务数据',
  '数据共享',
  // English
  'digital economy',
  'digitalization',
  'digitalisation',
  'digital transformation',
  'big data',
  'cloud computing',
  'artificial intelligence',
  'internet plus',
  'industrial internet',
  'internet of things',
  'blockchain',
  'e-commerce',
  'e-government',
  'digital government',
  'smart city',
  'smart cities',
];

/** NFKC and lower case: the form in which texts and terms are compared. */
export function normaliseForMatching(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_CHAR = /[\p{Script=Latin}\p{Nd}]/u;

interface CompiledTerm {
  /** Index into the dictionary. */
  index: number;
  text: string;
  wholeWord: boolean;
}

/** A dictionary prepared for counting: terms grouped by first character, longest first. */
export interface KeywordMatcher {
  terms: readonly string[];
  byFirstChar: Map<string, CompiledTerm[]>;
}

/** Builds a matcher; duplicate terms (after normalisation) are kept once. */
export function compileDictionary(terms: readonly string[]): KeywordMatcher {
  const unique: string[] = [];
  const seen = new Set<string>();
  for (const term of terms) {
    const key = normaliseForMatching(term.trim());
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    unique.push(term.trim());
  }
  const byFirstChar = new Map<string, CompiledTerm[]>();
  unique.forEach((term, index) => {
    const text = normaliseForMatching(term);
    const list = byFirstChar.get(text[0]!) ?? [];
    list.push({ index, text, wholeWord: !CJK.test(text) });
    byFirstChar.set(text[0]!, list);
  });
  for (const list of byFirstChar.values()) list.sort((a, b) => b.text.length - a.text.length);
  return { terms: unique, byFirstChar };
}

export interface KeywordCount {
  count: number;
  /** Count of each term, in dictionary order. */
  termCounts: Int32Array;
  characters: number;
  frequency: number;
  lnCount: number;
}

function isWordChar(text: string, at: number): boolean {
  if (at < 0 || at >= text.length) return false;
  const code = text.codePointAt(at)!;
  // a low surrogate: look at the whole code point it ends
  const start = code >= 0xdc00 && code <= 0xdfff && at > 0 ? at - 1 : at;
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(start)!));
}

/** Non-overlapping leftmost-longest counts of the dictionary's terms in one text. */
export function countKeywords(text: string, matcher: KeywordMatcher): KeywordCount {
  const source = normaliseForMatching(text);
  const termCounts = new Int32Array(matcher.terms.length);
  let count = 0;
  let i = 0;
  while (i < source.length) {
    const candidates = matcher.byFirstChar.get(source[i]!);
    let matched = 0;
    if (candidates) {
      for (const term of candidates) {
        if (!source.startsWith(term.text, i)) continue;
        if (term.wholeWord && (isWordChar(source, i - 1) || isWordChar(source, i + term.text.length))) {
          continue;
        }
        termCounts[term.index]++;
        count++;
        matched = term.text.length;
        break;
      }
    }
    i += matched > 0 ? matched : 1;
  }
  const characters = countNonWhitespace(text);
  return {
    count,
    termCounts,
    characters,
    frequency: characters > 0 ? (count / characters) * 10_000 : 0,
    lnCount: Math.log1p(count),
  };
}

/** Unicode code points that are not white space. */
export function countNonWhitespace(text: string): number {
  const stripped = text.replace(/\s+/gu, '');
  let pairs = 0;
  for (let i = 0; i < stripped.length; i++) {
    const code = stripped.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) pairs++;
  }
  return stripped.length - pairs;
}

/** The dictionary after a spec's edits: `terms` replaces the default, then `add` and `remove`. */
export function editDictionary(
  edit: { terms?: string[]; add?: string[]; remove?: string[] } | undefined,
): string[] {
  const base = [...(edit?.terms ?? defaultDigitalDictionary), ...(edit?.add ?? [])];
  const removed = new Set((edit?.remove ?? []).map(normaliseForMatching));
  return base.filter((term) => !removed.has(normaliseForMatching(term)));
}
