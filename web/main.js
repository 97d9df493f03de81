// Loads the game with a progress bar, then hands the page to it. The game marks
// <body data-ready> on its first frame and <body data-screen="..."> on each screen.
import init, { access_request as accessRequest, class_file as classFile, ime_input as imeInput } from './haeju-trader.js';

// The canvas's WebGL2 context is made here, before the game asks for it (the game then
// gets this one): opaque (the page need not blend it over what is behind it) and without
// the depth buffer the game never uses, which saves a software renderer work each frame.
document.getElementById('bevy').getContext('webgl2', {
  alpha: false, depth: false, stencil: false, antialias: false, premultipliedAlpha: true,
  preserveDrawingBuffer: false,
});

// Sound (src/sound): the game calls window.haejuAudio to set the place's ambience, play a
// sound once, and set the volume. Browsers let a page make sound only after the player has
// pressed a key or clicked: the first one starts Web Audio and fetches the sounds (about
// 170 KB, from sounds/ beside this page); until then the calls are remembered, not played.
// <body data-sound> tells a test what is heard: "off", or the audio's state and the ambience.
window.haejuAudio = (() => {
  const names = ['street', 'market', 'port', 'home', 'message', 'screenshot', 'deleted', 'whistle'];
  const buffers = new Map();
  let ctx = null;
  let master = null;
  let want = null; // the ambience the game asked for
  let gain = 0; // the game sets it at once
  let bed = null; // { name, source, gain }: the ambience playing

  function tell() {
    document.body.dataset.sound = ctx ? `${ctx.state} ${bed ? bed.name : '-'} ${gain.toFixed(2)}` : 'off';
  }

  function start() {
    if (ctx) {
      if (ctx.state === 'suspended') ctx.resume().then(tell);
      return;
    }
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return;
    ctx = new Ctx();
    master = ctx.createGain();
    master.gain.value = gain;
    master.connect(ctx.destination);
    ctx.onstatechange = tell;
    for (const name of names) {
      fetch(`sounds/${name}.ogg`)
        .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(r.status))))
        .then((bytes) => ctx.decodeAudioData(bytes))
        .then((buf) => {
          buffers.set(name, buf);
          if (name === want) ambience(name);
        })
        .catch((e) => console.warn(`Sound ${name}: ${e}`));
    }
    tell();
  }
  addEventListener('keydown', start, { capture: true });
  addEventListener('pointerdown', start, { capture: true });

  function ambience(name) {
    want = name;
    if (!ctx || (bed && bed.name === name)) return;
    const t = ctx.currentTime;
    if (bed) {
      bed.gain.gain.setValueAtTime(bed.gain.gain.value, t);
      bed.gain.gain.linearRampToValueAtTime(0, t + 0.5);
      bed.source.stop(t + 0.55);
      bed = null;
    }
    if (name && buffers.has(name)) {
      const source = ctx.createBufferSource();
      source.buffer = buffers.get(name);
      source.loop = true;
      const g = ctx.createGain();
      g.gain.setValueAtTime(0, t);
      g.gain.linearRampToValueAtTime(1, t + 0.5);
      source.connect(g).connect(master);
      source.start(t);
      bed = { name, source, gain: g };
    }
    tell();
  }

  function play(name) {
    if (!ctx || !buffers.has(name) || gain === 0) return;
    const source = ctx.createBufferSource();
    source.buffer = buffers.get(name);
    source.connect(master);
    source.start();
  }

  function volume(g) {
    gain = g;
    if (master) master.gain.setTargetAtTime(g, ctx.currentTime, 0.03);
    tell();
  }

  tell();
  return { ambience, play, volume };
})();

