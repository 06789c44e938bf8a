// Runs Microsoft Recognizers-Text (npm @microsoft/recognizers-text-suite) on a
// UTF-8 file and prints one JSON object a line: {model, start, end, text,
// value, ms}. Offsets are converted to code points, end exclusive, as
// factgrep's. Used by compare-recognizers.sh; not part of the test suite.
'use strict';
const fs = require('fs');
const R = require('@microsoft/recognizers-text-suite');

const text = fs.readFileSync(process.argv[2], 'utf8');
// Recognizers-Text counts UTF-16 code units; map them to code points.
const cp = new Array(text.length + 1);
for (let i = 0, k = 0; i <= text.length; k++) {
  cp[i] = k;
  if (i < text.length) {
    const c = text.charCodeAt(i);
    const two = c >= 0xd800 && c <= 0xdbff;
    if (two) cp[i + 1] = k;
    i += two ? 2 : 1;
  } else break;
}
const models = {
  number: R.recognizeNumber,
  currency: R.recognizeCurrency,
  dimension: R.recognizeDimension,
  datetime: R.recognizeDateTime,
};
for (const [name, fn] of Object.entries(models)) {
  const t0 = process.hrtime.bigint();
  const found = fn(text, R.Culture.Chinese);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(JSON.stringify({model: name, timing: true, ms: ms, count: found.length}));
  for (const f of found) {
    const r = f.resolution || {};
    let value = r.value;
    if (value === undefined && r.values && r.values.length) value = r.values[0].timex || r.values[0].value;
    console.log(JSON.stringify({model: name, start: cp[f.start], end: cp[f.end + 1], text: f.text,
                                value: value === undefined ? null : String(value),
                                unit: r.isoCurrency || r.unit || null}));
  }
}
