/** Every `$ref` in `document` that does not point inside it: what bundling must leave none of. */
export function externalRefs(document: unknown): string[] {
  const found: string[] = [];
  JSON.stringify(document, (key, value) => {
    if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) found.push(value);
    return value;
  });
  return found;
}
