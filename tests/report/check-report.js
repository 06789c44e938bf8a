#!/usr/bin/env node
/*
 * check-report.js - drives the review page of `factgrep report` in Debian's
 * Chromium with playwright-core and checks what a reviewer relies on:
 *   - the page loads offline (no request leaves file://) and without JS errors;
 *   - every mention of the embedded data is highlighted in the text, their
 *     count is the one given (counted from the Turtle by the caller), and the
 *     text of each highlight is its mention's anchor;
 *   - clicking a fact row (the last one, far down the text) scrolls its span
 *     into the viewport and marks it highlighted for a few seconds;
 *   - hovering a span shows a tooltip with its facts and their rule;
 *   - filtering by type (and by rule) leaves exactly the rows of that type;
 *   - a full-page screenshot is saved.
 *
 * usage: node check-report.js PAGE.html MENTIONS SCREENSHOT.png
 *                             [--text TEXT.txt] [--viewport-shot VIEW.png]
 *   --text           the first document's rendered text must equal this file
 *   --viewport-shot  also save a 1280x900 screenshot with a tooltip showing
 * Prints one line per check ("ok" or "FAIL"); exits 1 when one fails, 2 on
 * bad usage, 77 when playwright-core or Chromium cannot be started.
 * Environment: CHROMIUM overrides the browser (default /usr/bin/chromium).
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

function usage(msg) {
  console.error('check-report.js: ' + msg);
  console.error('usage: node check-report.js PAGE.html MENTIONS SCREENSHOT.png ' +
    '[--text TEXT.txt] [--viewport-shot VIEW.png]');
  process.exit(2);
}

const pos = [];
const opt = {};
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--text' || a === '--viewport-shot') {
    if (i + 1 >= process.argv.length) usage(a + ' needs an argument');
    opt[a.slice(2)] = process.argv[++i];
  } else if (a.startsWith('--')) {
    usage('unknown option ' + a);
  } else {
    pos.push(a);
  }
}
if (pos.length !== 3) usage('needs PAGE, MENTIONS and SCREENSHOT');
const [pagePath, countArg, shotPath] = pos;
const expected = Number(countArg);
if (!/^[0-9]+$/.test(countArg)) usage('MENTIONS must be a number, not ' + countArg);
if (!fs.existsSync(pagePath)) usage('no such page: ' + pagePath);

let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch (e) {
  console.log('SKIP: playwright-core cannot be loaded because ' + e.message.split('\n')[0]);
  process.exit(77);
}

const VIEW = { width: 1280, height: 900 };
let failures = 0;
function check(ok, what, detail) {
  console.log((ok ? 'ok   ' : 'FAIL ') + what + (detail ? ' (' + detail + ')' : ''));
  if (!ok) failures++;
  return ok;
}

/* Whether a locator's first box lies wholly inside the viewport. */
async function inViewport(loc) {
  const b = await loc.boundingBox();
  return b !== null && b.y >= 0 && b.x >= 0 && b.y + b.height <= VIEW.height &&
    b.x + b.width <= VIEW.width;
}

