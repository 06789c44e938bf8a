#!/usr/bin/env node
// Parse Turtle files with N3.js's strict Turtle parser and print the number
// of triples (the sum over the files, as `rapper -c` counts them: a triple
// written twice counts twice).
//
//     node n3-parse.js [--distinct | --canonical] [--ntriples] FILE...
//
// Strict: the parser is made with format 'text/turtle' (Turtle only, no N3
// extensions such as formulas, `=>` or variables) and no base IRI; the bytes
// are decoded as UTF-8 with a fatal decoder, so invalid UTF-8 is an error,
// not U+FFFD; and, since N3.js keeps a relative IRI as it is when there is no
// base, every IRI must be absolute (have a scheme), as factgrep's contract
// asks. --distinct prints the number of distinct triples over all the files
// instead (what a store holds). --canonical prints the triples, one a line,
// in the form oxigraph-query.js --canonical uses (the datatype always
// written), for `sort` and `cmp`. --ntriples reads N-Triples instead of
// Turtle (rapper -o ntriples output). Exit 1 on the first error, with its
// message.
'use strict';

const fs = require('fs');

function fail(msg, code) {
  process.stderr.write(`n3-parse: ${msg}\n`);
  process.exit(code || 1);
}

const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

// The same form as canonicalTerm in oxigraph-query.js.
function termKey(t) {
  switch (t.termType) {
    case 'NamedNode': return `<${t.value}>`;
    case 'BlankNode': return `_:${t.value}`;
    case 'Literal':
      return JSON.stringify(t.value) + (t.language ? `@${t.language.toLowerCase()}` : `^^<${t.datatype.value}>`);
    case 'DefaultGraph': return '';
    default: return `${t.termType}(${t.value})`;
  }
}

function main(argv) {
  let distinct = false;
  let canonical = false;
  let format = 'text/turtle';
  const files = [];
  for (const a of argv) {
    if (a === '--distinct') distinct = true;
    else if (a === '--canonical') canonical = true;
    else if (a === '--ntriples') format = 'application/n-triples';
    else if (a === '-h' || a === '--help') fail('usage: n3-parse.js [--distinct | --canonical] [--ntriples] FILE...', 2);
    else if (a.startsWith('-') && a !== '-') fail(`unknown option ${a}`, 2);
    else files.push(a);
  }
  if (files.length === 0) fail('usage: n3-parse.js [--distinct | --canonical] [--ntriples] FILE...', 2);

  let N3;
  try {
    N3 = require('n3');
  } catch (e) {
    fail(`cannot load the n3 package (npm install in tests/store): ${e.message}`, 3);
  }

  let total = 0;
  const seen = new Set();
  const out = [];
  for (const file of files) {
    let text;
    try {
      const bytes = file === '-' ? fs.readFileSync(0) : fs.readFileSync(file);
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (e) {
      fail(`${file}: ${e.message}`);
    }
    const parser = new N3.Parser({ format });
    let quads;
    try {
      quads = parser.parse(text);
    } catch (e) {
      fail(`${file}: N3.js's strict ${format === 'text/turtle' ? 'Turtle' : 'N-Triples'} parser rejects it: ${e.message}`);
    }
    for (const q of quads) {
      for (const t of [q.subject, q.predicate, q.object, q.object.datatype]) {
        if (t && t.termType === 'NamedNode' && !ABSOLUTE.test(t.value)) {
          fail(`${file}: relative IRI <${t.value}> in ${termKey(q.subject)} ${termKey(q.predicate)} ${termKey(q.object)}`);
        }
      }
      if (q.graph.termType !== 'DefaultGraph') {
        fail(`${file}: a quad in a named graph: ${termKey(q.graph)}`);
      }
      if (canonical) out.push(`${termKey(q.subject)} ${termKey(q.predicate)} ${termKey(q.object)} .`);
      if (distinct) seen.add(`${termKey(q.subject)} ${termKey(q.predicate)} ${termKey(q.object)}`);
    }
    total += quads.length;
  }
  if (canonical) {
    process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
    return;
  }
  process.stdout.write(`${distinct ? seen.size : total}\n`);
}

main(process.argv.slice(2));
