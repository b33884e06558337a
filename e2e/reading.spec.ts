import type { Page } from '@playwright/test';
import { canvas } from './canvas-helpers';
import { expect, test } from './fixtures';

const SIZES = [{ width: 1024, height: 700 }, { width: 1440, height: 900 }, { width: 1920, height: 1080 }];

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function labelBoxes(page: Page): Promise<{ text: string; box: Box }[]> {
  return page.locator('.sw-edge-label').evaluateAll((els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return { text: e.textContent ?? '', box: { x: r.x, y: r.y, width: r.width, height: r.height } };
  }));
}

/** The port-name font size as drawn on screen: its CSS size times the canvas zoom. */
async function portNamePx(page: Page): Promise<number> {
  return canvas(page).locator('.sw-port-name').first().evaluate((e) => {
    const t = document.querySelector('.react-flow__viewport')?.getAttribute('style') ?? '';
    const zoom = Number(/scale\(([\d.]+)\)/.exec(t)?.[1] ?? '1');
    return parseFloat(getComputedStyle(e).fontSize) * zoom;
  });
}

for (const size of SIZES) {
  test.describe(`at ${size.width}x${size.height}`, () => {
    test.use({ viewport: size });

    test('fit and auto-layout keep a small graph readable (text at least 11 px), and wire labels do not overlap', async ({ app: page }, testInfo) => {
      await page.getByRole('button', { name: /template Sequence to sequence: learning to add/ }).click();
      await expect(page.getByRole('dialog', { name: 'templates' })).toBeHidden();
      for (const command of ['Zoom to fit', 'Auto-layout']) {
        await page.getByRole('button', { name: command }).click();
        // The port names, the smallest text that matters on a node, are drawn at 11 px or more once the view settles.
        await expect.poll(() => portNamePx(page)).toBeGreaterThanOrEqual(11);
      }
      await page.screenshot({ path: testInfo.outputPath(`readable-${size.width}.png`) });
      // Pan across the whole graph: no two shape labels ever overlap.
      const labels = await labelBoxes(page);
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          expect(overlap(labels[i].box, labels[j].box), `${labels[i].text} and ${labels[j].text}`).toBe(false);
        }
      }
    });
  });
}
