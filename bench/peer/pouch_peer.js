// The same scenarios as fika-bench (S1-S4), for PouchDB replicating through
// express-pouchdb on loopback. Prints one JSON line per figure.
//   node pouch_peer.js --n N [--rounds R]
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const express = require('express');
const PouchDB = require('pouchdb-node');

const args = process.argv.slice(2);
const arg = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : dflt; };
const N = arg('--n', 1000);
const ROUNDS = arg('--rounds', 50);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fika-pouch-'));
const Local = PouchDB.defaults({ prefix: path.join(dir, 'local-') });
const Remote = PouchDB.defaults({ prefix: path.join(dir, 'remote-') });
const words = ['data', 'platform', 'migration', 'cloud', 'integration', 'support', 'training', 'analysis',
  'security', 'upgrade', 'pilot', 'roadmap'];
let seed = 12345;
const rand = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };

function docs(n) {
  const out = [];
  for (let i = 0; i < n; ++i) {
    let need = '';
    while (need.length < 200) need += words[rand() % 12] + ' ';
    out.push({ _id: 'case-' + String(i).padStart(7, '0'), type: 'case', account_id: 'acme',
      title: 'Case ' + i + ': ' + words[rand() % 12] + ' ' + words[rand() % 12], need: need.slice(0, 200),
      value: 10000 + (rand() % 1000000), currency: 'DKK', stage: 'spotted', found_by: 'consultant-1', deleted: false });
  }
  return out;
}
const now = () => Number(process.hrtime.bigint()) / 1e9;
const print = (o) => console.log(JSON.stringify(Object.assign({ peer: 'pouchdb' }, o)));
const pct = (v, p) => { const s = [...v].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.round(p * (s.length - 1)))]; };

async function main() {
  const app = express();
  app.use('/', require('express-pouchdb')(Remote, { mode: 'minimumForPouchDB', logPath: path.join(dir, 'log.txt') }));
  const server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const url = 'http://127.0.0.1:' + server.address().port + '/cases';

  const all = docs(N);
  // S1: local writes, batched (bulk of 1000) and one per write (bounded to 1000).
  const a = new Local('a');
  let t0 = now();
  for (let i = 0; i < all.length; i += 1000) await a.bulkDocs(all.slice(i, i + 1000));
  print({ scenario: 'S1', mode: 'batched', n: N, seconds: now() - t0, records_per_s: N / (now() - t0) });
  const one = new Local('one');
  const m = Math.min(N, 1000);
  t0 = now();
  for (let i = 0; i < m; ++i) await one.put(all[i]);
  print({ scenario: 'S1', mode: 'per_transaction', n: m, seconds: now() - t0, records_per_s: m / (now() - t0) });

  // S2: upload to the empty server; S3: an empty replica downloads.
  t0 = now();
  await PouchDB.replicate(a, url, { batch_size: 1000 });
  print({ scenario: 'S2', n: N, seconds: now() - t0 });
  const b = new Local('b');
  t0 = now();
  await PouchDB.replicate(url, b, { batch_size: 1000 });
  const got = (await b.info()).doc_count;
  if (got !== N) throw new Error('S3 downloaded ' + got + ' of ' + N);
  print({ scenario: 'S3', n: N, seconds: now() - t0 });

  // S4: B follows the server live; A edits 100 documents and replicates.
  const live = PouchDB.replicate(url, b, { live: true, retry: true });
  const ids = all.slice(0, 100).map((d) => d._id);
  const last = ids[ids.length - 1];
  const ms = [];
  for (let round = 0; round < ROUNDS; ++round) {
    const cur = await a.allDocs({ keys: ids, include_docs: true });
    const edits = cur.rows.map((r) => Object.assign({}, r.doc, { title: 'round ' + round }));
    await a.bulkDocs(edits);
    const edited = now();
    const arrived = new Promise((resolve) => {
      const feed = b.changes({ since: 'now', live: true, include_docs: true }).on('change', (c) => {
        if (c.id === last && c.doc.title === 'round ' + round) { feed.cancel(); resolve(now()); }
      });
    });
    await PouchDB.replicate(a, url, { batch_size: 1000 });
    const at = await arrived;
    ms.push((at - edited) * 1000);
  }
  live.cancel();
  print({ scenario: 'S4', n: N, edited: 100, rounds: ROUNDS, median_ms: pct(ms, 0.5), p99_ms: pct(ms, 0.99) });
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
