/**
 * Ranked full-text search over operations: BM25F (BM25 over weighted fields),
 * written here because it is 100 lines and a library would be vendored into
 * every generated project; the fields and their weights are what make it find
 * operations, and those are ours either way.
 */
import { expandSynonyms, rewritePhrases } from './expand-synonyms.js';
import { tokenizeText } from './tokenize-text.js';

/** One operation as the search sees it. */
export interface SearchDocument {
  /** The tool name it has under `--tools all` (after renames). */
  name: string;
  /** Upper-case HTTP method. */
  method: string;
  path: string;
  title?: string;
  description: string;
  tags: readonly string[];
  /** Argument names. */
  parameters: readonly string[];
  deprecated: boolean;
}

/** A match: the document, its score (higher is better). */
export interface SearchHit {
  document: SearchDocument;
  score: number;
}

/** Documents indexed once, searched many times. */
export interface SearchIndex {
  readonly size: number;
  /** The best `limit` matches of `query`, best first; ties keep model order. */
  search(query: string, limit: number): SearchHit[];
}

/** How much a term in each field counts (a name match beats a description match). */
const FIELD_WEIGHTS = {
  name: 3,
  title: 2,
  path: 2,
  resource: 2.5,
  verb: 1.5,
  tags: 1.5,
  description: 1,
  parameters: 0.7,
} as const;

type Field = keyof typeof FIELD_WEIGHTS;

const K1 = 1.2;
const B = 0.75;
/**
 * An operation whose method does what the query's verb asks ("create a
 * coupon": a POST to the collection) ranks above one that only shares its nouns
 * (DELETE /coupons/{coupon}, whose text says "coupon" more often).
 */
const VERB_FACTOR = 1.5;
/**
 * An operation on the very thing the query names ranks above one on its
 * sub-resources ("list customers": `GET /v1/customers` over
 * `GET /v1/customers/{customer}/sources`), whose text names it as often.
 */
const RESOURCE_FACTOR = 1.4;
/** Deprecated operations rank below a live one that matches as well. */
const DEPRECATED_FACTOR = 0.8;

/** Builds the index of `documents`; linear in their text. */
export function buildSearchIndex(documents: readonly SearchDocument[]): SearchIndex {
  const fields = Object.keys(FIELD_WEIGHTS) as Field[];
  const tokenized = documents.map((document) => toFields(document));
  const verbs = tokenized.map((doc) => new Set(doc.verb));
  const resources = tokenized.map((doc) => new Set(doc.resource));
  const averages = Object.fromEntries(
    fields.map((field) => [
      field,
      Math.max(1, tokenized.reduce((sum, doc) => sum + doc[field].length, 0) / Math.max(1, documents.length)),
    ]),
  ) as Record<Field, number>;

  /** term → postings: document index and its field-weighted, length-normalised frequency. */
  const postings = new Map<string, Array<{ doc: number; tf: number }>>();
  tokenized.forEach((doc, index) => {
    const weighted = new Map<string, number>();
    for (const field of fields) {
      const terms = doc[field];
      const norm = 1 - B + (B * terms.length) / averages[field];
      for (const term of terms) {
        weighted.set(term, (weighted.get(term) ?? 0) + FIELD_WEIGHTS[field] / norm);
      }
    }
    for (const [term, tf] of weighted) {
      const list = postings.get(term);
      if (list === undefined) postings.set(term, [{ doc: index, tf }]);
      else list.push({ doc: index, tf });
    }
  });
  const total = documents.length;

  return {
    size: total,
    search(query, limit) {
      const terms = expandSynonyms([...new Set(tokenizeText(rewritePhrases(query)))]);
      const scores = new Map<number, number>();
      const asked = new Set(
        terms
          .flat()
          .filter(({ term }) => VERB_TERMS.has(term))
          .map(({ term }) => term),
      );
      const named = terms.map((variants) => variants[0]?.term ?? '');
      for (const variants of terms) {
        // The best variant per document: a synonym never adds to the word itself.
        const best = new Map<number, number>();
        for (const { term, weight } of variants) {
          const list = postings.get(term);
          if (list === undefined) continue;
          const idf = Math.log(1 + (total - list.length + 0.5) / (list.length + 0.5));
          for (const { doc, tf } of list) {
            const gain = (weight * idf * tf * (K1 + 1)) / (tf + K1);
            if (gain > (best.get(doc) ?? 0)) best.set(doc, gain);
          }
        }
        for (const [doc, gain] of best) scores.set(doc, (scores.get(doc) ?? 0) + gain);
      }
      return [...scores]
        .map(([doc, score]) => {
          const verbMatch = [...asked].some((verb) => verbs[doc]?.has(verb));
          const resourceMatch = named.some((term) => resources[doc]?.has(term));
          const factor =
            (verbMatch ? VERB_FACTOR : 1) *
            (resourceMatch ? RESOURCE_FACTOR : 1) *
            (documents[doc]?.deprecated ? DEPRECATED_FACTOR : 1);
          return { doc, score: score * factor };
        })
        .sort((a, b) => b.score - a.score || a.doc - b.doc)
        .slice(0, Math.max(0, limit))
        .map(({ doc, score }) => ({ document: documents[doc] as SearchDocument, score }));
    },
  };
}

/** The stems {@link verbsOf} gives. */
const VERB_TERMS: ReadonlySet<string> = new Set(tokenizeText('get list create update replace delete'));

function toFields(document: SearchDocument): Record<Field, string[]> {
  return {
    name: tokenizeText(document.name),
    title: tokenizeText(document.title ?? ''),
    // Path parameters say what the operation acts on ("{pet_id}" → pet), so they stay.
    path: tokenizeText(document.path),
    resource: tokenizeText(resourceOf(document.path)),
    verb: tokenizeText(verbsOf(document.method, document.path)),
    tags: tokenizeText(document.tags.join(' ')),
    description: tokenizeText(stripMarkup(document.description)),
    parameters: tokenizeText(document.parameters.join(' ')),
  };
}

/**
 * What the method means, in the words a user asks with: a GET of one item
 * gets, of anything else lists (or gets); a POST to an item updates it (Stripe's way).
 */
function verbsOf(method: string, path: string): string {
  const onItem = /\}\/?$/.test(path);
  switch (method.toUpperCase()) {
    case 'GET':
      // A GET of a collection or a singleton (`/v1/balance`) is asked for with either verb.
      return onItem ? 'get' : 'list get';
    case 'POST':
      return onItem ? 'update' : 'create';
    case 'PUT':
      return 'update replace';
    case 'PATCH':
      return 'update';
    case 'DELETE':
      return 'delete';
    default:
      return '';
  }
}

/**
 * The path's last literal segment: what the operation acts on
 * (`/v1/customers/{customer}/subscriptions` → subscriptions), so "create a
 * customer" prefers `POST /v1/customers` over a customer's sub-resources.
 */
function resourceOf(path: string): string {
  const literal = path.split('/').filter((segment) => segment !== '' && !segment.includes('{'));
  return literal.at(-1) ?? '';
}

/** HTML tags and Markdown link targets carry no words a user would search by. */
function stripMarkup(text: string): string {
  return text.replace(/<[^>]*>/g, ' ').replace(/\]\([^)]*\)/g, ' ');
}
