#!/usr/bin/env node
// Load Turtle files into an Oxigraph in-memory store and run a SPARQL query
// over them, printing the results as SPARQL 1.1 Query Results JSON (the same
// structure as `factgrep query --format json`), {"head":{},"boolean":...}
// for ASK, or N-Triples for CONSTRUCT / DESCRIBE.
//
//     node oxigraph-query.js -q QUERY.rq DATA.ttl...
//     node oxigraph-query.js -e 'SELECT ...' DATA.ttl...
//     node oxigraph-query.js --count DATA.ttl...      (number of triples)
//     node oxigraph-query.js --canonical DATA.ttl...  (the parsed triples)
//
// --canonical prints each triple as Oxigraph's parser returns it (not as
// the store keeps it), one per line in the form n3-parse.js --canonical
// uses, so that `sort` and `cmp` can check that rapper, N3.js and Oxigraph
// read the same triples, with the same datatypes, from a file.
//
// The files are parsed with Oxigraph's default, strict Turtle parser: IRIs,
// language tags, escapes and UTF-8 are checked, and no base IRI is given, so
// a relative IRI is an error too (factgrep's contract asks for absolute
// IRIs). The bytes are handed to Oxigraph as they are, so invalid UTF-8 is
// reported rather than replaced. A file that does not load makes this exit 1
// with Oxigraph's message; a bad query exits 1 too; bad usage exits 2.
//
// Note: Oxigraph's store keeps literals in a canonical form: "213000.0"^^
// xsd:decimal comes back as "213000", and "12"^^xsd:nonNegativeInteger as
// "12"^^xsd:integer. tests/store/same-results.py compares numbers by value.
'use strict';

const fs = require('fs');

function usage(msg) {
  if (msg) process.stderr.write(`oxigraph-query: ${msg}\n`);
  process.stderr.write('usage: oxigraph-query.js (-q QUERY.rq | -e QUERY | --count) DATA.ttl...\n');
  process.exit(2);
}

// One triple per line: <s> <p> "lexical form as JSON"^^<datatype> (or
// @lang), the datatype always written, xsd:string too. The same as in
// n3-parse.js.
function canonicalTerm(t) {
  switch (t.termType) {
    case 'NamedNode': return `<${t.value}>`;
    case 'BlankNode': return `_:${t.value}`;
    case 'Literal':
      return JSON.stringify(t.value) + (t.language ? `@${t.language.toLowerCase()}` : `^^<${t.datatype.value}>`);
    default: return `${t.termType}(${t.value})`;
  }
}

function canonicalTriple(q) {
  return `${canonicalTerm(q.subject)} ${canonicalTerm(q.predicate)} ${canonicalTerm(q.object)} .`;
}

function main(argv) {
  let query = null;
  let queryName = null;
  let count = false;
  let canonical = false;
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-q' || a === '--query-file') {
      if (i + 1 >= argv.length) usage(`${a} needs a file`);
      queryName = argv[++i];
      try {
        query = fs.readFileSync(queryName, 'utf8');
      } catch (e) {
        process.stderr.write(`oxigraph-query: ${queryName}: ${e.message}\n`);
        process.exit(1);
      }
    } else if (a === '-e' || a === '--query') {
      if (i + 1 >= argv.length) usage(`${a} needs a query`);
      query = argv[++i];
      queryName = '(query)';
    } else if (a === '--count') {
      count = true;
    } else if (a === '--canonical') {
      canonical = true;
    } else if (a === '-h' || a === '--help') {
      usage();
    } else if (a.startsWith('-') && a !== '-') {
      usage(`unknown option ${a}`);
    } else {
      files.push(a);
    }
  }
  if (files.length === 0) usage('no data file');
  if ((query !== null) + count + canonical !== 1) usage('give one of -q, -e, --count, --canonical');

  let oxigraph;
  try {
    oxigraph = require('oxigraph');
  } catch (e) {
    process.stderr.write(`oxigraph-query: cannot load the oxigraph package (npm install in tests/store): ${e.message}\n`);
    process.exit(3);
  }

  const store = new oxigraph.Store();
  for (const file of files) {
    let bytes;
    try {
      bytes = file === '-' ? fs.readFileSync(0) : fs.readFileSync(file);
    } catch (e) {
      process.stderr.write(`oxigraph-query: ${file}: ${e.message}\n`);
      process.exit(1);
    }
    if (canonical) {
      let quads;
      try {
        quads = oxigraph.parse(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
                               { format: 'text/turtle' });
      } catch (e) {
        process.stderr.write(`oxigraph-query: ${file}: Oxigraph's strict Turtle parser rejects it: ${e.message || e}\n`);
        process.exit(1);
      }
      const lines = quads.map(canonicalTriple);
      process.stdout.write(lines.join('\n') + (lines.length ? '\n' : ''));
      continue;
    }
    try {
      // Default options: strict parsing (no `unchecked`), one transaction
      // per file, no base IRI.
      store.load(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
                 { format: 'text/turtle' });
    } catch (e) {
      process.stderr.write(`oxigraph-query: ${file}: Oxigraph's strict Turtle parser rejects it: ${e.message || e}\n`);
      process.exit(1);
    }
  }

  if (canonical) return;
  if (count) {
    process.stdout.write(`${store.size}\n`);
    return;
  }

  let out;
  try {
    out = store.query(query, { results_format: 'json' });
  } catch (e) {
    process.stderr.write(`oxigraph-query: ${queryName}: ${e.message || e}\n`);
    process.exit(1);
  }
  // SELECT and ASK give SPARQL JSON results; CONSTRUCT and DESCRIBE give a
  // graph, which JSON results cannot hold: print it as N-Triples instead.
  let parsed = null;
  try {
    parsed = JSON.parse(out);
  } catch (e) {
    parsed = null;
  }
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && 'head' in parsed) {
    process.stdout.write(JSON.stringify(parsed) + '\n');
  } else {
    process.stdout.write(store.query(query, { results_format: 'application/n-triples' }));
  }
}

main(process.argv.slice(2));
