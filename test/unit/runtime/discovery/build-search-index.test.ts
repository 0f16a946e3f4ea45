/** The operation search: ranking on a small fixture, stemming, synonyms, splitting of identifiers. */
import { describe, expect, it } from 'vitest';
import {
  buildSearchIndex,
  type SearchDocument,
} from '../../../../src/runtime/discovery/build-search-index.js';
import { expandSynonyms } from '../../../../src/runtime/discovery/expand-synonyms.js';
import { stemWord } from '../../../../src/runtime/discovery/stem-word.js';
import { splitWords, tokenizeText } from '../../../../src/runtime/discovery/tokenize-text.js';

function doc(
  partial: Partial<SearchDocument> & Pick<SearchDocument, 'name' | 'method' | 'path'>,
): SearchDocument {
  return { description: '', tags: [], parameters: [], deprecated: false, ...partial };
}

/** A small API whose operations share their nouns, so only the ranking tells them apart. */
const DOCUMENTS: SearchDocument[] = [
  doc({
    name: 'listPets',
    method: 'GET',
    path: '/pets',
    description: 'Returns every pet in the store.',
    tags: ['pets'],
  }),
  doc({
    name: 'createPet',
    method: 'POST',
    path: '/pets',
    description: 'Adds a pet to the store.',
    tags: ['pets'],
    parameters: ['name', 'tag'],
  }),
  doc({
    name: 'getPetById',
    method: 'GET',
    path: '/pets/{petId}',
    description: 'Returns one pet.',
    tags: ['pets'],
    parameters: ['petId'],
  }),
  doc({
    name: 'deletePet',
    method: 'DELETE',
    path: '/pets/{petId}',
    description: 'Deletes a pet.',
    tags: ['pets'],
    parameters: ['petId'],
  }),
  doc({
    name: 'update_pet_photo',
    method: 'PUT',
    path: '/pets/{petId}/photo',
    description: 'Replaces the photo of a pet.',
    tags: ['pets'],
  }),
  doc({
    name: 'listOrders',
    method: 'GET',
    path: '/store/orders',
    description: 'Returns the orders placed.',
    tags: ['store'],
  }),
  doc({
    name: 'placeOrder',
    method: 'POST',
    path: '/store/orders',
    description: 'Places an order for a pet.',
    tags: ['store'],
    parameters: ['petId', 'quantity'],
  }),
  doc({
    name: 'oldFindPets',
    method: 'GET',
    path: '/pets/find',
    description: 'Finds pets (use listPets).',
    deprecated: true,
  }),
  doc({
    name: 'getInventory',
    method: 'GET',
    path: '/store/inventory',
    title: 'Inventory counts by status',
    description: '',
  }),
];

const index = buildSearchIndex(DOCUMENTS);
const top = (query: string, n = 1) => index.search(query, n).map((hit) => hit.document.name);

describe('buildSearchIndex', () => {
  it.each([
    ['delete a pet', 'deletePet'],
    ['create a pet', 'createPet'],
    ['list pets', 'listPets'],
    ['get a pet by its id', 'getPetById'],
    ['place an order', 'placeOrder'],
    ['list orders', 'listOrders'],
    ['replace the photo of a pet', 'update_pet_photo'],
    ['inventory by status', 'getInventory'],
  ])('"%s" → %s first', (query, expected) => {
    expect(top(query)).toEqual([expected]);
  });

  it.each([
    // Synonyms: the word the user writes is not the one the spec uses.
    ['remove a pet', 'deletePet'],
    ['add a new pet', 'createPet'],
    ['fetch one pet', 'getPetById'],
    ['get all pets', 'listPets'],
    ['enumerate the orders', 'listOrders'],
    ['modify the pet photo', 'update_pet_photo'],
    // Stemming: plural, -ing, -ed.
    ['deleting pets', 'deletePet'],
    ['photos', 'update_pet_photo'],
    ['placed an order', 'placeOrder'],
  ])('"%s" → %s first', (query, expected) => {
    expect(top(query)).toEqual([expected]);
  });

  it('returns at most the limit, best first, each with a positive score', () => {
    const hits = index.search('pet', 3);
    expect(hits).toHaveLength(3);
    expect(hits.map((hit) => hit.score)).toEqual([...hits.map((hit) => hit.score)].sort((a, b) => b - a));
    expect(hits.every((hit) => hit.score > 0)).toBe(true);
  });

  it('ranks a deprecated operation below a live one that matches as well', () => {
    const twins = buildSearchIndex([
      doc({ name: 'findPetsOld', method: 'GET', path: '/pets/find', deprecated: true }),
      doc({ name: 'findPetsNew', method: 'GET', path: '/pets/find' }),
    ]);
    expect(twins.search('find pets', 2).map((hit) => hit.document.name)).toEqual([
      'findPetsNew',
      'findPetsOld',
    ]);
  });

  it('finds nothing for words no operation has, and nothing for stop words alone', () => {
    expect(index.search('kubernetes cluster', 10)).toEqual([]);
    expect(index.search('the of a', 10)).toEqual([]);
  });

  it('matches words split out of camelCase, snake_case and path segments', () => {
    expect(top('by id')).toEqual(['getPetById']);
    expect(top('store inventory')).toEqual(['getInventory']);
  });
});

describe('stemWord', () => {
  it.each([
    ['pets', 'pet'],
    ['policies', 'policy'],
    ['boxes', 'box'],
    ['statuses', 'status'],
    ['status', 'status'],
    ['address', 'address'],
    ['creating', 'creat'],
    ['create', 'creat'],
    ['created', 'creat'],
    ['getting', 'get'],
    ['stopped', 'stop'],
    ['installed', 'install'],
    ['applied', 'apply'],
    ['eviction', 'evict'],
    ['evict', 'evict'],
    ['v1', 'v1'],
  ])('%s → %s', (word, stem) => {
    expect(stemWord(word)).toBe(stem);
  });
});

describe('tokenizeText', () => {
  it('splits identifiers and paths, drops stop words, stems', () => {
    expect(splitWords('listCoreV1NamespacedPod')).toEqual(['list', 'core', 'v1', 'namespaced', 'pod']);
    expect(splitWords('HTTPServer get_pet-by_id /pets/{petId}')).toEqual([
      'http',
      'server',
      'get',
      'pet',
      'by',
      'id',
      'pets',
      'pet',
      'id',
    ]);
    expect(tokenizeText('Refund the charges of a customer')).toEqual(['refund', 'charg', 'customer']);
  });
});

describe('expandSynonyms', () => {
  it('keeps the written word at full weight and adds its group at a lower one', () => {
    const [remove] = expandSynonyms(['remov']);
    expect(remove?.[0]).toEqual({ term: 'remov', weight: 1 });
    const del = remove?.find((variant) => variant.term === 'delet');
    expect(del?.weight).toBeGreaterThan(0);
    expect(del?.weight).toBeLessThan(1);
  });

  it('gives a word with no synonyms itself alone', () => {
    expect(expandSynonyms(['refund'])).toEqual([[{ term: 'refund', weight: 1 }]]);
  });
});
