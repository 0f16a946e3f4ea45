#!/usr/bin/env node
// A small in-memory Petstore matching specs/petstore.yaml, on 127.0.0.1 only.
// Used by the README quick start (so every tool can be tried locally) and by
// the benchmarks (as the upstream both the direct call and the proxy hit).
//   node bench/upstream.mjs [port]       (default 4010; 0 picks a free port)
import { createServer } from 'node:http';

const STAFF_KEY = process.env.PETSTORE_STAFF_KEY ?? 'staff-key';

/** Starts the upstream; resolves with its base URL (…/v1) and a close function. */
export function startUpstream(port = 4010) {
  const pets = new Map([
    [1, { id: 1, name: 'Rex', tag: 'dog', status: 'available' }],
    [2, { id: 2, name: 'Tom', tag: 'cat', status: 'pending' }],
    [3, { id: 3, name: 'Nemo', tag: null, status: 'sold' }],
  ]);
  let nextPetId = 4;
  let nextOrderId = 1;

  const send = (res, status, body) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
    res.end(text);
  };
  const authorised = (req, res) => {
    if (req.headers['x-api-key'] === STAFF_KEY) return true;
    send(res, 401, { code: 401, message: 'missing or wrong X-API-Key' });
    return false;
  };

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url, 'http://upstream');
      const body = Buffer.concat(chunks).toString('utf8');
      const path = url.pathname.replace(/^\/v1/, '');
      const petMatch = /^\/pets\/([^/]+)$/.exec(path);
      if (path === '/pets' && req.method === 'GET') {
        const limit = Number(url.searchParams.get('limit') ?? 20);
        const tags = url.searchParams.getAll('tags');
        const status = url.searchParams.get('status');
        const list = [...pets.values()]
          .filter((p) => tags.every((t) => p.tag === t) && (!status || p.status === status))
          .reverse()
          .slice(0, limit);
        return send(res, 200, list);
      }
      if (path === '/pets' && req.method === 'POST') {
        if (!authorised(req, res)) return;
        const input = JSON.parse(body || '{}');
        const pet = {
          id: nextPetId++,
          name: input.name,
          tag: input.tag ?? null,
          status: input.status ?? 'available',
        };
        pets.set(pet.id, pet);
        return send(res, 201, pet);
      }
      if (petMatch && req.method === 'GET') {
        const pet = pets.get(Number(petMatch[1]));
        return pet ? send(res, 200, pet) : send(res, 404, { code: 404, message: `no pet ${petMatch[1]}` });
      }
      if (petMatch && req.method === 'DELETE') {
        if (!authorised(req, res)) return;
        return pets.delete(Number(petMatch[1]))
          ? send(res, 204)
          : send(res, 404, { code: 404, message: 'no such pet' });
      }
      if (path === '/store/orders' && req.method === 'POST') {
        if (!authorised(req, res)) return;
        const form = new URLSearchParams(body);
        return send(res, 201, {
          id: nextOrderId++,
          petId: Number(form.get('petId')),
          quantity: Number(form.get('quantity')),
          status: 'placed',
        });
      }
      if (path === '/store/inventory' && req.method === 'GET') {
        const counts = {};
        for (const p of pets.values()) counts[p.status] = (counts[p.status] ?? 0) + 1;
        return send(res, 200, counts);
      }
      send(res, 404, { code: 404, message: `no route ${req.method} ${url.pathname}` });
    });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({ baseUrl: `http://127.0.0.1:${actual}/v1`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { baseUrl } = await startUpstream(Number(process.argv[2] ?? 4010));
  console.error(`Petstore upstream on ${baseUrl} (staff key for write operations: ${STAFF_KEY})`);
}
