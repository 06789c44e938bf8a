#!/usr/bin/env node
// One named graph per document (factgrep extract --format nquads): loads two
// documents' N-Quads into an Oxigraph in-memory store, checks each graph
// holds its document's quads, drops one document's graph and loads it again
// (replacing a document), and checks the other document's graph never moved.
//
//     node nquads-graphs.js DOC1.nq DOC2.nq
//
// Prints one "ok"/"FAIL" line per check; exit 1 on any failure.
'use strict';

const fs = require('fs');
const oxigraph = require('oxigraph');

function graphOf(text) {
  const m = text.match(/ <([^>]*)> \.\s*$/m);
  if (!m) throw new Error('no graph name in the N-Quads');
  return m[1];
}

function count(store, g) {
  return store.query(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${g}> { ?s ?p ?o } }`)[0].get('n').value;
}

function main(argv) {
  if (argv.length !== 2) {
    process.stderr.write('usage: nquads-graphs.js DOC1.nq DOC2.nq\n');
    process.exit(2);
  }
  const texts = argv.map((f) => fs.readFileSync(f, 'utf8'));
  const lines = texts.map((t) => t.split('\n').filter((l) => l.trim()).length);
  const graphs = texts.map(graphOf);
  const store = new oxigraph.Store();
  for (const t of texts) store.load(t, { format: 'application/n-quads' });
  let failed = 0;
  const check = (ok, what) => {
    console.log(`${ok ? 'ok' : 'FAIL'} - ${what}`);
    if (!ok) failed++;
  };
  check(graphs[0] !== graphs[1], `two documents, two graphs (${graphs.join(', ')})`);
  for (let i = 0; i < 2; i++)
    check(Number(count(store, graphs[i])) === lines[i], `graph ${i + 1} holds its ${lines[i]} quads`);
  const other = count(store, graphs[1]);
  store.update(`DROP GRAPH <${graphs[0]}>`);
  check(Number(count(store, graphs[0])) === 0, 'DROP GRAPH empties the first document');
  store.load(texts[0], { format: 'application/n-quads' });
  check(Number(count(store, graphs[0])) === lines[0], 'loading it again restores it');
  check(count(store, graphs[1]) === other, 'the other document never moved');
  process.exit(failed ? 1 : 0);
}

main(process.argv.slice(2));
