// The browser's figures for issue 14, measured side by side in one run of headless Debian
// Chromium (SwiftShader WebGL2, 1280x720) against target/web served on 127.0.0.1 the way a
// host should serve it (the .br files, with Content-Encoding: br, when the build wrote them):
//   - how long the page takes to say it is ready (data-ready), five loads, the median;
//   - frames a second of a bare page that clears a 1280x720 WebGL2 canvas every frame;
//   - frames a second of the game on the street map drawing frame after frame (?frames, as
//     an animation would), counted by the game itself (window.haejuFrames), and the ratio;
//   - how soon a key press on the street map is answered by a new frame (median of ten).
//   - with --trace: a Chromium performance trace of the street map, busy time by thread;
//   - with --trace-load: where the load's time goes (the page's marks, and a trace of one
//     load to data-ready: the largest events of each thread).
// A benchmark, not a test: it prints figures and never fails on them.
//   node web/bench.mjs [SECONDS] [--trace]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeCards, launchChromium, startLevel1 } from './common.mjs';

const seconds = Number(process.argv.find((a, i) => i > 1 && /^[0-9.]+$/.test(a)) || 5);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../target/web');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.ron': 'text/plain', '.ttf': 'font/ttf', '.ogg': 'audio/ogg' };
const bare = `<!doctype html><html><body style="margin:0"><canvas id="c" width="1280" height="720"></canvas>
<script>
const gl = document.getElementById('c').getContext('webgl2');
window.frames_ = 0;
function frame(t) { gl.clearColor((t % 1000) / 1000, 0.5, 0.5, 1); gl.clear(gl.COLOR_BUFFER_BIT); window.frames_++; requestAnimationFrame(frame); }
requestAnimationFrame(frame);
</script></body></html>`;
let brServed = 0;
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/bare.html') {
    res.writeHead(200, { 'Content-Type': 'text/html' }); res.end(bare); return;
  }
  const file = path.join(root, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname));
  if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404); res.end(); return;
  }
  const headers = { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' };
  let serve = file;
  if ((req.headers['accept-encoding'] || '').includes('br') && fs.existsSync(file + '.br')) {
    serve = file + '.br'; headers['Content-Encoding'] = 'br'; brServed++;
  }
  headers['Content-Length'] = fs.statSync(serve).size;
  res.writeHead(200, headers);
  fs.createReadStream(serve).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const newPage = () => browser.newPage({ viewport: { width: 1280, height: 720 } });

async function toStreet(page) {
  // The first morning (its fact cards and the guide closed), then the street map.
  await startLevel1(page);
  await closeCards(page);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.body.dataset.screen === 'Street', null, { timeout: 20000 }).catch(() => {});
  await page.waitForTimeout(300);
  return page.evaluate(() => document.body.dataset.screen);
}

