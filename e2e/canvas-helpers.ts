import { expect, type Locator, type Page } from '@playwright/test';

/**
 * What a person does on the canvas, said with roles and labels: drag a node
 * type from the palette, draw a wire from one port to another, pick a node.
 */

export const canvas = (page: Page): Locator => page.getByRole('application', { name: 'graph canvas' });

/** Starts from an empty project: the gallery opens on a fresh window. */
export async function startEmpty(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'empty project' }).click();
  await expect(page.getByRole('dialog', { name: 'templates' })).toBeHidden();
}

/** Drags a node type from the palette onto the canvas at a point of the canvas. */
export async function dragFromPalette(page: Page, type: string, at: { x: number; y: number }): Promise<void> {
  const item = page.getByRole('navigation', { name: 'node palette' }).getByRole('button', { name: new RegExp(`^add ${type}:`) });
  await item.dragTo(canvas(page), { targetPosition: at });
}

export const node = (page: Page, id: string): Locator => page.getByTestId(`node-${id}`);

/** A port's handle, by the label the node gives it: `output out of lstm`, `input h0 of dec`. */
export const port = (page: Page, side: 'input' | 'output', name: string, nodeId: string): Locator =>
  page.getByLabel(new RegExp(`^${side} ${name} of ${nodeId}\\b`));

/** Draws a wire with the mouse, from the centre of one handle to the centre of another; `release` false keeps the button down. */
export async function drawWire(page: Page, from: Locator, to: Locator, release = true): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('a port to wire is not on screen');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 6 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 6 });
  if (release) await page.mouse.up();
}

/** Selects a node by clicking its title, so the inspector shows its params. */
export async function select(page: Page, id: string): Promise<void> {
  await node(page, id).locator('header').click();
  await expect(page.getByRole('complementary', { name: 'inspector' })).toContainText(id);
}

export const inspector = (page: Page): Locator => page.getByRole('complementary', { name: 'inspector' });

/** A stroke generator built as a person would: three nodes from the palette, two wires, an mdn head and its feedback. */
export async function buildStrokeGenerator(page: Page): Promise<void> {
  await dragFromPalette(page, 'SequenceInput', { x: 120, y: 200 });
  await dragFromPalette(page, 'LSTM', { x: 420, y: 200 });
  await dragFromPalette(page, 'Output', { x: 720, y: 200 });
  await select(page, 'sequenceInput');
  await inspector(page).getByLabel('features', { exact: true }).fill('5');
  await drawWire(page, port(page, 'output', 'out', 'sequenceInput'), port(page, 'input', 'in', 'lstm'));
  await drawWire(page, port(page, 'output', 'out', 'lstm'), port(page, 'input', 'in', 'output'));
  await select(page, 'lstm');
  await inspector(page).getByLabel('units', { exact: true }).fill('16');
  await inspector(page).getByRole('switch', { name: 'returnSequences' }).check();
  await select(page, 'output');
  await inspector(page).getByLabel('head').selectOption('mdn');
  await inspector(page).getByLabel('mixtures').fill('3');
  await select(page, 'sequenceInput');
  await inspector(page).getByLabel('feedback').selectOption('output');
  await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('valid');
}
