// What the browser test and the benchmark share: how Chromium is started (headless,
// SwiftShader WebGL2), and how a player's keys take a fresh page from the title to level
// 1's first morning and past its fact cards.
import { chromium } from 'playwright-core';

export const launchChromium = () => chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--disable-quic',
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** Presses Space while the page says a fact card is open (at most eight times). */
export async function closeCards(p) {
  for (let i = 0; i < 8; i++) {
    const open = await p.waitForFunction(() => document.body.dataset.card !== undefined, null, { timeout: 5000 })
      .then(() => p.evaluate(() => document.body.dataset.card === '1')).catch(() => false);
    if (!open) return;
    await p.keyboard.press(' ');
    await p.waitForFunction(() => document.body.dataset.card !== '1', null, { timeout: 5000 }).catch(() => {});
    await p.waitForTimeout(300);
  }
}

/** From the title: New game, level 1, through the notice and the briefing to the first
 * morning. (The loading overlay must be gone, and the canvas focused by a click, before
 * keys reach the game.) Each key waits for the screen it leads to: a software-rendered
 * frame can be slow, and two keys in one frame would both land on the same screen. */
export async function startLevel1(page) {
  await page.waitForSelector('#loading', { state: 'detached', timeout: 10000 });
  await page.mouse.click(640, 600);
  await page.waitForTimeout(500);
  for (const [k, to] of [['n', 'Levels'], ['1', 'Notice'], ['Enter', 'Briefing'], ['Enter', 'Morning']]) {
    await page.keyboard.press(k);
    await page.waitForFunction((s) => document.body.dataset.screen === s, to, { timeout: 20000 }).catch(() => {});
    await page.waitForTimeout(300);
  }
}
