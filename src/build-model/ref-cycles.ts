/**
 * Which ref targets sit on a cycle of the ref graph: those must go to `$defs`
 * (inlining them would never end); the rest may be inlined. Computed lazily,
 * one strongly connected component analysis (Tarjan) per unvisited start.
 */
import { isRecord } from '../safe-record.js';
import type { RefTable } from './ref-table.js';
import { SCHEMA_BUDGET } from './schema-budget.js';
import { forEachSubschema } from './subschema-keywords.js';

/** Returns `isCyclic(key)` over the canonical keys of `refs`. */
export function createCycleFinder(refs: RefTable): (key: string) => boolean {
  const cyclic = new Map<string, boolean>();
  const edgesCache = new Map<string, string[]>();

  function collectRefs(node: unknown, out: Set<string>, depth: number): void {
    if (depth > SCHEMA_BUDGET.MAX_DEPTH || !isRecord(node)) return;
    if (typeof node.$ref === 'string') {
      const resolved = refs.lookup(node.$ref);
      if (resolved.ok) out.add(resolved.key);
    }
    forEachSubschema(node, (child) => collectRefs(child, out, depth + 1));
  }

  function edges(key: string): string[] {
    let list = edgesCache.get(key);
    if (list === undefined) {
      const out = new Set<string>();
      collectRefs(refs.byKey(key)?.target, out, 0);
      list = [...out];
      edgesCache.set(key, list);
    }
    return list;
  }

  /** Iterative Tarjan from `start`; marks every node reached with whether it sits on a cycle. */
  function analyse(start: string): void {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    let counter = 0;
    const work: Array<{ node: string; next: number }> = [];
    const visit = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: 0 });
    };
    visit(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const out = edges(frame.node);
      if (frame.next < out.length) {
        const child = out[frame.next++]!;
        if (cyclic.has(child)) continue;
        if (!index.has(child)) visit(child);
        else if (onStack.has(child)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(child)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const onCycle = component.length > 1 || edges(frame.node).includes(frame.node);
        for (const m of component) cyclic.set(m, onCycle);
      }
    }
  }

  return (key) => {
    if (!cyclic.has(key)) analyse(key);
    return cyclic.get(key) === true;
  };
}
