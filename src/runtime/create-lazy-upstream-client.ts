/**
 * The upstream client, loaded at its first use: undici (and the connector
 * that guards addresses) is the largest module a server loads, and nothing
 * before the first `tools/call` needs it, so `tools/list` is answered
 * without waiting for it.
 */
import type { UpstreamClient } from './call-upstream.js';
import type { createUpstreamConnector } from './create-upstream-connector.js';

/** An {@link UpstreamClient} that imports and builds the real one on the first request. */
export function createLazyUpstreamClient(
  options: Parameters<typeof createUpstreamConnector>[0],
): UpstreamClient {
  let loading: Promise<UpstreamClient> | undefined;
  const load = (): Promise<UpstreamClient> => {
    loading ??= Promise.all([import('./call-upstream.js'), import('./create-upstream-connector.js')]).then(
      ([{ createUpstreamClient }, { createUpstreamConnector }]) =>
        createUpstreamClient({ connect: createUpstreamConnector(options) }),
    );
    return loading;
  };
  return {
    send: async (request, limits) => (await load()).send(request, limits),
    fetchToken: async (request, timeoutMs) => (await load()).fetchToken(request, timeoutMs),
    // A client never used holds no connection: closing it loads nothing.
    close: async () => {
      if (loading !== undefined) await (await loading).close();
    },
  };
}