// A screen reader in the browser (src/access.rs): the canvas is pixels, so the game sends the
// page what egui's accessibility tree holds (each button, heading, text and picture with its
// role and its name, in reading order) and the page keeps a copy of it in the document,
// visually hidden, for the browser's accessibility tree. Pressing a copy (a screen reader's
// "activate", or Enter on it) asks the game to press the real one. What must be heard at once
// (a message arrived, she is stopped, what they found) goes to a live region.
window.haejuAccess = (() => {
  const items = document.getElementById('access-items');
  const said = document.getElementById('access-said');
  const made = new Map(); // id -> { el, role }
  const tags = { heading: null, text: 'p', img: 'div', button: 'button', checkbox: 'button', radio: 'button', slider: 'div', spinbutton: 'div', textbox: 'input' };

  function ask(id, action) {
    try { accessRequest(id, action); } catch (e) { console.warn('access: ' + e); }
  }

  function make(it) {
    const tag = it.role === 'heading' ? `h${Math.min(6, it.level || 2)}` : tags[it.role] || 'p';
    const el = document.createElement(tag);
    if (tag === 'button') {
      el.type = 'button';
      if (it.role !== 'button') el.setAttribute('role', it.role);
      el.addEventListener('click', () => { if (el.getAttribute('aria-disabled') !== 'true') ask(el.dataset.id, 'click'); });
    } else if (it.role === 'slider' || it.role === 'spinbutton') {
      el.setAttribute('role', it.role);
      el.tabIndex = 0;
      el.addEventListener('keydown', (ev) => {
        const step = { ArrowUp: 'increment', ArrowRight: 'increment', ArrowDown: 'decrement', ArrowLeft: 'decrement' }[ev.key];
        if (step) { ev.preventDefault(); ask(el.dataset.id, step); }
      });
    } else if (it.role === 'img') {
      el.setAttribute('role', 'img');
    } else if (it.role === 'textbox') {
      el.readOnly = true;
    } else if (it.role === 'heading') {
      el.tabIndex = -1; // a new screen's heading takes the focus a pressed button had
    }
    return el;
  }

  function fill(el, it) {
    el.dataset.id = it.id;
    if (it.role === 'img' || it.role === 'textbox' || it.role === 'slider' || it.role === 'spinbutton') {
      el.setAttribute('aria-label', it.name);
      if (it.role === 'textbox') el.value = it.name;
    } else if (el.textContent !== it.name) {
      el.textContent = it.name;
    }
    if (it.value !== undefined) el.setAttribute('aria-valuenow', String(it.value));
    if (it.checked !== undefined) el.setAttribute(it.role === 'button' ? 'aria-pressed' : 'aria-checked', String(it.checked));
    if (it.disabled) el.setAttribute('aria-disabled', 'true'); else el.removeAttribute('aria-disabled');
  }

  function tree(json) {
    const { items: list } = JSON.parse(json);
    const hadFocus = items.contains(document.activeElement) ? document.activeElement : null;
    const keep = new Set();
    const order = [];
    for (const it of list) {
      let m = made.get(it.id);
      if (!m || m.role !== it.role || (it.role === 'heading' && m.el.tagName !== `H${Math.min(6, it.level || 2)}`)) {
        // (A node that changed its role gets a new element: the old one goes.)
        if (m) m.el.remove();
        m = { el: make(it), role: it.role };
        made.set(it.id, m);
      }
      fill(m.el, it);
      keep.add(it.id);
      order.push(m.el);
    }
    for (const [id, m] of made) if (!keep.has(id)) { m.el.remove(); made.delete(id); }
    // Put them in reading order, moving only what is out of place (moving the focused
    // element would drop the focus).
    let at = items.firstChild;
    for (const el of order) {
      if (el === at) { at = at.nextSibling; continue; }
      items.insertBefore(el, at);
    }
    // The focus stays where it was; if what had it went (the screen changed), the new
    // screen's first heading (or first control) takes it.
    if (hadFocus && !hadFocus.isConnected) {
      const next = items.querySelector('h1') || items.querySelector('h2') || items.querySelector('button, [tabindex]');
      if (next) next.focus();
    }
    document.body.dataset.access = String(list.length);
  }

  function say(text) {
    const p = document.createElement('p');
    p.textContent = text;
    said.append(p);
    while (said.childElementCount > 12) said.firstElementChild.remove();
  }

  return { tree, say };
})();

