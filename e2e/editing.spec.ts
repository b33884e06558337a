import { canvas, dragFromPalette, drawWire, inspector, node, port, select, startEmpty } from './canvas-helpers';
import { expect, test } from './fixtures';

const SIZES = [{ width: 1024, height: 700 }, { width: 1440, height: 900 }];
const wire = (from: string, to: string) => new RegExp(`^wire ${from.replace('.', '\\.')} to ${to.replace('.', '\\.')}`);

for (const size of SIZES) {
  test.describe(`at ${size.width}x${size.height}`, () => {
    test.use({ viewport: size });

    test('a wire dropped on an input that has one replaces it, and one undo brings the old one back', async ({ app: page }) => {
      await startEmpty(page);
      await dragFromPalette(page, 'SequenceInput', { x: 160, y: 70 });
      await dragFromPalette(page, 'VectorInput', { x: 160, y: 230 });
      await dragFromPalette(page, 'SequenceInput', { x: 160, y: 390 });
      await dragFromPalette(page, 'LSTM', { x: 440, y: 230 });
      await drawWire(page, port(page, 'output', 'out', 'sequenceInput'), port(page, 'input', 'in', 'lstm'));
      await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('1 wires');
      await drawWire(page, port(page, 'output', 'out', 'sequenceInput_2'), port(page, 'input', 'in', 'lstm'));
      await expect(page.getByLabel(wire('sequenceInput_2.out', 'lstm.in'))).toHaveCount(1);
      await expect(page.getByLabel(wire('sequenceInput.out', 'lstm.in'))).toHaveCount(0);
      await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('1 wires');
      // A wire that does not fit is still refused, and the wire there stays.
      await drawWire(page, port(page, 'output', 'out', 'vectorInput'), port(page, 'input', 'in', 'lstm'));
      await expect(page.getByRole('alert').filter({ hasText: 'Wire refused' })).toBeVisible();
      await expect(page.getByLabel(wire('sequenceInput_2.out', 'lstm.in'))).toHaveCount(1);
      await page.getByRole('button', { name: 'Undo' }).click();
      await expect(page.getByLabel(wire('sequenceInput.out', 'lstm.in'))).toHaveCount(1);
      await expect(page.getByLabel(wire('sequenceInput_2.out', 'lstm.in'))).toHaveCount(0);
    });

    test('a refusal and a problem that name their fix offer it as a button, applied as one undo step', async ({ app: page }, testInfo) => {
      await startEmpty(page);
      await dragFromPalette(page, 'SequenceInput', { x: 160, y: 70 });
      await dragFromPalette(page, 'LSTM', { x: 160, y: 300 });
      await dragFromPalette(page, 'LSTM', { x: 440, y: 180 });
      await drawWire(page, port(page, 'output', 'out', 'sequenceInput'), port(page, 'input', 'in', 'lstm'));
      await expect(page.getByLabel(wire('sequenceInput.out', 'lstm.in'))).toHaveCount(1);
      // lstm gives a vector; lstm_2 needs a sequence: refused, with the fix on offer.
      await drawWire(page, port(page, 'output', 'out', 'lstm'), port(page, 'input', 'in', 'lstm_2'));
      const refusal = page.getByRole('alert').filter({ hasText: 'Wire refused' });
      await expect(refusal).toContainText('set returnSequences');
      await page.screenshot({ path: testInfo.outputPath(`fix-refusal-${size.width}.png`) });
      await refusal.getByRole('button', { name: 'Turn on returnSequences on lstm and wire' }).click();
      await expect(page.getByLabel(wire('lstm.out', 'lstm_2.in'))).toHaveCount(1);
      await select(page, 'lstm');
      await expect(inspector(page).getByRole('switch', { name: 'returnSequences' })).toBeChecked();
      // Turned off by hand, the problem it makes offers the same fix.
      await inspector(page).getByRole('switch', { name: 'returnSequences' }).uncheck();
      const problems = page.getByRole('region', { name: 'problems' });
      const fix = problems.getByRole('button', { name: 'Turn on returnSequences on lstm' });
      await expect(fix).toBeVisible();
      await expect(inspector(page).getByRole('button', { name: 'Turn on returnSequences on lstm' })).toHaveCount(0);
      await select(page, 'lstm_2');
      await expect(inspector(page).getByRole('button', { name: 'Turn on returnSequences on lstm' })).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`fix-problem-${size.width}.png`) });
      await fix.click();
      await expect(problems.getByText('expects a sequence')).toHaveCount(0);
      await page.getByRole('button', { name: 'Undo' }).click();
      await expect(problems.getByText('expects a sequence')).toHaveCount(1);
      // One more undo takes back the fix and the wire of the refusal together.
      await page.getByRole('button', { name: 'Undo' }).click();
      await page.getByRole('button', { name: 'Undo' }).click();
      await expect(page.getByLabel(wire('lstm.out', 'lstm_2.in'))).toHaveCount(0);
      await expect(node(page, 'lstm_2')).toBeVisible();
    });

    test('nodes added by keyboard or quick add land in free space in view, never on a node or a wire label', async ({ app: page }) => {
      type Box = { x: number; y: number; width: number; height: number };
      const hit = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      const c = async () => (await canvas(page).boundingBox())!;
      /** The new node is whole in the canvas (after any pan) and covers no other node and no wire label. */
      const placed = async (id: string) => {
        const view = await c();
        await expect.poll(async () => {
          const b = (await node(page, id).boundingBox())!;
          return b.x >= view.x && b.y >= view.y && b.x + b.width <= view.x + view.width && b.y + b.height <= view.y + view.height;
        }, { message: `${id} in view` }).toBe(true);
        const box = (await node(page, id).boundingBox())!;
        const others = await page.locator('.react-flow__node').evaluateAll((els, me) => els.filter((e) => !e.querySelector(`[data-testid="node-${me}"]`)).map((e) => e.getBoundingClientRect().toJSON() as Box), id);
        for (const other of others) expect(hit(box, other), `${id} on another node`).toBe(false);
        const labels = await page.locator('.sw-edge-label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as Box));
        for (const label of labels) expect(hit(box, label), `${id} on a wire label`).toBe(false);
      };
      await startEmpty(page);
      await dragFromPalette(page, 'SequenceInput', { x: 100, y: 100 });
      await dragFromPalette(page, 'LSTM', { x: 360, y: 140 });
      await drawWire(page, port(page, 'output', 'out', 'sequenceInput'), port(page, 'input', 'in', 'lstm'));
      const search = page.getByRole('navigation', { name: 'node palette' }).getByLabel('search the palette');
      for (const [query, id] of [['lstm', 'lstm_2'], ['dense', 'dense'], ['gru', 'gru']]) {
        await search.fill(query);
        await search.press('Enter');
        await placed(id);
      }
      // Quick add asked for on top of a node.
      const lstm = (await node(page, 'lstm').boundingBox())!;
      const view = await c();
      if (lstm.x > view.x && lstm.y > view.y) {
        await page.mouse.dblclick(lstm.x - 4, lstm.y + 30);
        await page.getByLabel('search node types').fill('dropout');
        await page.getByLabel('search node types').press('Enter');
        await placed('dropout');
      }
    });

    test('a node gets a display name beside its id, and renaming the id carries its wires along in one undo step', async ({ app: page }, testInfo) => {
      await startEmpty(page);
      await dragFromPalette(page, 'SequenceInput', { x: 120, y: 100 });
      await dragFromPalette(page, 'LSTM', { x: 420, y: 160 });
      await drawWire(page, port(page, 'output', 'out', 'sequenceInput'), port(page, 'input', 'in', 'lstm'));
      await select(page, 'lstm');
      await inspector(page).getByLabel('Label').fill('Encoder');
      await expect(node(page, 'lstm').locator('header')).toContainText('Encoder');
      await expect(node(page, 'lstm').locator('header')).toContainText('LSTM · lstm');
      const id = inspector(page).getByLabel('Id', { exact: true });
      await id.fill('my rnn');
      await expect(inspector(page)).toContainText('letter or _');
      await id.fill('sequenceInput');
      await expect(inspector(page)).toContainText('another node');
      await id.fill('encoder');
      await id.press('Enter');
      await expect(node(page, 'encoder')).toBeVisible();
      await expect(node(page, 'lstm')).toHaveCount(0);
      await expect(page.getByLabel(wire('sequenceInput.out', 'encoder.in'))).toHaveCount(1);
      await page.screenshot({ path: testInfo.outputPath(`names-${size.width}.png`) });
      await page.getByRole('button', { name: 'Undo' }).click();
      await expect(node(page, 'lstm')).toBeVisible();
      await expect(page.getByLabel(wire('sequenceInput.out', 'lstm.in'))).toHaveCount(1);
      await expect(node(page, 'lstm').locator('header')).toContainText('Encoder');
    });
  });
}
