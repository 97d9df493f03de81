// Loads the game with a progress bar, then hands the page to it. The game marks
// <body data-ready> on its first frame and <body data-screen="..."> on each screen.
import init from './haeju-trader.js';

const loading = document.getElementById('loading');
const bar = document.getElementById('bar');
const label = document.getElementById('label');

function progress(fraction, text) {
  const pct = Math.round(100 * Math.min(1, fraction));
  bar.style.width = pct + '%';
  loading.setAttribute('aria-valuenow', String(pct));
  if (text) label.textContent = text;
}

new MutationObserver(() => {
  if (document.body.dataset.ready) {
    loading.remove();
    document.getElementById('bevy').focus();
  }
}).observe(document.body, { attributes: true });

// Import a save: the game opens this chooser; the file becomes the save, which the game
// checks when it is continued (an unreadable one is kept aside with a message).
document.getElementById('import').addEventListener('change', async (ev) => {
  const file = ev.target.files[0];
  if (!file) return;
  try {
    localStorage.setItem('haeju-trader.save', await file.text());
  } catch (e) {
    alert('The browser could not store the save: ' + e);
  }
  ev.target.value = '';
  document.getElementById('bevy').focus();
});

async function fetchWithProgress(url) {
  const resp = await fetch(url);
  if (!resp.ok) throw new Error(`${url}: ${resp.status}`);
  const total = Number(resp.headers.get('Content-Length')) || 0;
  const reader = resp.body.getReader();
  const chunks = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    if (total) progress(0.9 * received / total);
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.length; }
  return bytes;
}

try {
  const bytes = await fetchWithProgress('./haeju-trader_bg.wasm');
  progress(0.95, 'Starting… 시작하는 중…');
  await init({ module_or_path: bytes });
} catch (e) {
  // winit's web event loop throws this on purpose to take over the main loop.
  if (!String(e).includes('Using exceptions for control flow')) {
    label.textContent = 'The game could not start: ' + e;
    throw e;
  }
}
