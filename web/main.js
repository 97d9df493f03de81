// Loads the game with a progress bar, then hands the page to it. The game marks
// <body data-ready> on its first frame and <body data-screen="..."> on each screen.
import init from './haeju-trader.js';

// The canvas's WebGL2 context is made here, before the game asks for it (the game then
// gets this one): opaque (the page need not blend it over what is behind it) and without
// the depth buffer the game never uses, which saves a software renderer work each frame.
document.getElementById('bevy').getContext('webgl2', {
  alpha: false, depth: false, stencil: false, antialias: false, premultipliedAlpha: true,
  preserveDrawingBuffer: false,
});

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

// The .wasm is compiled while it downloads (WebAssembly streaming compilation): the bytes
// pass through a counter for the progress bar on their way to the compiler. The response
// is re-typed as application/wasm, which streaming needs, whatever the host sends.
async function streamWithProgress(url) {
  const resp = await fetch(url);
  if (!resp.ok) throw new Error(`${url}: ${resp.status}`);
  // With Content-Encoding the length is of the compressed bytes: the bar then fills early.
  const total = Number(resp.headers.get('Content-Length')) || 0;
  let received = 0;
  const counted = resp.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      received += chunk.length;
      if (total) progress(0.9 * received / total);
      controller.enqueue(chunk);
    },
    flush() { progress(0.95, 'Starting… 시작하는 중…'); },
  }));
  return new Response(counted, { headers: { 'Content-Type': 'application/wasm' } });
}

try {
  await init({ module_or_path: streamWithProgress('./haeju-trader_bg.wasm') });
} catch (e) {
  // winit's web event loop throws this on purpose to take over the main loop.
  if (!String(e).includes('Using exceptions for control flow')) {
    label.textContent = 'The game could not start: ' + e;
    throw e;
  }
}