try {
  // 1. Ready, five fresh loads.
  const ready = [];
  const marks = {};
  for (let i = 0; i < 5; i++) {
    const page = await newPage();
    const t0 = Date.now();
    await page.goto(base);
    await page.waitForSelector('body[data-ready]', { timeout: 180000 });
    ready.push((Date.now() - t0) / 1000);
    // The page's own marks (web/main.js), in ms from the navigation's start.
    await page.waitForFunction(() => performance.getEntriesByName('haeju:ready').length > 0, null, { timeout: 5000 }).catch(() => {});
    const own = await page.evaluate(() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('haeju:')).map((m) => [m.name, m.startTime]));
    for (const [name, at] of own) {
      (marks[name] ||= []).push(at);
    }
    await page.close();
  }
  console.log(`ready (data-ready) after: ${ready.map((x) => x.toFixed(2)).join(', ')} s; median ${median(ready).toFixed(2)} s (budget 1.5)`);
  console.log(`  the page's marks, median ms from navigation: ${Object.entries(marks).map(([k, v]) => `${k.replace('haeju:', '')} ${median(v).toFixed(0)}`).join(', ')}`);
  if (process.argv.includes('--trace-load')) {
    const page = await newPage();
    const traceFile = path.join(root, '..', 'bench-load-trace.json');
    await browser.startTracing(page, { path: traceFile, categories: ['devtools.timeline', 'toplevel', 'gpu', 'v8', 'v8.wasm', 'blink', 'disabled-by-default-v8.compile', 'loading', 'netlog'] });
    await page.goto(base);
    await page.waitForSelector('body[data-ready]', { timeout: 180000 });
    await browser.stopTracing();
    await page.close();
    const events = JSON.parse(fs.readFileSync(traceFile, 'utf8')).traceEvents;
    const names = {};
    for (const e of events) if (e.name === 'thread_name') names[`${e.pid}:${e.tid}`] = e.args.name;
    const byName = {};
    for (const e of events) {
      if (e.ph !== 'X' || !e.dur) continue;
      const th = names[`${e.pid}:${e.tid}`] || `${e.pid}:${e.tid}`;
      const k = `${th} / ${e.name}`;
      byName[k] = (byName[k] || 0) + e.dur;
    }
    console.log('  one load, traced: largest events to data-ready, ms (nested events counted in their parents too):');
    for (const [k, us] of Object.entries(byName).sort((a, b) => b[1] - a[1]).slice(0, 25)) {
      console.log(`    ${k}: ${(us / 1000).toFixed(0)}`);
    }
  }
  console.log(`served pre-compressed (brotli): ${brServed ? 'yes' : 'no (no .br files)'}`);

  // 2. A bare WebGL2 clear at the same size.
  const b = await newPage();
  await b.goto(base + 'bare.html');
  await b.waitForTimeout(1000);
  const b0 = await b.evaluate(() => window.frames_);
  await b.waitForTimeout(seconds * 1000);
  const bareFps = (await b.evaluate(() => window.frames_) - b0) / seconds;
  await b.close();

  // 3. The street map, frame after frame.
  const g = await newPage();
  await g.goto(base + '?frames');
  await g.waitForSelector('body[data-ready]', { timeout: 180000 });
  // The title screen first: little drawn on it, so the gap between it and the bare clear
  // is the game's fixed cost a frame (its wasm, the pass, the present).
  await g.waitForTimeout(1000);
  const t0 = await g.evaluate(() => window.haejuFrames || 0);
  await g.waitForTimeout(seconds * 1000);
  const titleFps = ((await g.evaluate(() => window.haejuFrames || 0)) - t0) / seconds;
  const where = await toStreet(g);
  await g.waitForTimeout(1000);
  const g0 = await g.evaluate(() => window.haejuFrames || 0);
  await g.waitForTimeout(seconds * 1000);
  const gameFps = ((await g.evaluate(() => window.haejuFrames || 0)) - g0) / seconds;
  await g.close();
  console.log(`bare WebGL2 clear 1280x720: ${bareFps.toFixed(1)} frames/s`);
  console.log(`title screen, frame after frame: ${titleFps.toFixed(1)} frames/s`);
  console.log(`street map (${where}), frame after frame: ${gameFps.toFixed(1)} frames/s`);
  console.log(`ratio street map / bare: ${(gameFps / bareFps).toFixed(2)} (budget 0.50 or more)`);

  // 3b. Where a frame goes: a Chromium trace of the street map drawing frame after frame,
  // the busy time of each thread (the page's main thread runs the game's wasm: Bevy's
  // schedule and egui's layout and tessellation; the GPU thread runs SwiftShader's WebGL2).
  if (process.argv.includes('--trace')) {
    const t = await newPage();
    await t.goto(base + '?frames');
    await t.waitForSelector('body[data-ready]', { timeout: 180000 });
    await toStreet(t);
    await t.waitForTimeout(1000);
    const traceFile = path.join(root, '..', 'bench-trace.json');
    await browser.startTracing(t, { path: traceFile, categories: ['devtools.timeline', 'toplevel', 'gpu', 'v8', 'blink'] });
    const f0 = await t.evaluate(() => window.haejuFrames || 0);
    await t.waitForTimeout(3000);
    const frames = (await t.evaluate(() => window.haejuFrames || 0)) - f0;
    await browser.stopTracing();
    await t.close();
    const events = JSON.parse(fs.readFileSync(traceFile, 'utf8')).traceEvents;
    const names = {};
    for (const e of events) if (e.name === 'thread_name') names[`${e.pid}:${e.tid}`] = e.args.name;
    // Busy time a thread: the top-level tasks ('RunTask', 'ThreadControllerImpl::RunTask').
    const busy = {}, inside = {};
    for (const e of events) {
      if (e.ph !== 'X' || !e.dur) continue;
      const th = names[`${e.pid}:${e.tid}`] || `${e.pid}:${e.tid}`;
      if (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') busy[th] = (busy[th] || 0) + e.dur;
      else inside[`${th} / ${e.name}`] = (inside[`${th} / ${e.name}`] || 0) + e.dur;
    }
    console.log(`trace: ${frames} frames in 3 s; busy ms a frame by thread:`);
    for (const [th, us] of Object.entries(busy).sort((a, b) => b[1] - a[1]).slice(0, 6)) {
      console.log(`  ${th}: ${(us / 1000 / Math.max(1, frames)).toFixed(1)} ms`);
    }
    console.log('  largest events (ms a frame, nested events counted in their parents too):');
    for (const [k, us] of Object.entries(inside).sort((a, b) => b[1] - a[1]).slice(0, 12)) {
      console.log(`    ${k}: ${(us / 1000 / Math.max(1, frames)).toFixed(1)}`);
    }
  }

  // 4. A key press on the street map (reactive, as played): time to the next frame.
  const k = await newPage();
  await k.goto(base);
  await k.waitForSelector('body[data-ready]', { timeout: 180000 });
  await toStreet(k);
  // The page notes when each key goes down and when each new frame is counted.
  await k.evaluate(() => {
    window.__downs = []; window.__frames = [];
    window.addEventListener('keydown', () => window.__downs.push([performance.now(), window.haejuFrames || 0]), true);
    let last = window.haejuFrames || 0;
    setInterval(() => {
      const n = window.haejuFrames || 0;
      if (n !== last) { window.__frames.push([performance.now(), n]); last = n; }
    }, 1);
  });
  for (let i = 0; i < 10; i++) {
    await k.waitForTimeout(700);
    // F1/F2 switch the phone's app: a visible change, nothing else.
    await k.keyboard.press(i % 2 ? 'F1' : 'F2');
  }
  await k.waitForTimeout(700);
  const waits = await k.evaluate(() => window.__downs.map(([t, n]) => {
    const f = window.__frames.find(([ft, fn]) => ft >= t && fn > n);
    return f ? f[0] - t : -1;
  }));
  await k.close();
  console.log(`key press → next frame: ${waits.map((x) => x.toFixed(0)).join(', ')} ms; median ${median(waits).toFixed(0)} ms (budget 100)`);
} finally {
  await browser.close();
  server.close();
}
