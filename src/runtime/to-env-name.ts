/**
 * The naming rule of every environment variable a server reads:
 * `<PREFIX>_<SCHEME>[_<SUFFIX>]`, where `<SCHEME>` is the security scheme's key
 * in `components.securitySchemes` in UPPER_SNAKE (documented in the README).
 */

/**
 * UPPER_SNAKE of a scheme key: camelCase boundaries split (`readerToken` →
 * `READER_TOKEN`, `APIKey` → `API_KEY`), every run of other characters becomes
 * one `_` (`api-key` → `API_KEY`), leading and trailing `_` trimmed.
 */
export function toUpperSnake(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/**
 * The environment variable name for a scheme: `prefix` + `_` + the scheme key in
 * UPPER_SNAKE (+ `_` + `suffix`). A key with no letters or digits becomes `SCHEME`.
 *
 * @example toEnvName('OPENAPI_MCP', 'petstore_auth', 'CLIENT_ID') // 'OPENAPI_MCP_PETSTORE_AUTH_CLIENT_ID'
 */
export function toEnvName(prefix: string, schemeKey: string, suffix?: string): string {
  const scheme = toUpperSnake(schemeKey) || 'SCHEME';
  return `${prefix}_${scheme}${suffix === undefined ? '' : `_${suffix}`}`;
}
