import { expect, test } from './fixtures';
import { select } from './canvas-helpers';

/** Every control a person can reach: buttons, fields, selects, switches, tabs, links. */
const CONTROLS = 'button, input, select, textarea, a[href], [role=button], [role=switch], [role=tab], [role=checkbox], [role=option], [role=menuitem]';

test('every control on the main screens has an accessible name', async ({ app: page }) => {
  const unnamed: string[] = [];
  let checked = 0;
  const check = async (screen: string) => {
    for (const control of await page.locator(CONTROLS).all()) {
      if (!(await control.isVisible())) continue;
      checked++;
      try {
        await expect(control).toHaveAccessibleName(/\S/, { timeout: 200 });
      } catch {
        unnamed.push(`${screen}: ${await control.evaluate((e) => e.outerHTML.slice(0, 120))}`);
      }
    }
  };
  await check('templates');
  await page.getByRole('button', { name: /template Sequence to sequence: learning to add/ }).click();
  await select(page, 'decoder');
  await check('canvas with a node selected');
  await page.getByRole('button', { name: 'Training panel' }).click();
  await page.getByRole('complementary', { name: 'training' }).getByLabel('Dataset', { exact: true }).waitFor();
  await check('training');
  await page.getByRole('tab', { name: 'Generate' }).click();
  await check('generate');
  expect(unnamed).toEqual([]);
  // The screens were really there: the palette, toolbar, inspector and panels hold well over a hundred controls.
  expect(checked).toBeGreaterThan(100);
});
