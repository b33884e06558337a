import { canvas, dragFromPalette, node, startEmpty } from './canvas-helpers';
import { expect, test } from './fixtures';

const SIZES = [{ width: 1024, height: 700 }, { width: 1440, height: 900 }];

for (const size of SIZES) {
  test.describe(`at ${size.width}x${size.height}`, () => {
    test.use({ viewport: size });

    test('a template keeps its explanation on the canvas as a note that folds', async ({ app: page }, testInfo) => {
      await page.getByRole('button', { name: /template Sequence to sequence: learning to add/ }).click();
      const note = page.getByTestId('note-about');
      await expect(note).toContainText('Sequence to sequence');
      await page.getByRole('button', { name: 'Zoom to fit' }).click();
      await page.screenshot({ path: testInfo.outputPath(`template-note-${size.width}.png`) });
      const tall = (await note.boundingBox())!.height;
      await note.getByRole('button', { name: /^collapse note/ }).click();
      await expect.poll(async () => (await note.boundingBox())!.height).toBeLessThan(tall);
      await note.getByRole('button', { name: /^expand note/ }).click();
      await expect.poll(async () => (await note.boundingBox())!.height).toBe(tall);
    });

    test('notes and titled group frames: a group made around the selection moves its nodes with it, and both save', async ({ app: page, server }, testInfo) => {
      await startEmpty(page);
      await dragFromPalette(page, 'SequenceInput', { x: 150, y: 120 });
      await dragFromPalette(page, 'LSTM', { x: 150, y: 330 });
      await page.keyboard.press('Control+a');
      await page.getByRole('button', { name: 'Add group' }).click();
      const group = page.getByTestId('group-group_1');
      await expect(group).toBeVisible();
      await group.getByLabel('group title').fill('Encoder');
      await page.getByRole('button', { name: 'Add note' }).click();
      const note = page.getByTestId('note-note_1');
      await expect(note).toBeVisible();
      await note.locator('.sw-note-text').dblclick();
      await page.getByLabel('note text').fill('Reads the strokes\nOne LSTM over the pen offsets.');
      await canvas(page).click({ position: { x: 5, y: 5 } });
      await expect(note).toContainText('One LSTM over the pen offsets.');

      // Dragging the frame by its title takes its nodes along.
      const before = (await node(page, 'lstm').boundingBox())!;
      const title = (await group.locator('.sw-frame-title').boundingBox())!;
      await page.mouse.move(title.x + title.width - 20, title.y + title.height / 2);
      await page.mouse.down();
      await page.mouse.move(title.x + title.width + 20, title.y + title.height / 2 + 30, { steps: 6 });
      await page.mouse.up();
      await expect.poll(async () => (await node(page, 'lstm').boundingBox())!.x).toBeGreaterThan(before.x + 20);
      const after = (await node(page, 'lstm').boundingBox())!;
      expect(after.y).toBeGreaterThan(before.y + 10);
      await page.screenshot({ path: testInfo.outputPath(`notes-groups-${size.width}.png`) });
      // One undo puts the frame and its nodes back.
      await page.getByRole('button', { name: 'Undo' }).click();
      await expect.poll(async () => Math.round((await node(page, 'lstm').boundingBox())!.x)).toBe(Math.round(before.x));

      await page.keyboard.press('Control+s');
      const chooser = page.getByRole('dialog', { name: 'save as' });
      await chooser.getByLabel('File name').fill('annotated');
      await chooser.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('status', { name: 'unsaved changes' })).toHaveCount(0);
      const saved = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(`${server.projectDir}/annotated.seqwire.json`, 'utf8')));
      expect(saved.groups).toEqual([expect.objectContaining({ id: 'group_1', title: 'Encoder' })]);
      expect(saved.notes).toEqual([expect.objectContaining({ id: 'note_1', text: 'Reads the strokes\nOne LSTM over the pen offsets.' })]);
    });
  });
}
