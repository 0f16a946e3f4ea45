#!/usr/bin/env node
/**
 * The installed binary's entry: turns on Node's on-disk compile cache (Node
 * 22.1 and later; a no-op on Node 20) before the rest of the program loads,
 * so that every start after the first skips compiling the bundle's code.
 * `NODE_DISABLE_COMPILE_CACHE=1` turns it off, `NODE_COMPILE_CACHE=DIR` moves it.
 */
import module from 'node:module';

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
await import('./main.js');
