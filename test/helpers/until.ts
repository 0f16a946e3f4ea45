/**
 * Waits for `condition`, polling every 10 ms; throws naming `what` after `ms`.
 * Generous by default: a loaded machine is slow, and what a test times it measures apart.
 */
export async function until(condition: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
