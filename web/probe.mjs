// The glyph probe in the browser (src/ui/probe.rs, issue 30): the page `?probe` draws one
// Korean line light on the phone's dark ground at four moments (Space goes on): 0 the font
// atlas grown, the line not drawn; 1 the line drawn, its glyphs sent by a partial update;
// 2 the atlas grown again and sent whole; 3 the size doubled and the line at half size.
// Every copy of the line must have the same ink within 3 %. Run alone:
//   node probe.mjs   (serves ../target/web itself)
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

// As in src/ui/probe.rs: the box measured (pixels) and the ground.
const BOX = [60, 280, 760, 360];
const GROUND = (22 + 24 + 28) / 3;

const ink = (buf) => {
  const png = PNG.sync.read(buf);
  let sum = 0;
  for (let y = BOX[1]; y < BOX[3]; y++) {
    for (let x = BOX[0]; x < BOX[2]; x++) {
      const i = (y * png.width + x) * 4;
      const g = (png.data[i] + png.data[i + 1] + png.data[i + 2]) / 3;
      sum += Math.max(0, (g - GROUND) / (255 - GROUND));
    }
  }
  return sum;
};

export async function probeGlyphs(browser, base, check, shots) {
  const p = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  await p.goto(base + '?probe');
  await p.waitForSelector('body[data-ready]', { timeout: 180000 });
  const said = [];
  const inks = [];
  for (let n = 0; n <= 3; n++) {
    if (n > 0) await p.keyboard.press('Space');
    const want = n === 3 ? `phase 3 atlas .* scale 2` : `phase ${n} atlas `;
    await p.waitForFunction((w) => new RegExp(w).test(document.body.dataset.message || ''), want, { timeout: 20000 }).catch(() => {});
    await p.waitForTimeout(500);
    said.push(await p.evaluate(() => document.body.dataset.message));
    const buf = await p.screenshot({ path: path.join(shots, `probe-${n}.png`) });
    if (n > 0) inks.push(ink(buf));
  }
  const height = (s) => Number((/atlas \d+x(\d+)/.exec(s || '') || [])[1]);
  console.log(`probe: ${said.join(' | ')}; ink ${inks.map((v) => v.toFixed(0)).join(', ')}`);
  check(height(said[1]) === height(said[0]) && height(said[2]) > height(said[1]),
    `the probe's line reaches the atlas by a partial update, then the atlas grows (${said.map(height).join(', ')})`);
  check(inks[0] > 500, `the probe's Korean line is drawn (ink ${inks[0]?.toFixed(0)})`);
  for (const [i, what] of [[1, 'after the font atlas grew'], [2, 'after the size doubled']]) {
    const change = Math.abs(inks[i] / inks[0] - 1) * 100;
    check(change < 3, `Hangul has the same ink ${what} as when its glyphs were new (${change.toFixed(1)} % apart)`);
  }
  check(errors.length === 0, 'no errors in the probe' + (errors.length ? ': ' + errors.join(' | ') : ''));
  await p.close();
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const http = await import('node:http');
  const { launchChromium } = await import('./common.mjs');
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../target/web');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const file = path.join(root, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const shots = process.env.WEB_SHOTS || path.join(root, '..', 'web-shots');
  fs.mkdirSync(shots, { recursive: true });
  let failed = 0;
  const check = (ok, what) => { if (!ok) failed++; console.log((ok ? 'ok   ' : 'FAIL ') + what); };
  const browser = await launchChromium();
  try { await probeGlyphs(browser, `http://127.0.0.1:${server.address().port}/`, check, shots); } finally { await browser.close(); server.close(); }
  process.exit(failed ? 1 : 0);
}
