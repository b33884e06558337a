import type { Page } from '@playwright/test';
import { canvas, dragFromPalette, node, startEmpty } from './canvas-helpers';
import { expect, test } from './fixtures';

/** Menus, dialogs, saving and starting up, as a person meets them, at the two window sizes the app must hold at. */
const SIZES = [{ width: 1024, height: 700 }, { width: 1440, height: 900 }];

/** The File commands: inline on a wide window, in the File menu on a narrow one. */
async function fileCommand(page: Page, name: string) {
  const toolbar = page.getByRole('toolbar', { name: 'commands' });
  if (await toolbar.getByRole('button', { name: 'File', exact: true }).isVisible()) {
    await toolbar.getByRole('button', { name: 'File', exact: true }).click();
    await page.getByRole('menu', { name: 'file commands' }).getByRole('menuitem', { name: new RegExp(`^${name}`) }).click();
  } else {
    await toolbar.getByRole('button', { name, exact: true }).click();
  }
}

/** Saves under a name through the in-app chooser of browser mode. */
async function saveAs(page: Page, name: string) {
  const chooser = page.getByRole('dialog', { name: 'save as' });
  await chooser.getByLabel('File name').fill(name);
  await chooser.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status', { name: 'unsaved changes' })).toHaveCount(0);
}

