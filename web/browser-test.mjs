// Serves target/web on 127.0.0.1, opens it in headless Debian Chromium (SwiftShader
// WebGL2), waits for the game's ready signal, starts level 1 with the keyboard and the
// mouse, reaches the street map, opens the phone, and checks what a player would see:
// the canvas is not blank, the expected screen is showing, the console has no errors.
// Then: Continue after a reload, Korean, a resize, a full storage, the save exported
// and imported again, and the whole of level 1 played to its ending with the keyboard,
// with the session report downloaded from the debrief. Prints "N passed, N failed".
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeCards, launchChromium, startLevel1 } from './common.mjs';
import { probeGlyphs } from './probe.mjs';
import { PNG } from 'pngjs';
import { execFileSync } from 'node:child_process';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../target/web');
const shots = process.env.WEB_SHOTS || path.join(root, '..', 'web-shots');
fs.mkdirSync(shots, { recursive: true });
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.ron': 'text/plain', '.ttf': 'font/ttf', '.ogg': 'audio/ogg' };
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const file = path.join(root, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname));
  if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404); res.end(); return;
  }
  res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Content-Length': fs.statSync(file).size });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

let passed = 0, failed = 0;
const check = (ok, what) => { if (ok) { passed++; console.log('ok   ' + what); } else { failed++; console.log('FAIL ' + what); } };

