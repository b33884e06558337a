import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { node, port } from './canvas-helpers';
import { expect, test } from './fixtures';

const CORPUS = fileURLToPath(new URL('../electron/cli/commands/import-corpus/join', import.meta.url));

test('importing a Keras encoder and then its decoder offers the join, which opens one seq2seq graph with both weights as its first run', async ({ app: page, server }, testInfo) => {
  for (const f of ['encoder.h5', 'decoder.h5']) await copyFile(join(CORPUS, f), join(server.projectDir, f));
  await page.getByRole('button', { name: 'close templates' }).click();
  await page.getByRole('button', { name: 'Training panel' }).click();
  const training = page.getByRole('complementary', { name: 'training' });
  await training.getByRole('tab', { name: 'Generate' }).click();

  const importFile = async (name: string) => {
    await training.getByRole('button', { name: 'Import a model…' }).click();
    await page.getByRole('dialog', { name: 'open a file' }).getByRole('button', { name: `file ${name}` }).click();
  };
  await importFile('encoder.h5');
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('cannot train alone');

  await importFile('decoder.h5');
  const offer = page.getByRole('status').filter({ hasText: 'Join it, as the decoder' });
  await expect(offer).toContainText('to the encoder encoder.h5');
  await page.screenshot({ path: testInfo.outputPath('join-offer.png') });
  await offer.getByRole('button', { name: 'Join into one graph' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('joined: encoder.h -> input_3, encoder.c -> input_4');
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('first run');
  for (const id of ['encoder', 'decoder', 'decoder_dense']) await expect(node(page, id)).toBeVisible();
  await expect(port(page, 'input', 'h0', 'decoder')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('joined.png') });
});