for (const size of SIZES) {
  test.describe(`at ${size.width}x${size.height}`, () => {
    test.use({ viewport: size });

    test('the Recent and Model menus are keyboard menus that close on Escape, an outside click and a choice', async ({ app: page }) => {
      await startEmpty(page);
      const recentButton = page.getByRole('button', { name: 'Open Recent' });
      await recentButton.click();
      const recent = page.getByRole('menu', { name: 'recent projects' });
      await expect(recent).toBeVisible();
      await expect(recentButton).toHaveAttribute('aria-expanded', 'true');
      await page.keyboard.press('Escape');
      await expect(recent).toBeHidden();
      await expect(recentButton).toBeFocused();
      // Opened from the keyboard, the arrows walk the items and wrap.
      const modelButton = page.getByRole('button', { name: 'Model files' }).or(page.getByRole('button', { name: 'File', exact: true }));
      await modelButton.focus();
      await page.keyboard.press('ArrowDown');
      const menu = page.getByRole('menu').first();
      const items = menu.getByRole('menuitem');
      await expect(items.first()).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await expect(items.nth(1)).toBeFocused();
      await page.keyboard.press('End');
      await expect(items.last()).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await expect(items.first()).toBeFocused();
      // A click elsewhere closes it.
      const c = (await canvas(page).boundingBox())!;
      await page.mouse.click(c.x + c.width - 80, c.y + c.height - 80);
      await expect(menu).toBeHidden();
      // Choosing closes it: Import opens the in-app chooser.
      await modelButton.click();
      await page.getByRole('menuitem', { name: /Import a model/ }).click();
      await expect(page.getByRole('menu')).toHaveCount(0);
      await expect(page.getByRole('dialog', { name: 'open a file' })).toBeVisible();
    });

    test('Ctrl+S saves while a text field has focus, and the page is never saved by the browser', async ({ app: page }) => {
      await startEmpty(page);
      await dragFromPalette(page, 'LSTM', { x: 160, y: 160 });
      await page.getByRole('complementary', { name: 'inspector' }).getByLabel('units', { exact: true }).fill('48');
      await expect(page.getByRole('complementary', { name: 'inspector' }).getByLabel('units', { exact: true })).toBeFocused();
      let downloads = 0;
      page.on('download', () => downloads++);
      await page.keyboard.press('Control+s');
      await saveAs(page, 'typed');
      await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('typed.seqwire.json');
      expect(downloads).toBe(0);
    });

    test('replacing unsaved changes asks in the app: Cancel keeps them, Save saves them, Discard drops them', async ({ app: page }, testInfo) => {
      let browserDialogs = 0;
      page.on('dialog', (d) => { browserDialogs++; void d.dismiss(); });
      await startEmpty(page);
      await dragFromPalette(page, 'GRU', { x: 160, y: 160 });
      await fileCommand(page, 'New');
      const ask = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
      await expect(ask).toBeVisible();
      await expect(ask.getByRole('button', { name: 'Save' })).toBeFocused();
      await page.screenshot({ path: testInfo.outputPath(`discard-${size.width}.png`) });
      await ask.getByRole('button', { name: 'Cancel' }).click();
      await expect(ask).toBeHidden();
      await expect(node(page, 'gru')).toBeVisible();
      // Escape is Cancel too.
      await fileCommand(page, 'New');
      await page.keyboard.press('Escape');
      await expect(node(page, 'gru')).toBeVisible();
      await fileCommand(page, 'New');
      await ask.getByRole('button', { name: 'Save' }).click();
      await saveAs(page, 'kept');
      await expect(node(page, 'gru')).toHaveCount(0);
      await dragFromPalette(page, 'Dense', { x: 160, y: 160 });
      await fileCommand(page, 'New');
      await ask.getByRole('button', { name: 'Discard' }).click();
      await expect(node(page, 'dense')).toHaveCount(0);
      expect(browserDialogs).toBe(0);
    });

    test('node search finds nodes by what they do', async ({ app: page }) => {
      await startEmpty(page);
      const palette = page.getByRole('navigation', { name: 'node palette' });
      const search = palette.getByLabel('search the palette');
      const expectations: [string, string[]][] = [
        ['mixture', ['Output']], ['mdn', ['Output']], ['strokes', ['Output', 'SequenceInput']],
        ['attention', ['Attention']], ['embedding', ['Embedding']], ['gate', ['LSTM', 'GRU']],
      ];
      for (const [query, types] of expectations) {
        await search.fill(query);
        for (const type of types) await expect(palette.getByRole('button', { name: new RegExp(`^add ${type}:`) })).toBeVisible();
      }
      // The quick-add box searches the same way.
      await canvas(page).dblclick({ position: { x: 200, y: 150 } });
      await page.getByLabel('search node types').fill('mixture');
      await expect(page.getByRole('option', { name: /Output/ })).toBeVisible();
    });

    test('unsaved work is offered above the template gallery, and the last project reopens on start unless turned off', async ({ app: page }, testInfo) => {
      await startEmpty(page);
      await dragFromPalette(page, 'LSTM', { x: 160, y: 160 });
      await page.keyboard.press('Control+s');
      await saveAs(page, 'last');
      // Reopened on start, without the gallery.
      await page.reload();
      await expect(node(page, 'lstm')).toBeVisible();
      await expect(page.getByRole('dialog', { name: 'templates' })).toHaveCount(0);
      await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('last.seqwire.json');

      // Unsaved work: the recovery copy wins over reopening, and is offered in front of the gallery.
      await dragFromPalette(page, 'GRU', { x: 160, y: 400 });
      await page.waitForFunction(() => localStorage.getItem('seqwire.recovery') !== null);
      page.on('dialog', (d) => void d.accept());
      await page.reload();
      const gallery = page.getByRole('dialog', { name: 'templates' });
      const offer = gallery.getByRole('alertdialog', { name: 'recover unsaved work' });
      await expect(offer).toBeVisible();
      const restore = offer.getByRole('button', { name: 'Restore' });
      const box = (await restore.boundingBox())!;
      // Nothing covers it: the point at its centre is the button.
      expect(await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.textContent, [box.x + box.width / 2, box.y + box.height / 2])).toBe('Restore');
      await page.screenshot({ path: testInfo.outputPath(`recovery-${size.width}.png`) });
      await restore.click();
      await expect(node(page, 'gru')).toBeVisible();

      // Turned off, the next start shows the gallery.
      await page.keyboard.press('Control+s');
      await expect(page.getByRole('status', { name: 'unsaved changes' })).toHaveCount(0);
      await fileCommand(page, 'Templates');
      await gallery.getByRole('checkbox', { name: /Reopen the last project/ }).uncheck();
      await page.reload();
      await expect(gallery).toBeVisible();
      await expect(node(page, 'lstm')).toHaveCount(0);
    });
  });
}
