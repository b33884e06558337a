import { expect, test } from './fixtures';
import { canvas, dragFromPalette, drawWire, inspector, node, port, select, startEmpty } from './canvas-helpers';

test.describe('designing on the canvas', () => {
  test('a stroke generator built from the palette shows shapes on its wires and errors on its nodes', async ({ app: page }) => {
    await startEmpty(page);
    await dragFromPalette(page, 'SequenceInput', { x: 120, y: 200 });
    await dragFromPalette(page, 'LSTM', { x: 420, y: 200 });
    await dragFromPalette(page, 'Output', { x: 720, y: 200 });
    await expect(node(page, 'sequenceInput')).toBeVisible();
    await expect(node(page, 'lstm')).toBeVisible();
    // An Output with nothing wired says so on the node itself.
    await expect(node(page, 'output').getByRole('alert')).toContainText('not connected');

    await select(page, 'sequenceInput');
    await inspector(page).getByLabel('features', { exact: true }).fill('5');
    await drawWire(page, port(page, 'output', 'out', 'sequenceInput'), port(page, 'input', 'in', 'lstm'));
    await drawWire(page, port(page, 'output', 'out', 'lstm'), port(page, 'input', 'in', 'output'));
    await expect(canvas(page).getByText('[T, 5]', { exact: true }).first()).toBeVisible();
    await expect(canvas(page).getByText('[64]', { exact: true }).first()).toBeVisible();
    await expect(node(page, 'output').getByRole('alert')).toHaveCount(0);

    // returnSequences turns the vector on the wire into a sequence.
    await select(page, 'lstm');
    await inspector(page).getByRole('switch', { name: 'returnSequences' }).check();
    await expect(canvas(page).getByText('[T, 64]', { exact: true }).first()).toBeVisible();
    // A value out of range is refused inline and not written; a fraction typed key by key is kept.
    const dropout = inspector(page).getByLabel('dropout', { exact: true });
    await dropout.fill('1.5');
    await expect(inspector(page).getByRole('alert')).toContainText('must be below 1');
    await dropout.fill('');
    await dropout.pressSequentially('0.05');
    await expect(dropout).toHaveValue('0.05');
    await expect(inspector(page).getByRole('alert')).toHaveCount(0);

    // A softmax head with no units is an error on that node; choosing the mdn head fixes it.
    await select(page, 'output');
    await inspector(page).getByRole('checkbox', { name: 'units: none' }).check();
    await expect(node(page, 'output').getByRole('alert')).toContainText('needs units');
    await expect(page.getByRole('region', { name: 'problems' })).toContainText('1 error');
    await inspector(page).getByLabel('head').selectOption('mdn');
    await expect(node(page, 'output').getByRole('alert')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'problems' })).toContainText('No problems');

    await select(page, 'sequenceInput');
    await inspector(page).getByLabel('feedback').selectOption('output');
    await expect(node(page, 'sequenceInput')).toContainText('⟲ output');
    await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('valid');
  });

  test('a wire that does not fit is refused, and says why at the cursor', async ({ app: page }) => {
    await startEmpty(page);
    await dragFromPalette(page, 'VectorInput', { x: 150, y: 200 });
    await dragFromPalette(page, 'LSTM', { x: 500, y: 200 });
    await drawWire(page, port(page, 'output', 'out', 'vectorInput'), port(page, 'input', 'in', 'lstm'), false);
    await expect(page.getByRole('status').filter({ hasText: 'expects a sequence' })).toBeVisible();
    await page.mouse.up();
    await expect(page.getByRole('alert').filter({ hasText: 'Wire refused' })).toContainText('expects a sequence');
    await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('0 wires');
  });

  test('undo and redo step through edits, a drag included', async ({ app: page }) => {
    await startEmpty(page);
    await dragFromPalette(page, 'GRU', { x: 200, y: 200 });
    await dragFromPalette(page, 'Dense', { x: 500, y: 200 });
    await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('2 nodes');
    const before = await node(page, 'gru').boundingBox();
    const head = await node(page, 'gru').locator('header').boundingBox();
    await page.mouse.move(head!.x + 20, head!.y + 10);
    await page.mouse.down();
    await page.mouse.move(head!.x + 60, head!.y + 120, { steps: 8 });
    await page.mouse.move(head!.x + 60, head!.y + 220, { steps: 8 });
    await page.mouse.up();
    const moved = await node(page, 'gru').boundingBox();
    expect(Math.abs((moved?.y ?? 0) - (before?.y ?? 0))).toBeGreaterThan(50);

    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => Math.round((await node(page, 'gru').boundingBox())?.y ?? 0)).toBe(Math.round(before?.y ?? 0));
    await page.keyboard.press('Control+z');
    await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('1 nodes');
    await page.keyboard.press('Control+Shift+z');
    await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('2 nodes');
  });

  test('a double-click on the canvas searches node types and adds the chosen one there', async ({ app: page }) => {
    await startEmpty(page);
    await canvas(page).dblclick({ position: { x: 300, y: 250 } });
    const add = page.getByRole('dialog', { name: 'add a node' });
    await add.getByLabel('search node types').fill('repeat');
    await expect(add.getByRole('option')).toHaveText([/RepeatVector/]);
    await page.keyboard.press('Enter');
    await expect(node(page, 'repeatVector')).toBeVisible();
    await expect(add).toBeHidden();
  });

  test('a wire dropped on empty canvas offers a node to add there, wired to it', async ({ app: page }) => {
    await startEmpty(page);
    await dragFromPalette(page, 'SequenceInput', { x: 150, y: 200 });
    const from = (await port(page, 'output', 'out', 'sequenceInput').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 200, from.y + 40, { steps: 6 });
    await page.mouse.move(from.x + 320, from.y + 60, { steps: 6 });
    await page.mouse.up();
    const add = page.getByRole('dialog', { name: 'add a node' });
    await add.getByLabel('search node types').fill('lstm');
    await page.keyboard.press('Enter');
    await expect(node(page, 'lstm')).toBeVisible();
    await expect(canvas(page).getByText('[T, 8]', { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('1 wires');
    // Adding and wiring was one step.
    await page.keyboard.press('Control+z');
    await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('1 nodes');
  });

  test('a box drawn with Shift selects the nodes inside it', async ({ app: page }) => {
    await startEmpty(page);
    await dragFromPalette(page, 'Dense', { x: 200, y: 150 });
    await dragFromPalette(page, 'Dropout', { x: 200, y: 350 });
    await dragFromPalette(page, 'Flatten', { x: 700, y: 250 });
    const box = (await canvas(page).boundingBox())!;
    await page.keyboard.down('Shift');
    await page.mouse.move(box.x + 40, box.y + 60);
    await page.mouse.down();
    await page.mouse.move(box.x + 300, box.y + 300, { steps: 5 });
    await page.mouse.move(box.x + 480, box.y + 520, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect(inspector(page)).toContainText('2 nodes selected');
    await page.keyboard.press('Delete');
    await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('1 nodes');
    await expect(node(page, 'flatten')).toBeVisible();
  });

  test('copy and paste duplicate the selection, delete removes it as one step', async ({ app: page }) => {
    await startEmpty(page);
    await dragFromPalette(page, 'Embedding', { x: 200, y: 200 });
    await select(page, 'embedding');
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Paste' }).click();
    await expect(node(page, 'embedding_2')).toBeVisible();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('0 nodes');
    await page.keyboard.press('Control+z');
    await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('2 nodes');
  });

  test('a template opens valid, with shapes on its wires, and a problem click selects its node', async ({ app: page }) => {
    await page.getByRole('button', { name: /template Sequence to sequence: learning to add/ }).click();
    await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('valid');
    await expect(canvas(page).getByText('[T, 128]').first()).toBeVisible();
    // Break it: delete the decoder's embedding, and the problems panel leads to the node that lost its input.
    await select(page, 'answerEmbed');
    await page.keyboard.press('Delete');
    const problem = page.getByRole('region', { name: 'problems' }).getByRole('button', { name: /error on decoder/ }).first();
    await problem.click();
    await expect(inspector(page)).toContainText('decoder');
  });

  test('zoomed far out, nodes are titled cards and wires hide their shapes; zooming in brings the shapes back', async ({ app: page }) => {
    // A small graph opens readable (fit never shrinks it below that); zoomed out past the far zoom, nodes become titled cards.
    await page.getByRole('button', { name: /template One to one/ }).click();
    await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('valid');
    const shape = canvas(page).getByText('[28, 28, 1]', { exact: true });
    await expect(shape.first()).toBeVisible();
    for (let i = 0; i < 7; i++) await page.getByRole('button', { name: 'Zoom Out' }).click();
    await expect(canvas(page).getByText('ImageInput', { exact: true })).toBeVisible();
    await expect(shape.first()).toBeHidden();
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
    await expect(shape.first()).toBeVisible();
  });
});

test.describe('the keyboard alone', () => {
  test('adds nodes from the palette, wires them in the inspector, undoes and redoes', async ({ app: page }) => {
    await page.keyboard.press('Enter'); // the gallery opens with "empty project" focused
    await expect(page.getByRole('dialog', { name: 'templates' })).toBeHidden();
    const search = page.getByLabel('search the palette');
    await search.focus();
    await page.keyboard.type('sequenceinput');
    await page.keyboard.press('Enter');
    await search.fill('');
    await page.keyboard.type('gru');
    await page.keyboard.press('Enter');
    await expect(node(page, 'gru')).toBeVisible();
    // The node just added is selected: its inspector lists what can feed its input.
    const wire = inspector(page).getByLabel('wire into in of gru');
    await wire.focus();
    await wire.selectOption({ label: 'sequenceInput.out [T, 8]' });
    await expect(canvas(page).getByText('[T, 8]', { exact: true }).first()).toBeVisible();
    await expect(inspector(page).getByRole('button', { name: 'remove the wire from sequenceInput.out into in' })).toBeVisible();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('0 wires');
    await page.keyboard.press('Control+y');
    await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('1 wires');
  });
});

test.describe('recovery', () => {
  test('unsaved work is offered back after the window closes without saving', async ({ app: page }) => {
    await startEmpty(page);
    await dragFromPalette(page, 'Stack', { x: 200, y: 200 });
    await expect(page.getByRole('status', { name: 'unsaved changes' })).toBeVisible();
    // The recovery copy is written a moment after the edit; a reload then stands in for a crash.
    await page.waitForFunction(() => localStorage.getItem('seqwire.recovery') !== null);
    page.on('dialog', (d) => void d.accept());
    await page.reload();
    await page.getByRole('button', { name: 'close templates' }).click();
    const offer = page.getByRole('alertdialog', { name: 'recover unsaved work' });
    await offer.getByRole('button', { name: 'Restore' }).click();
    await expect(node(page, 'stack')).toBeVisible();
    await expect(page.getByRole('status', { name: 'unsaved changes' })).toBeVisible();
  });
});
