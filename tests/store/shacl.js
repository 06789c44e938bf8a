#!/usr/bin/env node
// Validate factgrep output against the SHACL shapes of ontology/shapes.ttl
// with rdf-validate-shacl (SHACL Core).
//
//     node shacl.js [--shapes SHAPES.ttl] [--union] DATA.ttl...
//
// Each DATA file is validated on its own (--union: all of them as one
// graph).
//
// rdf-validate-datatype 0.2.2 (rdf-validate-shacl's lexical check behind
// sh:datatype, latest release) has wrong patterns for xsd:gMonthDay and
// xsd:gDay: it wants "10-11" and "11" where XML Schema writes "--10-11" and
// "---11", so every valid month-day would be a violation of sh:datatype
// xsd:gMonthDay. This script registers the XML Schema patterns in its place
// before validating (see fixDatatypes). Prints "FILE: conforms", or "FILE: does not conform (N results)"
// and one line per result:
//     focus <node> path <path> value <value>: message [Component, shape]
// Exit 0 when every file conforms, 1 when one does not, or a file does not
// parse (N3.js strict Turtle), 2 on bad usage, 3 when the packages are not
// installed (npm install in tests/store).
'use strict';

const fs = require('fs');
const path = require('path');

const SH = 'http://www.w3.org/ns/shacl#';

function fail(msg, code) {
  process.stderr.write(`shacl: ${msg}\n`);
  process.exit(code || 1);
}

function readTurtle(N3, file) {
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file));
  } catch (e) {
    fail(`${file}: ${e.message}`);
  }
  try {
    return new N3.Parser({ format: 'text/turtle' }).parse(text);
  } catch (e) {
    fail(`${file}: does not parse: ${e.message}`);
  }
  return null;
}

function show(term) {
  if (!term) return '-';
  switch (term.termType) {
    case 'NamedNode': return `<${term.value}>`;
    case 'BlankNode': return `_:${term.value}`;
    case 'Literal': {
      const v = JSON.stringify(term.value);
      if (term.language) return `${v}@${term.language}`;
      if (term.datatype && term.datatype.value !== 'http://www.w3.org/2001/XMLSchema#string') {
        return `${v}^^<${term.datatype.value}>`;
      }
      return v;
    }
    default: return String(term.value);
  }
}

// A result's path is an IRI, or a blank node of the shapes graph for a
// complex path; render the inverse paths the shapes use as ^<iri>.
function showPath(term, graphs) {
  if (!term) return '-';
  if (term.termType !== 'BlankNode') return show(term);
  for (const g of graphs) {
    for (const q of g.match(term, null, null)) {
      if (q.predicate.value === `${SH}inversePath`) return `^${show(q.object)}`;
      if (q.predicate.value === `${SH}alternativePath`) return `(alternative path ${show(q.object)})`;
    }
  }
  return show(term);
}

// The XML Schema 1.1 lexical spaces of xsd:gMonthDay and xsd:gDay, in place
// of rdf-validate-datatype's (which lack the leading hyphens).
async function fixDatatypes(N3) {
  const XSD = 'http://www.w3.org/2001/XMLSchema#';
  const { validators, validateTerm } = await import('rdf-validate-datatype');
  const factory = N3.DataFactory;
  const tz = '(Z|[+-](((0[0-9]|1[0-3]):[0-5][0-9])|14:00))?';
  const monthDay = new RegExp(`^--(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])${tz}$`);
  const day = new RegExp(`^---(0[1-9]|[12][0-9]|3[01])${tz}$`);
  validators.register(factory.namedNode(`${XSD}gMonthDay`), (v) => monthDay.test(v));
  validators.register(factory.namedNode(`${XSD}gDay`), (v) => day.test(v));
  // The fix only helps if rdf-validate-shacl uses this copy of the package.
  const ours = require.resolve('rdf-validate-datatype');
  const theirs = require.resolve('rdf-validate-datatype',
    { paths: [path.dirname(require.resolve('rdf-validate-shacl'))] });
  if (ours !== theirs) fail(`two copies of rdf-validate-datatype (${ours}, ${theirs}): cannot fix xsd:gMonthDay`);
  const ok = validateTerm(factory.literal('--10-11', factory.namedNode(`${XSD}gMonthDay`)))
    && !validateTerm(factory.literal('10-11', factory.namedNode(`${XSD}gMonthDay`)));
  if (!ok) fail('could not fix the xsd:gMonthDay check of rdf-validate-datatype');
}