// Typing Korean (src/platform/window.rs, mod ime): a canvas cannot hold an input method's
// composition, so while the game has a text field focused, the focus is on this hidden text
// box instead. A composition (ㅎ → 하 → 한) goes to the game step by step, a pre-edit and
// then its result; text put in without one (pasted, or typed by a tool) goes as it is. Any
// other key goes on to the canvas, where the game reads keys, and is kept out of the box.
window.haejuIme = (() => {
  const canvas = document.getElementById('bevy');
  const box = document.createElement('textarea');
  box.id = 'ime';
  box.setAttribute('autocomplete', 'off');
  box.setAttribute('autocapitalize', 'off');
  box.setAttribute('spellcheck', 'false');
  box.setAttribute('aria-hidden', 'true');
  box.tabIndex = -1;
  document.body.append(box);
  let editing = false;
  let composing = false;
  const send = (kind, text) => { try { imeInput(kind, text); } catch (e) { console.warn('ime: ' + e); } };
  box.addEventListener('compositionstart', () => { composing = true; });
  box.addEventListener('compositionupdate', (e) => send('preedit', e.data || ''));
  box.addEventListener('compositionend', (e) => {
    composing = false;
    send('commit', e.data || '');
    box.value = '';
  });
  box.addEventListener('input', (e) => {
    if (composing || e.isComposing) return;
    if (e.data) send('text', e.data);
    box.value = '';
  });
  const forward = (e) => {
    if (e.isComposing || composing || e.keyCode === 229) return;
    e.preventDefault();
    canvas.dispatchEvent(new KeyboardEvent(e.type, {
      key: e.key, code: e.code, location: e.location, repeat: e.repeat,
      ctrlKey: e.ctrlKey, shiftKey: e.shiftKey, altKey: e.altKey, metaKey: e.metaKey,
      bubbles: true, cancelable: true,
    }));
  };
  box.addEventListener('keydown', forward);
  box.addEventListener('keyup', forward);
  // A click on the canvas takes the focus: give it back to the box while a field is open.
  canvas.addEventListener('pointerup', () => { if (editing) setTimeout(() => box.focus({ preventScroll: true }), 0); });
  return {
    // `false`, or the text cursor's box in the page's pixels: [x, y, width, height].
    editing(at) {
      const on = Array.isArray(at);
      const was = editing;
      editing = on;
      document.body.dataset.ime = on ? 'on' : '';
      if (on) {
        const r = canvas.getBoundingClientRect();
        box.style.left = `${r.left + at[0]}px`;
        box.style.top = `${r.top + at[1]}px`;
        box.style.height = `${Math.max(1, at[3])}px`;
        if (!was) box.value = '';
        box.focus({ preventScroll: true });
      } else if (document.activeElement === box) {
        canvas.focus({ preventScroll: true });
      }
    },
  };
})();

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
  if (document.body.dataset.ready && loading.isConnected) {
    performance.mark('haeju:ready');
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

// The class view's reports: every file chosen goes to the game, which reads it (a file it
// cannot use is named and skipped there).
document.getElementById('reports').addEventListener('change', async (ev) => {
  for (const file of ev.target.files) {
    let text = '';
    try { text = await file.text(); } catch (e) { text = ''; }
    classFile(file.name, text);
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
    flush() {
      performance.mark('haeju:downloaded');
      progress(0.95, 'Starting… 시작하는 중…');
    },
  }));
  return new Response(counted, { headers: { 'Content-Type': 'application/wasm' } });
}

// Marks for web/bench.mjs's --trace-load: downloaded, main returned (the .wasm compiled and
// instantiated, the game's plugins built, winit's loop handed over), ready (the first frame).
try {
  await init({ module_or_path: streamWithProgress('./haeju-trader_bg.wasm') });
  performance.mark('haeju:main-returned');
} catch (e) {
  performance.mark('haeju:main-returned');
  // winit's web event loop throws this on purpose to take over the main loop.
  if (!String(e).includes('Using exceptions for control flow')) {
    label.textContent = 'The game could not start: ' + e;
    throw e;
  }
}