const browser = await launchChromium();
const errors = [];
const requests = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('Using exceptions for control flow')) errors.push(m.text()); });
  page.on('pageerror', (e) => { if (!String(e).includes('Using exceptions for control flow')) errors.push(String(e)); });
  page.on('request', (r) => requests.push(r.url()));
  const t0 = Date.now();
  await page.goto(base);
  await page.waitForSelector('body[data-ready]', { timeout: 180000 });
  console.log(`ready after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const screen = () => page.evaluate(() => document.body.dataset.screen);
  check(await screen() === 'Title', 'the title screen shows first');
  const sound = () => page.evaluate(() => document.body.dataset.sound);
  check(await sound() === 'off', `no sound before the first key (${await sound()})`);

  const shot = async (name, p = page) => {
    await p.waitForTimeout(800);
    const buf = await p.screenshot({ path: path.join(shots, name + '.png') });
    const png = PNG.sync.read(buf);
    let sum = 0, sq = 0; const n = png.width * png.height;
    for (let i = 0; i < png.data.length; i += 4) { const g = (png.data[i] + png.data[i + 1] + png.data[i + 2]) / 3; sum += g; sq += g * g; }
    const sd = Math.sqrt(sq / n - (sum / n) ** 2);
    check(sd > 4, `${name}: the canvas shows something (grey spread ${sd.toFixed(1)})`);
  };
  await shot('01-title');

  await startLevel1(page);
  // The first morning's fact cards hold the keyboard until Space closes each: one Space,
  // then wait for the page to say whether another card is open (two keys in one slow frame
  // would close only one).
  await closeCards(page);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.body.dataset.screen === 'Street', null, { timeout: 20000 }).catch(() => {});
  await page.waitForTimeout(300);
  check(await screen() === 'Street', 'the keyboard leads to the street map');
  // Sound began with the first key: the page fetched the sounds and plays the ambience of
  // where she stands (she starts at home), at the settings' volume.
  await page.waitForFunction(() => /^running (home|street|market|port) /.test(document.body.dataset.sound || ''), null, { timeout: 10000 }).catch(() => {});
  const heard = await sound();
  check(/^running (home|street|market|port) 0\.\d+$/.test(heard) && Number(heard.split(' ')[2]) > 0, `after the first key the place is heard ("${heard}")`);
  check(requests.some((u) => u.endsWith('/sounds/home.ogg')), 'the sounds come from the bundle');
  await shot('02-street');
  // Idle on the street map: nothing changes, so the page's data-* attributes are not
  // rewritten (the game writes them only when a value changes).
  const mutations = await page.evaluate(() => new Promise((done) => {
    let n = 0;
    const o = new MutationObserver((list) => { n += list.length; });
    o.observe(document.body, { attributes: true });
    setTimeout(() => { o.disconnect(); done(n); }, 2000);
  }));
  check(mutations === 0, `idle on the street map for 2 s, the page's attributes changed ${mutations} times`);

  // The phone: F2 opens Messages; then a mouse click walks to a neighbouring place.
  await page.keyboard.press('F2');
  await shot('03-phone');
  // The walk is shown along the road (0.9 s) before the rules move her.
  const acts = () => page.evaluate(() => document.body.dataset.actions);
  const before = await acts();
  await page.keyboard.press('2');
  await page.waitForTimeout(300);
  const during = await acts();
  await page.waitForFunction((a) => document.body.dataset.actions !== a, before, { timeout: 8000 }).catch(() => {});
  const arrived = await acts();
  check(during === before && arrived !== before, `she walks before she arrives (actions ${before}, ${during} after 0.3 s, then ${arrived})`);
  check(await screen() === 'Street' || await screen() === 'Inspection', 'walking keeps the game running');
  check(errors.length === 0, 'no errors in the console' + (errors.length ? ': ' + errors.join(' | ') : ''));
  check(requests.every((u) => u.startsWith(base) || u.startsWith('data:') || u.startsWith('blob:')), 'nothing is requested from another origin');
  const keys = await page.evaluate(() => Object.keys(localStorage));
  check(keys.length > 0 && keys.every((k) => k.startsWith('haeju-trader.')), `localStorage holds only the game's keys (${keys.join(', ')})`);

  // A reload loses nothing (issue 30): Continue brings her back where she was, mid-day, with
  // every action she took; F9 switches to Korean.
  const wasAt = await screen();
  const done = await acts();
  await page.reload();
  await page.waitForSelector('body[data-ready]', { timeout: 180000 });
  await page.waitForSelector('#loading', { state: 'detached', timeout: 10000 });
  await page.mouse.click(640, 600);
  await page.waitForTimeout(500);
  await page.keyboard.press('c');
  await page.waitForFunction((w) => document.body.dataset.screen === w, wasAt, { timeout: 20000 }).catch(() => {});
  const back = [await screen(), await acts()];
  check(back[0] === wasAt && back[1] === done, `Continue after a reload brings her back where she was (${wasAt}, ${done} actions → ${back.join(', ')} actions)`);
  await page.keyboard.press('F9');
  await shot('04-korean');
  // Settings stay: the language is kept in localStorage and said in <html lang>.
  await page.waitForTimeout(300);
  const keptKo = await page.evaluate(() => [document.documentElement.lang, localStorage.getItem('haeju-trader.settings') || '']);
  check(keptKo[0] === 'ko' && /lang: Ko/.test(keptKo[1]), `Korean is kept for the next game (<html lang="${keptKo[0]}">, ${keptKo[1].length} bytes kept)`);

  // The canvas follows the window.
  await page.setViewportSize({ width: 1000, height: 600 });
  await page.waitForTimeout(800);
  const size = await page.evaluate(() => [document.getElementById('bevy').clientWidth, document.getElementById('bevy').clientHeight]);
  check(size[0] === 1000 && size[1] === 600, `the canvas follows a resize (${size.join('x')})`);
  await shot('05-resized');
  check(errors.length === 0, 'still no errors in the console' + (errors.length ? ': ' + errors.join(' | ') : ''));

  // A full storage: the game says so and plays on.
  const full = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const fullErrors = [];
  full.on('pageerror', (e) => { if (!String(e).includes('Using exceptions for control flow')) fullErrors.push(String(e)); });
  await full.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await full.goto(base);
  await full.waitForSelector('body[data-ready]', { timeout: 180000 });
  await startLevel1(full);
  const msg = await full.evaluate(() => document.body.dataset.message || '');
  check(/storage is full or blocked/.test(msg), `a full storage gives a message ("${msg}")`);
  // Past the fact cards, out into the street.
  await closeCards(full);
  await full.keyboard.press('Enter');
  await full.waitForFunction(() => document.body.dataset.screen === 'Street', null, { timeout: 20000 }).catch(() => {});
  const where = await full.evaluate(() => document.body.dataset.screen);
  check(where === 'Street' && fullErrors.length === 0, `and the game plays on (screen ${where}${fullErrors.length ? ', ' + fullErrors.join(' | ') : ''})`);
  await full.close();

  // Damaged settings: the game starts with its defaults and says so.
  const damaged = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await damaged.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('haeju-trader.settings', '(lang: Ko, scale: ');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await damaged.goto(base);
  await damaged.waitForSelector('body[data-ready]', { timeout: 180000 });
  const dm = await damaged.evaluate(() => [document.body.dataset.screen, document.body.dataset.message || '', document.documentElement.lang]);
  check(dm[0] === 'Title' && /settings could not be used/.test(dm[1]) && dm[2] === 'en', `damaged settings give the defaults and a message (${dm.join(' | ')})`);
  await damaged.close();

  // Nothing kept, a Korean browser: the game opens in Korean (navigator.languages).
  const koContext = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 720 } });
  const koPage = await koContext.newPage();
  await koPage.goto(base);
  await koPage.waitForSelector('body[data-ready]', { timeout: 180000 });
  const koLang = await koPage.evaluate(() => [document.documentElement.lang, navigator.languages.join(',')]);
  check(koLang[0] === 'ko', `a Korean browser with nothing kept opens in Korean (<html lang="${koLang[0]}">, navigator.languages ${koLang[1]})`);
  await koContext.close();

  // The save leaves as a file and comes back: export it from the title screen, clear the
  // storage, import the file through the page's file chooser, and Continue.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.keyboard.press('Escape');
  await page.reload();
  await page.waitForSelector('body[data-ready]', { timeout: 180000 });
  await page.waitForSelector('#loading', { state: 'detached', timeout: 10000 });
  const langAfter = await page.evaluate(() => document.documentElement.lang);
  check(langAfter === 'ko', `the kept language comes back after a reload (<html lang="${langAfter}">)`);
  await page.mouse.click(640, 600);
  await page.waitForTimeout(500);
  const saveDownload = page.waitForEvent('download', { timeout: 20000 });
  await page.keyboard.press('e');
  const saved = await saveDownload.then((d) => d.path().then((p) => ({ name: d.suggestedFilename(), text: fs.readFileSync(p, 'utf8') }))).catch(() => null);
  check(saved && /version: \d+/.test(saved.text) && /level: "01/.test(saved.text) && saved.text.includes('actions:'), `the save downloads as a file (${saved ? saved.name : 'none'})`);
  if (saved) {
    const file = path.join(shots, saved.name);
    fs.writeFileSync(file, saved.text);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForSelector('body[data-ready]', { timeout: 180000 });
    await page.waitForSelector('#loading', { state: 'detached', timeout: 10000 });
    // (A click on an empty corner gives the canvas the keyboard without pressing a button.)
    let fc = null;
    page.on('filechooser', (c) => { fc = fc || c; });
    await page.mouse.click(1270, 710);
    await page.waitForTimeout(500);
    await page.keyboard.press('i');
    for (let i = 0; i < 40 && !fc; i++) await page.waitForTimeout(250);
    if (fc) await fc.setFiles(file);
    // The page stores the file as the save; then the canvas gets the keyboard back.
    const stored = await page.waitForFunction(() => !!localStorage.getItem('haeju-trader.save'), null, { timeout: 10000 }).then(() => true).catch(() => false);
    await page.mouse.click(1270, 710);
    await page.waitForTimeout(500);
    await page.keyboard.press('c');
    await page.waitForFunction((w) => document.body.dataset.screen === w, wasAt, { timeout: 20000 }).catch(() => {});
    const after = await screen();
    check(fc && stored && after === wasAt, `an imported save continues where it was saved (chooser ${!!fc}, stored ${stored}, screen ${after})`);
  }

  // A screen reader's first day: only the page's accessibility tree (Playwright's role
  // queries on the page's copy of the screen), never the canvas, a pixel or a game key.
  // Presses are what a screen reader's "activate" sends (a click event on the element),
  // and once Enter on a focused button.
  const sr = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const srErrors = [];
  sr.on('pageerror', (e) => { if (!String(e).includes('Using exceptions for control flow')) srErrors.push(String(e)); });
  await sr.goto(base);
  await sr.waitForSelector('body[data-ready]', { timeout: 180000 });
  await sr.waitForSelector('#loading', { state: 'detached', timeout: 10000 });
  const trail = [];
  const find = (role, name) => sr.getByRole(role, { name }).first();
  const see = async (role, name) => {
    const ok = await find(role, name).waitFor({ state: 'attached', timeout: 20000 }).then(() => true).catch(() => false);
    trail.push(`${ok ? 'saw' : 'MISSING'} ${role} ${name}`);
    return ok;
  };
  // The fact cards and the first-morning guide, pressed away whenever they show.
  const clearCards = async () => {
    for (let i = 0; i < 6; i++) {
      const c = sr.getByRole('button', { name: /Understood|\] Got it$/ });
      if (await c.count() === 0) return;
      await c.first().dispatchEvent('click');
      await sr.waitForTimeout(500);
    }
  };
  const activate = async (name) => {
    await clearCards();
    if (!(await see('button', name))) return false;
    const label = await find('button', name).textContent();
    await find('button', name).dispatchEvent('click');
    trail.push(`pressed ${label}`);
    await sr.waitForTimeout(400);
    return label;
  };
  const roleNames = (role) => sr.getByRole(role).allTextContents();
  let srOk = true;
  for (const [name, then] of [
    [/New game/, /Choose a level/], [/^\[1\] /, /Before you play/], [/\[Enter\] Continue/, /^Briefing/],
    [/Begin the first day/, /Morning at home/], [/Go out/, /^In the streets/],
    [/^\[2\] /, /^In the streets: /], [/Trade here/, /^Trade/],
  ]) {
    srOk = srOk && !!(await activate(name)) && (await see('heading', then));
  }
  check(srOk && (await find('img', /Picture: where she stands/).count()) === 1, `a screen reader reaches the market by name, its picture described (${trail.slice(-2).join('; ')})`);
  const money = () => sr.evaluate(() => ([...document.querySelectorAll('#access-items p')].find((p) => p.textContent.startsWith('₩')) || { textContent: '' }).textContent);
  const paid = await money();
  const bought = await activate(/^\[1\] Buy /);
  await sr.waitForFunction((b) => [...document.querySelectorAll('#access-items p')].some((p) => p.textContent.startsWith('₩') && p.textContent !== b), before, { timeout: 10000 }).catch(() => {});
  const after = await money();
  check(bought && after !== before, `the buy button named for its good buys (${bought}: ${before} → ${after})`);
  await activate(/Back to the map/);
  await activate(/Messages/);
  const risky = await activate(/^⚠/);
  await activate(/\[Delete\] Delete/);
  await sr.waitForTimeout(800);
  const left = await roleNames('button');
  check(risky && !left.includes(risky), `a risky message deleted by name is gone (${risky})`);
  await activate(/end the day/);
  const evening = await see('heading', /Evening ledger/);
  const news = await sr.locator('#access-said').textContent();
  check(evening && /\[Sound\] The phone chimes: a message arrived/.test(news), `the evening, and the message that arrived announced in the live region ("${news.slice(0, 80)}")`);
  // By keyboard on the page's own button: Enter on "Sleep"; the next screen's heading takes
  // the focus the pressed button had.
  await clearCards();
  await find('button', /Sleep/).focus();
  await sr.keyboard.press('Enter');
  const morning = await see('heading', /Morning at home/);
  await sr.waitForTimeout(500);
  const focused = await sr.evaluate(() => [document.activeElement.tagName, document.activeElement.textContent]);
  check(morning && /^H[12]$/.test(focused[0]), `Enter on the page's Sleep button sleeps; the focus moves to the new screen (${focused.join(' ')})`);
  // The player's own keys: in Settings [K], Enter moves to Home (pressed through the page's
  // button, the key on the canvas); J is refused, as a key the game uses; then Home goes on.
  const message = () => sr.evaluate(() => document.body.dataset.message || '');
  await sr.locator('#bevy').focus();
  await sr.keyboard.press('F8');
  await sr.waitForTimeout(800);
  await sr.keyboard.press('k');
  const change = async (what, key) => {
    await see('button', what);
    await find('button', what).dispatchEvent('click');
    await sr.waitForTimeout(600);
    await sr.locator('#bevy').focus();
    await sr.keyboard.press(key);
    await sr.waitForFunction(() => document.body.dataset.message, null, { timeout: 5000 }).catch(() => {});
    await sr.waitForTimeout(400);
    return message();
  };
  const moved = await change(/Change: Go on, confirm/, 'Home');
  const refused = await change(/Change: Back, leave/, 'j');
  await sr.keyboard.press('Escape');
  await sr.waitForTimeout(800);
  const kept = await sr.evaluate(() => localStorage.getItem('haeju-trader.settings') || '');
  const goOut = await see('button', /^\[Home\] Go out/);
  await sr.keyboard.press('Home');
  await sr.waitForFunction(() => document.body.dataset.screen === 'Street', null, { timeout: 15000 }).catch(() => {});
  const whereNow = await sr.evaluate(() => document.body.dataset.screen);
  check(/\[Home\] now: Go on/.test(moved) && /\[J\] already does something else/.test(refused) && /"Enter", *"Home"/.test(kept) && goOut && whereNow === 'Street',
    `keys change in Settings: Enter → Home ("${moved}"), J refused ("${refused.slice(0, 40)}…"), kept, the buttons say [Home], and Home goes on (${whereNow})`);
  check(srErrors.length === 0, 'no errors during the screen reader\'s day' + (srErrors.length ? ': ' + srErrors.join(' | ') : ''));
  if (!srOk || failed) console.log('screen reader trail: ' + trail.join(' | '));
  await sr.close();

  // The whole of level 1, by keyboard, as a player in a hurry would play it: out into the
  // street each morning, home at once, the phone handed over when stopped.
  const play = await browser.newPage({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  const playErrors = [];
  play.on('pageerror', (e) => { if (!String(e).includes('Using exceptions for control flow')) playErrors.push(String(e)); });
  play.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('Using exceptions for control flow')) playErrors.push(m.text()); });
  await play.goto(base);
  await play.waitForSelector('body[data-ready]', { timeout: 180000 });
  await play.waitForSelector('#loading', { state: 'detached', timeout: 10000 });
  await play.mouse.click(640, 600);
  await play.waitForTimeout(500);
  const state = () => play.evaluate(() => { const d = document.body.dataset; return { screen: d.screen, day: d.day, actions: d.actions, card: d.card, ending: d.ending }; });
  const sig = (s) => [s.screen, s.day, s.actions, s.card].join('|');
  // Presses a key and waits until the game shows something else (or gives up quietly).
  const press = async (key, wait = 15000) => {
    const before = sig(await state());
    await play.keyboard.press(key);
    await play.waitForFunction((b) => { const d = document.body.dataset; return [d.screen, d.day, d.actions, d.card].join('|') !== b; }, before, { timeout: wait }).catch(() => {});
    await play.waitForTimeout(150);
    return sig(await state()) !== before;
  };
  // The facilitator's class code, typed in Settings with the keyboard: the game must start
  // from the same seed as every other machine (FNV-1a of the code, computed here too).
  await press('s');
  await play.keyboard.press('5');
  // The field takes the keyboard a frame later (software-rendered frames are slow).
  // (4 s: on a slow software-rendered machine a frame can take over a second.)
  await play.waitForTimeout(4000);
  await play.keyboard.type('maple7', { delay: 300 });
  await play.waitForTimeout(300);
  for (let i = 0; i < 3 && (await state()).screen === 'Settings'; i++) {
    await play.keyboard.press('Escape');
    await play.waitForTimeout(500);
  }
  await press('n'); await press('1');
  // A student picks the full intensity on the notice: for this game only.
  await play.keyboard.press('2');
  await play.waitForTimeout(1500);
  await press('Enter');
  // The check before the first day (a class code is set): every question answered the same
  // way, a number then Enter. Twenty questions (six facts of one form, four views, ten
  // ratings of her phone), then the briefing.
  const answerCheck = async (key) => {
    for (let i = 0; i < 24 && (await state()).screen === 'Check'; i++) {
      await play.keyboard.press(key);
      await play.waitForTimeout(600);
      if ((await state()).screen !== 'Check') break;
      await play.keyboard.press('Enter');
      await play.waitForTimeout(600);
    }
    return (await state()).screen;
  };
  const checkScreen = (await state()).screen;
  const afterCheck = await answerCheck('2');
  check(checkScreen === 'Check' && afterCheck === 'Briefing', `with a class code the check comes before the first day (${checkScreen} → ${afterCheck})`);
  const keptIntensity = await play.evaluate(() => [localStorage.getItem('haeju-trader.settings') || '', localStorage.getItem('haeju-trader.save') || '']);
  check(!/full_intensity: true/.test(keptIntensity[0]) && /full_intensity: true/.test(keptIntensity[1]),
    `the notice's intensity is the game's, not the next student's (settings ${/full_intensity: true/.test(keptIntensity[0]) ? 'full' : 'gentle'}, save ${/full_intensity: true/.test(keptIntensity[1]) ? 'full' : 'gentle'})`);
  let fnv = 0xcbf29ce484222325n;
  for (const b of Buffer.from('MAPLE7')) fnv = ((fnv ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  const seed = await play.evaluate(() => document.body.dataset.seed);
  check(seed === fnv.toString(), `the class code MAPLE7 gives the same seed as on desktop (${seed} = ${fnv})`);
  const days = new Set();
  let stops = 0, steps = 0, stuck = 0;
  for (; steps < 400; steps++) {
    const s = await state();
    if (s.day) days.add(s.day);
    if (s.screen === 'Ending' || s.screen === 'Debrief') break;
    let moved;
    if (s.card === '1') moved = await press(' ');
    else if (s.screen === 'Briefing' || s.screen === 'Morning' || s.screen === 'Evening') moved = await press('Enter');
    else if (s.screen === 'Street') moved = await press('e');
    else if (s.screen === 'Place') moved = await press('Escape');
    else if (s.screen === 'Inspection') {
      if (steps === 0 || !(await press('h', 4000))) moved = await press('Enter');
      else { moved = true; stops++; }
    } else moved = await press('Enter');
    stuck = moved ? 0 : stuck + 1;
    if (stuck > 3) break;
  }
  const end = await state();
  console.log(`played to day ${Math.max(...[...days].map(Number))} in ${steps} steps, ${stops} hand-overs, ending ${end.ending || 'none'} on screen ${end.screen}`);
  check(end.screen === 'Ending' && end.ending, `level 1 plays to an ending (${end.ending || 'none'})`);
  await shot('06-ending', play);
  await play.keyboard.press('Enter');
  await play.waitForFunction(() => document.body.dataset.screen === 'Debrief', null, { timeout: 20000 }).catch(() => {});
  check((await state()).screen === 'Debrief', 'the ending leads to the debrief');
  // The same check after the debrief ([A]), answered with another key; back to the debrief.
  await press('a');
  const againScreen = (await state()).screen;
  const backTo = await answerCheck('3');
  check(againScreen === 'Check' && backTo === 'Debrief', `the debrief offers the check again (${againScreen} → ${backTo})`);
  // The session report: two downloads, Markdown and JSON, holding this game.
  const files = [];
  play.on('download', async (d) => { files.push(d); });
  await play.keyboard.press('x');
  await play.waitForTimeout(3000);
  const got = {};
  for (const d of files) got[d.suggestedFilename()] = fs.readFileSync(await d.path(), 'utf8');
  const names = Object.keys(got);
  const json = names.find((n) => n.endsWith('.json'));
  const md = names.find((n) => n.endsWith('.md'));
  let report = null;
  try { report = JSON.parse(got[json]); } catch (e) { /* checked below */ }
  check(report && report.level.startsWith('01') && report.ending === end.ending && report.days.length > 0,
    `the session report downloads as JSON (${json || 'none'}: ending ${report && report.ending}, ${report && report.choices.length} choices)`);
  // The check's answers are in the report: key 2 before, key 3 after.
  const rows = Object.fromEntries(((report && report.check) || []).map((r) => [r.id, r]));
  // The fact questions were of two forms, A then B or B then A (the game's identity chose):
  // key 2 is wrong on the screenshot card in both forms, key 3 right only in form B; on
  // the laws' card key 3 is right in both.
  const q1 = rows['fact:screenshots'] || {}, q2 = rows['fact:south-style-law'] || {}, view = rows['view:choices'] || {};
  const ab = q1.forms === 'A→B';
  check((ab || q1.forms === 'B→A') && q2.forms === q1.forms
    && q1.before === 1 && q1.before_right === false && q1.after === 2 && q1.after_right === ab
    && q2.before_right === false && q2.after_right === true && view.before === 2 && view.after === 3,
    `the report holds the check before and after, each card on two forms (${q1.forms}: ${JSON.stringify([q1.before, q1.after, q1.after_right, q2.before, q2.after, view.before, view.after])})`);
  check(md && got[md].startsWith('# Session report') && got[md].includes(report ? report.ending_title : '\u0000'), `and as Markdown (${md || 'none'})`);
  const msg2 = await play.evaluate(() => document.body.dataset.message || '');
  check(/Report saved/.test(msg2), `the debrief says where the report went ("${msg2}")`);
  check(report && /^[a-z2-9]{10}$/.test(report.session) && json.includes(report.session),
    `the report carries the game's own identity, in its name too (${report && report.session}, ${json})`);
  // A habitual Enter after the export does not leave the debrief (nor does a finished game
  // ever open a day past its last).
  await play.keyboard.press('Enter');
  await play.waitForTimeout(1500);
  check((await state()).screen === 'Debrief', `Enter in the debrief stays there (${(await state()).screen})`);
  await play.waitForTimeout(300);
  await shot('07-debrief', play);
  check(playErrors.length === 0, 'no errors in the console during the whole game' + (playErrors.length ? ': ' + playErrors.join(' | ') : ''));
  await play.close();

  {
  // The class session as a facilitator runs it: five students' sessions under one class
  // code (the native game plays them by the simulator's styles), the report this browser
  // game just downloaded, three students' before/after answers with known results, and a
  // broken file, all chosen at once in the page's file chooser for the class view.
  const classDir = path.join(shots, 'class');
  fs.rmSync(classDir, { recursive: true, force: true });
  fs.mkdirSync(classDir, { recursive: true });
  const bin = process.env.HAEJU_BIN;
  // (OAK3: a class whose days bring bribes, so that the chart has something to count.)
  execFileSync(bin, ['sample-class', '--code', 'OAK3', '--days', '7', '--out', classDir]);
  // This game's report, and the same file again as a browser names a second download of it:
  // one game, one student.
  if (json) fs.writeFileSync(path.join(classDir, json), got[json]);
  const twice = json ? json.replace(/\.json$/, ' (1).json') : null;
  if (json) fs.writeFileSync(path.join(classDir, twice), got[json]);
  const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../tests/fixtures/check');
  for (const f of fs.readdirSync(fixtures)) fs.copyFileSync(path.join(fixtures, f), path.join(classDir, f));
  fs.writeFileSync(path.join(classDir, 'notes-from-lunch.json'), '{ "not": "a report" }');
  const chosen = fs.readdirSync(classDir).filter((f) => /\.(json|ron)$/.test(f) && !/^student-\d-.*\.ron$/.test(f)).map((f) => path.join(classDir, f));
  const reports = chosen.filter((f) => f.endsWith('.json') && !f.includes('notes-from-lunch') && !(twice && f.endsWith(twice))).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
  const n = reports.length + 3;
  const cv = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const cvErrors = [];
  cv.on('pageerror', (e) => { if (!String(e).includes('Using exceptions for control flow')) cvErrors.push(String(e)); });
  await cv.goto(base);
  await cv.waitForSelector('body[data-ready]', { timeout: 180000 });
  await cv.waitForSelector('#loading', { state: 'detached', timeout: 10000 });
  await cv.mouse.click(1270, 710);
  await cv.waitForTimeout(500);
  await cv.keyboard.press('v');
  await cv.waitForFunction(() => document.body.dataset.screen === 'Class', null, { timeout: 20000 }).catch(() => {});
  const onClass = await cv.evaluate(() => document.body.dataset.screen);
  // [O] opens the page's file chooser (once the class view has drawn its button: on a slow
  // software-rendered frame the first press may come before it).
  let chooser = null;
  cv.on('filechooser', (c) => { chooser = chooser || c; });
  for (let k = 0; k < 3 && !chooser; k++) {
    await cv.waitForTimeout(1000);
    await cv.keyboard.press('o');
    for (let i = 0; i < 20 && !chooser; i++) await cv.waitForTimeout(250);
  }
  if (chooser) await chooser.setFiles(chosen);
  const texts = () => cv.evaluate(() => [...document.querySelectorAll('#access-items p')].map((p) => p.textContent));
  const loaded = `${n} reports loaded · ${twice ? 2 : 1} files not used`.replace(' 1 files ', ' 1 file ');
  await cv.waitForFunction((l) => [...document.querySelectorAll('#access-items p')].some((p) => p.textContent === l), loaded, { timeout: 20000 }).catch(() => {});
  const seen = await texts();
  check(chooser && seen.includes(loaded), `the class view loads ${chosen.length} files from the page's file chooser (screen ${onClass}, chooser ${!!chooser}: "${seen.find((t) => t.includes('loaded')) || 'nothing'}")`);
  // The endings as the reports have them (the three fixtures are games not yet played).
  const endings = {};
  for (const r of reports) endings[r.ending_title] = (endings[r.ending_title] || 0) + 1;
  endings['Not finished'] = (endings['Not finished'] || 0) + 3;
  const wrongEnding = Object.entries(endings).filter(([title, k]) => seen[seen.indexOf(title) + 1] !== `${k} student${k === 1 ? '' : 's'}`);
  check(wrongEnding.length === 0, `the endings chart counts as the reports do (${JSON.stringify(endings)})`);
  const paid = reports.filter((r) => r.totals.bribes_paid_won > 0).length;
  const total = reports.reduce((a, r) => a + r.totals.bribes_paid_won, 0);
  const bribeLine = seen.find((t) => t.startsWith('Paid a bribe')) || '';
  check(paid > 0 && bribeLine.startsWith(`Paid a bribe: ${paid} of ${n} · Total: ₩${total.toLocaleString('en-US')}`), `bribes as the reports say ("${bribeLine}")`);
  const deleted = reports.reduce((a, r) => a + r.totals.deleted_by_her, 0);
  const memories = reports.reduce((a, r) => a + r.totals.memories_deleted, 0);
  check(seen.includes(`Items she deleted: ${deleted}`) && seen.includes(`Family photos and videos deleted: ${memories}`), `what the phones lost: ${deleted} items, ${memories} memories`);
  // The family's evenings, one count per game (the three fixtures played no evening).
  const fed = reports.filter((r) => r.totals.evenings_fed > 0 && r.totals.evenings_meagre === 0 && r.totals.hungry_days === 0).length;
  const meagre = reports.filter((r) => r.totals.evenings_meagre > 0 && r.totals.hungry_days === 0).length;
  const hungry = reports.filter((r) => r.totals.hungry_days > 0).length;
  const students = (k) => `${k} student${k === 1 ? '' : 's'}`;
  const row = (label) => seen[seen.indexOf(label) + 1];
  check(row('Fed every evening') === students(fed) && row('Meagre evenings, never hungry') === students(meagre) && row('At least one hungry evening') === students(hungry),
    `the family's evenings: ${fed} fed every evening, ${meagre} meagre, ${hungry} hungry (${row('Fed every evening')} · ${row('Meagre evenings, never hungry')} · ${row('At least one hungry evening')})`);
  const change = (q) => { const i = seen.findIndex((t) => t.includes(q)); return i < 0 ? [] : [seen[i + 3], seen[i + 5]]; };
  // The three fixtures' answers and this browser game's (key 2 before: none of these three
  // cards right, views 2; key 3 after: the laws' card right, the screenshots' in form B,
  // views 3), worked out by hand.
  const expected = [['A screenshot every five minutes', '1 / 4', `${ab ? 4 : 3} / 4`], ['"Oppa" becomes', '1 / 4', '2 / 4'], ['South Korean words under the law', '0 / 3', '2 / 3'], ['matter for their families', '2.8', '4.0'], ['ordinary working day', '1.5', '3.0'], ['pays a bribe', '3.7', '2.7']];
  const wrongChange = expected.filter(([q, b, a]) => { const [gb, ga] = change(q); return gb !== b || ga !== a; });
  check(wrongChange.length === 0, `before and after from the known answers (${wrongChange.map(([q]) => q + ': ' + change(q).join(' → ')).join('; ') || 'all as worked out by hand'})`);
  check(seen.some((t) => t.startsWith('notes-from-lunch.json: not a report')), 'the broken file is named and skipped');
  // Projector mode: one chart a page, stepped with the arrow keys.
  await cv.mouse.click(1270, 710);
  await cv.keyboard.press('p');
  await cv.waitForTimeout(500);
  await cv.keyboard.press('ArrowRight');
  await cv.waitForTimeout(500);
  const proj = await texts();
  const heads = await cv.evaluate(() => [...document.querySelectorAll('#access-items h2')].map((h) => h.textContent));
  const pageLine = proj.find((t) => t.includes('Page ')) || '';
  check(/Page 2 of \d+$/.test(pageLine) && heads.join('|') === 'Bribes paid', `projector mode steps one chart at a time ("${pageLine}", ${heads.join(' | ')})`);
  await shot('08-class-projector', cv);
  check(cvErrors.length === 0, 'no errors in the class view' + (cvErrors.length ? ': ' + cvErrors.join(' | ') : ''));
  await cv.close();
  }

  // Korean typed through an input method (issue 30): in Korean, the first morning's phone,
  // Contacts (F1), Sun-ok's contact (pressed as a screen reader would), [N] rename (the old
  // name opens selected), replaced by an IME composition (ㄷ → 도 → 동 → 동ㅁ → 동무, then
  // committed) as Chromium's DevTools protocol drives a real input method; Enter.
  {
    const im = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const imErrors = [];
    im.on('pageerror', (e) => { if (!String(e).includes('Using exceptions for control flow')) imErrors.push(String(e)); });
    await im.goto(base);
    await im.waitForSelector('body[data-ready]', { timeout: 180000 });
    await startLevel1(im);
    await closeCards(im);
    await im.keyboard.press('F9');
    await im.waitForFunction(() => document.documentElement.lang === 'ko', null, { timeout: 10000 }).catch(() => {});
    await im.keyboard.press('F1');
    await im.waitForTimeout(500);
    await im.getByRole('button', { name: /순옥/ }).first().dispatchEvent('click').catch(() => {});
    await im.waitForTimeout(500);
    await im.keyboard.press('n');
    const editing = await im.waitForFunction(() => document.body.dataset.ime === 'on', null, { timeout: 10000 }).then(() => true).catch(() => false);
    const focused = await im.evaluate(() => document.activeElement && document.activeElement.id);
    check(editing && focused === 'ime', `the rename field hands the keyboard to the page's input-method box (data-ime ${editing}, focus on #${focused})`);
    const cdp = await im.context().newCDPSession(im);
    for (const t of ['ㄷ', '도', '동', '동ㅁ', '동무']) {
      await cdp.send('Input.imeSetComposition', { text: t, selectionStart: t.length, selectionEnd: t.length });
      await im.waitForTimeout(150);
    }
    await im.waitForTimeout(400);
    await shot('10-ime-composing', im);
    await cdp.send('Input.insertText', { text: '동무' });
    await im.waitForTimeout(400);
    // Ctrl+A selects what is typed (issue 31: it typed "a"); the next words replace it all.
    await im.keyboard.press('Control+A');
    await im.waitForTimeout(300);
    await cdp.send('Input.insertText', { text: '장사 동무' });
    await im.waitForTimeout(400);
    await im.keyboard.press('Enter');
    await im.waitForFunction(() => document.body.dataset.ime !== 'on', null, { timeout: 10000 }).catch(() => {});
    await im.waitForTimeout(600);
    await shot('11-ime-renamed', im);
    const names = await im.evaluate(() => [...document.querySelectorAll('#access-items button, #access-items p')].map((e) => e.textContent));
    const renamed = names.filter((t) => t.includes('동무'));
    console.log(`after the rename: ${renamed.join(' | ') || names.slice(0, 12).join(' | ')}`);
    check(renamed.length > 0 && !names.some((t) => /순옥 ♥/.test(t)), `Korean typed through the input method renames the contact ("${renamed[0] || ''}")`);
    check(renamed.some((t) => /장사 동무/.test(t)) && !renamed.some((t) => /동무\s*a|동무장사|a장사/i.test(t)), `Ctrl+A in the field selects its text: the new name replaces it all ("${renamed[0] || ''}")`);
    check(await im.evaluate(() => document.activeElement && document.activeElement.id) === 'bevy', 'after the rename the keyboard is the game\'s again');
    check(imErrors.length === 0, 'no errors while typing Korean' + (imErrors.length ? ': ' + imErrors.join(' | ') : ''));
    await im.close();
  }

  // A screen reader never hears half a sentence (issue 31, point 20): while the first
  // morning's words still appear on screen, the page's copy already holds each text whole.
  {
    const hp = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await hp.goto(base);
    await hp.waitForSelector('body[data-ready]', { timeout: 180000 });
    await startLevel1(hp);
    const copy = () => hp.evaluate(() => [...document.querySelectorAll('#access-items p')].map((p) => p.textContent));
    const early = await copy();
    await hp.waitForTimeout(4000);
    const late = await copy();
    const halves = early.filter((t) => t.length > 0 && !late.includes(t) && late.some((l) => l.startsWith(t) && l.length > t.length));
    check(early.length > 0 && halves.length === 0, `the screen-reader copy holds whole texts while they appear (${early.length} texts; cut: ${halves.map((t) => JSON.stringify(t.slice(-30))).join(', ') || 'none'})`);
    await hp.close();
  }

  // Hangul drawn evenly: the same line before and after the font atlas grows (issue 30).
  await probeGlyphs(browser, base, check, shots);

  // The handouts print on one page each (A4), from the bundle.
  const hp = await browser.newPage();
  for (const h of ['student-en', 'student-ko', 'facilitator-en', 'facilitator-ko']) {
    const resp = await hp.goto(base + `handouts/${h}.html`);
    const pdf = resp && resp.ok() ? await hp.pdf({ format: 'A4' }) : Buffer.alloc(0);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    check(pages === 1, `the ${h} handout prints on one page (${pages})`);
  }
  await hp.close();
} catch (e) {
  check(false, 'the page ran: ' + e);
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