// Messages for the components rdf-validate-shacl gives none.
const FALLBACK = {
  'sh:ClassConstraintComponent': 'Value is not an instance of the required class',
  'sh:NodeConstraintComponent': 'Value does not have the required shape',
  'sh:XoneConstraintComponent': 'Not exactly one of the alternatives holds',
  'sh:OrConstraintComponent': 'None of the alternatives holds',
  'sh:AndConstraintComponent': 'Not all of the conditions hold',
  'sh:NotConstraintComponent': 'Value has a shape it must not have',
};

// The shape a result came from: fgsh:Name, or for a property shape (a blank
// node) the node shape that holds it, as fgsh:Name/property.
function shapeName(term, shapes) {
  const name = (t) => show(t).replace(/^<https:\/\/w3id\.org\/factgrep\/shapes#(.*)>$/, 'fgsh:$1');
  if (!term) return '-';
  if (term.termType === 'BlankNode') {
    for (const q of shapes.match(null, null, term)) {
      if (q.predicate.value === `${SH}property` && q.subject.termType === 'NamedNode') {
        return `${name(q.subject)}/property`;
      }
    }
  }
  return name(term);
}

function local(term) {
  if (!term) return '-';
  const v = term.value;
  return v.startsWith(SH) ? `sh:${v.slice(SH.length)}` : show(term);
}

async function main(argv) {
  let shapesFile = path.join(__dirname, '..', '..', 'ontology', 'shapes.ttl');
  let union = false;
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--shapes') {
      if (i + 1 >= argv.length) fail('--shapes needs a file', 2);
      shapesFile = argv[++i];
    } else if (a === '--union') {
      union = true;
    } else if (a === '-h' || a === '--help') {
      fail('usage: shacl.js [--shapes SHAPES.ttl] [--union] DATA.ttl...', 2);
    } else if (a.startsWith('-')) {
      fail(`unknown option ${a}`, 2);
    } else {
      files.push(a);
    }
  }
  if (files.length === 0) fail('usage: shacl.js [--shapes SHAPES.ttl] [--union] DATA.ttl...', 2);

  let N3, datasetFactory, SHACLValidator;
  try {
    N3 = require('n3');
    datasetFactory = (await import('@rdfjs/dataset')).default;
    SHACLValidator = (await import('rdf-validate-shacl')).default;
  } catch (e) {
    fail(`cannot load n3, @rdfjs/dataset, rdf-validate-shacl or rdf-validate-datatype (npm install in tests/store): ${e.message}`, 3);
  }
  await fixDatatypes(N3);

  const shapes = datasetFactory.dataset(readTurtle(N3, shapesFile));
  const groups = union ? [files] : files.map((f) => [f]);
  let allConform = true;
  for (const group of groups) {
    const name = group.join(' + ');
    const data = datasetFactory.dataset();
    for (const f of group) for (const q of readTurtle(N3, f)) data.add(q);
    // A new validator per data graph: it keeps state between runs.
    const validator = new SHACLValidator(shapes);
    const report = await validator.validate(data);
    if (report.conforms) {
      process.stdout.write(`${name}: conforms (${data.size} triples)\n`);
      continue;
    }
    allConform = false;
    const results = report.results;
    process.stdout.write(`${name}: does not conform (${results.length} result${results.length === 1 ? '' : 's'})\n`);
    const graphs = [report.dataset, shapes];
    const lines = results.map((r) => {
      const component = local(r.sourceConstraintComponent);
      const msg = r.message.map((m) => m.value).join('; ')
        || FALLBACK[component] || '(no message)';
      const value = r.value ? ` value ${show(r.value)}` : '';
      const sev = r.severity && r.severity.value !== `${SH}Violation` ? ` ${local(r.severity)}` : '';
      return `  focus ${show(r.focusNode)} path ${showPath(r.path, graphs)}${value}: ${msg}`
        + ` [${component}, ${shapeName(r.sourceShape, shapes)}]${sev}`;
    });
    lines.sort();
    for (const l of lines) process.stdout.write(`${l}\n`);
  }
  process.exit(allConform ? 0 : 1);
}

main(process.argv.slice(2)).catch((e) => fail(e && e.stack ? e.stack : String(e)));