async function main() {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  let browser;
  try {
    /* launch() makes and removes a fresh temporary profile of its own. */
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (e) {
    console.log('SKIP: Chromium (' + executablePath + ') cannot be started because ' +
      e.message.split('\n')[0]);
    process.exit(77);
  }
  try {
    const context = await browser.newContext({ viewport: VIEW, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const external = [];
    const errors = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (/^(file|data|about|blob):/.test(url)) return route.continue();
      external.push(url);
      return route.abort();
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

    await page.goto(pathToFileURL(path.resolve(pagePath)).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);

    const info = await page.evaluate(() => {
      const data = JSON.parse(document.getElementById('fg-data').textContent);
      const marks = Array.from(document.querySelectorAll('.text mark[data-m]'));
      const text = new Map();
      for (const m of marks) {
        const k = m.getAttribute('data-m');
        text.set(k, (text.get(k) || '') + m.textContent);
      }
      const wrong = [];
      data.mentions.forEach((m, i) => {
        if (m.shown && text.get(String(i)) !== m.anchor)
          wrong.push('#' + i + ' [' + m.b + ',' + m.e + ') shows "' + text.get(String(i)) +
            '", anchor "' + m.anchor + '"');
      });
      return {
        charset: document.characterSet,
        mentions: data.mentions.length,
        shown: data.mentions.filter((m) => m.shown).length,
        distinct: text.size,
        parts: marks.length,
        wrong,
        facts: data.facts.length,
        rows: document.querySelectorAll('#fg-facts tbody tr').length,
        typeTotal: data.types.reduce((s, t) => s + t.facts, 0),
        ruleTotal: data.rules.reduce((s, r) => s + r.facts, 0),
        firstText: (document.querySelector('.text') || { textContent: null }).textContent,
        cjk: document.fonts.check('16px "Noto Sans CJK SC"', '\u6c5f\u95e8'),
        data,
      };
    });
    const data = info.data;

    check(info.charset === 'UTF-8', 'the page is read as UTF-8', info.charset);
    check(info.mentions === expected, 'mentions in the embedded data = mentions in the Turtle',
      info.mentions + ' vs ' + expected);
    check(info.distinct === info.mentions, 'distinct highlighted mentions = mentions in the data',
      info.distinct + ' highlighted in ' + info.parts + ' <mark> parts, ' + info.mentions +
      ' in the data');
    check(info.wrong.length === 0, 'each highlight reads as its anchor',
      info.wrong.length ? info.wrong.slice(0, 3).join('; ') : info.shown + ' checked');
    check(info.rows === info.facts && info.typeTotal === info.facts &&
      info.ruleTotal === info.facts, 'one table row per fact, totals add up',
    info.rows + ' rows, ' + info.facts + ' facts, ' + info.typeTotal + ' by type, ' +
      info.ruleTotal + ' by rule');
    if (opt.text !== undefined) {
      const want = fs.readFileSync(opt.text, 'utf8');
      check(info.firstText === want, 'the rendered text is the document text, unchanged',
        info.firstText === null ? 'no text' : info.firstText.length + ' vs ' + want.length +
          ' UTF-16 units');
    }
    console.log('note the CJK font "Noto Sans CJK SC" is ' + (info.cjk ? '' : 'NOT ') +
      'available');

    /* Clicking the last row that has a span scrolls to it and highlights it. */
    const rows = page.locator('#fg-facts tbody tr:not([data-m=""])');
    const nrows = await rows.count();
    if (check(nrows > 0, 'the table has rows with a span', String(nrows))) {
      await page.evaluate(() => window.scrollTo(0, 0));
      const row = rows.nth(nrows - 1);
      const k = await row.getAttribute('data-m');
      const mark = page.locator(`.text mark[data-m="${k}"]`).first();
      const before = await inViewport(mark);
      await row.locator('td').first().click();
      await page.waitForTimeout(150);
      const after = await inViewport(mark);
      const box = await mark.boundingBox();
      const lit = await mark.evaluate((e) => e.classList.contains('fg-hl'));
      check(after, `clicking the last row scrolls mention ${k} into the viewport`,
        (before ? 'it was already visible' : 'it was below the viewport') + ', now at y=' +
        (box ? Math.round(box.y) : '?') + ', scrollY=' +
        await page.evaluate(() => Math.round(window.scrollY)));
      check(lit, `mention ${k} gets the highlight class fg-hl`);
      const selected = await row.evaluate((e) => e.classList.contains('sel'));
      check(selected, 'the clicked row is marked selected');
      await page.waitForTimeout(3300);
      const stays = await mark.evaluate((e) => e.classList.contains('fg-hl'));
      check(!stays, 'the highlight goes after a few seconds');
    }

    /* Hovering a span shows its facts and their rule. */
    const target = data.mentions.findIndex((m) => m.shown &&
      m.facts.some((i) => data.rules[data.facts[i].rule].id !== null));
    if (check(target >= 0, 'a highlighted mention has a fact with a rule')) {
      const f = data.facts[data.mentions[target].facts.find(
        (i) => data.rules[data.facts[i].rule].id !== null)];
      const rule = data.rules[f.rule].id;
      const tip = page.locator('#fg-tip');
      const hiddenBefore = !(await tip.isVisible());
      await page.locator(`.text mark[data-m="${target}"]`).first().hover();
      let visible = true;
      try {
        await tip.waitFor({ state: 'visible', timeout: 2000 });
      } catch (e) {
        visible = false;
      }
      const tipText = visible ? await tip.textContent() : '';
      check(hiddenBefore && visible, `hovering mention ${target} shows the tooltip`);
      check(tipText.includes(rule) && tipText.includes(data.types[f.type].id),
        'the tooltip names the fact\'s type and rule', data.types[f.type].id + ', ' + rule);
      check(await inViewport(tip), 'the tooltip lies inside the viewport');
      await page.mouse.move(2, 2);
      check(!(await tip.isVisible()), 'the tooltip goes when the pointer leaves');
    }

    /* Filtering by type, then by rule. */
    const total = data.facts.length;
    const visibleRows = () => page.$$eval('#fg-facts tbody tr', (trs) => trs
      .filter((tr) => !tr.hidden && tr.getClientRects().length > 0)
      .map((tr) => [tr.getAttribute('data-t'), tr.getAttribute('data-r')]));
    const t = data.types.findIndex((y) => y.facts > 0 && y.facts < total);
    if (t < 0) {
      console.log('note no type filter to try: the file has facts of one type only');
    } else {
      await page.selectOption('#fg-ftype', String(t));
      const v = await visibleRows();
      check(v.length === data.types[t].facts && v.every((x) => x[0] === String(t)),
        `filtering by type ${data.types[t].id} leaves its rows only`,
        v.length + ' of ' + total + ' rows shown, ' + data.types[t].facts + ' expected');
      const shownText = await page.textContent('#fg-shown');
      check(shownText.startsWith(v.length + ' of '), 'the filter says how many rows show',
        shownText);
      await page.selectOption('#fg-ftype', '');
    }
    const u = data.rules.findIndex((r) => r.facts > 0 && r.facts < total);
    if (u >= 0) {
      await page.selectOption('#fg-frule', String(u));
      const v = await visibleRows();
      check(v.length === data.rules[u].facts && v.every((x) => x[1] === String(u)),
        `filtering by rule ${data.rules[u].id} leaves its rows only`,
        v.length + ' of ' + total + ' rows shown');
      await page.selectOption('#fg-frule', '');
    }
    const all = await visibleRows();
    check(all.length === total, 'clearing the filters shows every row again',
      all.length + ' of ' + total);

    check(external.length === 0, 'the page makes no network request',
      external.slice(0, 3).join(' '));
    check(errors.length === 0, 'no JavaScript error', errors.slice(0, 3).join('; '));

    fs.mkdirSync(path.dirname(path.resolve(shotPath)), { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shotPath, fullPage: true });
    const size = fs.existsSync(shotPath) ? fs.statSync(shotPath).size : 0;
    check(size > 0, 'full-page screenshot saved to ' + shotPath, Math.round(size / 1024) + ' KB');

    if (opt['viewport-shot'] !== undefined) {
      /* A picture for the README: the top of the page, a row selected and a tooltip up. */
      await page.evaluate(() => window.scrollTo(0, 0));
      const k = data.mentions.findIndex((m) => m.shown && m.facts.length > 1);
      const pick = k >= 0 ? k : Math.max(target, 0);
      const row = page.locator(`#fg-facts tbody tr[data-m="${pick}"]`).first();
      if (await row.count()) {
        await row.locator('td').first().click();
        await page.waitForTimeout(100);
      }
      const mark = page.locator(`.text mark[data-m="${pick}"]`).first();
      if (await mark.count()) await mark.hover();
      await page.waitForTimeout(100);
      await page.screenshot({ path: opt['viewport-shot'] });
      console.log('note viewport screenshot saved to ' + opt['viewport-shot']);
    }
  } finally {
    await browser.close();
  }
}

main().then(() => {
  if (failures > 0) console.log(failures + ' check' + (failures === 1 ? '' : 's') + ' failed');
  process.exit(failures > 0 ? 1 : 0);
}, (e) => {
  console.log('FAIL ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
