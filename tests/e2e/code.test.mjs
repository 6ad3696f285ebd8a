// The code beside the model: the PyTorch code follows the settings, copies to the clipboard,
// the review lesson adds a Keras tab, and "Export for PyTorch" downloads a script that (with
// PYTORCH_PYTHON set to a Python with PyTorch) reproduces the app's output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ready, screenshot, servedApp, server, browser } from './harness.mjs';

servedApp();

async function open(url) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  await ready(page);
  return { context, page, errors };
}

const code = (page) => page.getByTestId('code-text').textContent();

test('the PyTorch code follows the model and settings, copies, and exports a script that checks itself', async () => {
  const { context, page, errors } = await open(`${server.url}?lesson=char&preset=char-course-lstm`);
  const panel = page.getByTestId('code-panel');
  await panel.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => /class LSTMModel/.test(document.querySelector('[data-testid=code-text]')?.textContent ?? ''));
  let text = await code(page);
  assert.match(text, /self\.rnn = nn\.LSTM\(\n\s+input_size=35,\n\s+hidden_size=35,/);
  assert.match(text, /torch\.optim\.Adam\(model\.parameters\(\), lr=0\.01\)/);
  assert.match(text, /sum\(criterion\(out\[:, t\], y\[:, t\]\) for t in range\(out\.size\(1\)\)\)/);
  assert.equal(await page.getByTestId('code-tab-keras').count(), 0, 'no Keras tab outside the review lesson');

  // A live setting reaches the code at once.
  const lr = page.getByTestId('learning-rate');
  await lr.fill('0.002');
  await lr.press('Enter');
  await lr.blur();
  await page.waitForFunction(() => /lr=0\.002\)/.test(document.querySelector('[data-testid=code-text]').textContent));

  // Copy puts exactly the shown code on the clipboard.
  await page.getByTestId('code-copy').click();
  await page.getByTestId('code-copied').filter({ hasText: /Copied|복사/ }).waitFor();
  text = await code(page);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);

  // Export for PyTorch: a .py file with the class, the weights, the example and the app's output.
  await page.getByTestId('step').click();
  await page.waitForFunction(() => /update 1 /.test(document.querySelector('[data-testid=status]').textContent));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pytorch').click()]);
  assert.match(download.suggestedFilename(), /^rnn_playground_char_lstm_h\d+\.py$/);
  const dir = await mkdtemp(join(tmpdir(), 'rnn-code-'));
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  const script = await readFile(path, 'utf8');
  for (const part of ['class LSTMModel(nn.Module):', "MODEL_FILE = r'''", 'EXAMPLE_INPUT = [[[', 'APP_OUTPUT = [[[', 'strict=True']) {
    assert.ok(script.includes(part), part);
  }
  if (process.env.PYTORCH_PYTHON) {
    const out = execFileSync(process.env.PYTORCH_PYTHON, [path], { cwd: dir, encoding: 'utf8' });
    assert.match(out, /max \|PyTorch - app\| = .*max relative difference = .*\nOK\n$/);
  } else {
    console.log('# PYTORCH_PYTHON is not set: the exported script is not run in PyTorch');
  }

  // The code as shown runs in a fresh Python: it builds the sentence's data itself.
  text = await code(page);
  assert.match(text, /^string = "hello pytorch\. how long can a rnn cell remember\? show me your limit!"$/m);
  assert.match(text, /^train_dataset = torch\.utils\.data\.TensorDataset\(x, y\)$/m);
  if (process.env.PYTORCH_PYTHON) {
    const shown = join(dir, 'shown.py');
    await writeFile(shown, text.replace(/^epochs = \d+.*$/m, 'epochs = 20'));
    const out = execFileSync(process.env.PYTORCH_PYTHON, [shown], { cwd: dir, encoding: 'utf8' });
    assert.match(out, /epoch 20: loss \d+\.\d+\n$/, out);
  }

  // Layer vs cell: the same model as nn.LSTM and as a loop over nn.LSTMCell, checked.
  await page.getByTestId('code-tab-cell-loop').click();
  assert.equal(await page.getByTestId('code-tab-cell-loop').getAttribute('aria-selected'), 'true');
  await page.getByTestId('code-cell-loop-note').waitFor();
  const loop = await code(page);
  assert.match(loop, /cell = nn\.LSTMCell\(layer_input\.size\(2\), 35\)/);
  assert.match(loop, /h, c = cell\(layer_input\[:, t\], \(h, c\)\)/);
  if (process.env.PYTORCH_PYTHON) {
    const file = join(dir, 'cell_loop.py');
    await writeFile(file, loop);
    const out = execFileSync(process.env.PYTORCH_PYTHON, [file], { cwd: dir, encoding: 'utf8' });
    assert.match(out, /largest difference, layer vs cell loop: /, out);
  }
  await screenshot(page, 'code-panel-cell-loop');
  await page.getByTestId('code-tab-pytorch').click();
  await screenshot(page, 'code-panel');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the review lesson shows the Keras equivalent beside the PyTorch code', async () => {
  const { context, page, errors } = await open(`${server.url}?lesson=sentiment&preset=sentiment-course-lstm-dropout`);
  await page.getByTestId('code-panel').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => /nn\.Embedding\(500, 16\)/.test(document.querySelector('[data-testid=code-text]')?.textContent ?? ''));
  assert.match(await code(page), /self\.drop = nn\.Dropout\(0\.3\)/);
  await page.getByTestId('code-tab-keras').click();
  assert.equal(await page.getByTestId('code-tab-keras').getAttribute('aria-selected'), 'true');
  const keras = await code(page);
  assert.match(keras, /keras\.layers\.Embedding\(500, 16\)/);
  assert.match(keras, /keras\.layers\.LSTM\(8, dropout=0\.3\)/);
  assert.match(keras, /keras\.layers\.Dense\(1, activation='sigmoid'\)/);
  assert.match(keras, /RMSprop\(learning_rate=1e-4\)/);
  assert.match(keras, /EarlyStopping\(patience=3, restore_best_weights=True\)/);
  await page.getByTestId('code-tab-pytorch').click();
  const pytorch = await code(page);
  assert.match(pytorch, /class LSTMModel/);
  // The code builds its data from the two review files the panel offers beside it.
  assert.match(pytorch, /read_reviews\('train10k\.txt\.gz'\)/);
  assert.match(pytorch, /train_dataset = dataset\(train_seq, train_target\)/);
  const links = page.getByTestId('code-data-file');
  assert.deepEqual(await links.allTextContents(), ['train10k.txt.gz', 'test2k.txt.gz']);
  for (const name of ['train10k.txt.gz', 'test2k.txt.gz']) {
    const [download] = await Promise.all([page.waitForEvent('download'), links.filter({ hasText: name }).click()]);
    assert.equal(download.suggestedFilename(), name);
    const got = await readFile(await download.path());
    const shipped = await readFile(new URL(`../../assets/nsmc/${name}`, import.meta.url));
    assert.ok(got.equals(shipped), `${name}: the download is the shipped file (${got.length} vs ${shipped.length} bytes)`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('the series code reads the table the panel offers and runs as shown', async () => {
  const { context, page, errors } = await open(`${server.url}?lesson=series&preset=series-course-rnn`);
  await page.getByTestId('code-panel').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => /def seq_data\(/.test(document.querySelector('[data-testid=code-text]')?.textContent ?? ''));
  let text = await code(page);
  assert.match(text, /^features = \["Open", "High", "Low", "Volume"\]/m);
  assert.match(text, /^target = "Close"/m);
  assert.match(text, /^split = 200 /m);
  assert.match(text, /^fit = rows /m, 'the course preset fits MinMax on the whole table, and says so');
  assert.match(text, /test MSE \(scaled\)/);
  const links = page.getByTestId('code-data-file');
  assert.deepEqual(await links.allTextContents(), ['stock_synthetic.csv']);
  const dir = await mkdtemp(join(tmpdir(), 'rnn-series-'));
  const [download] = await Promise.all([page.waitForEvent('download'), links.click()]);
  assert.equal(download.suggestedFilename(), 'stock_synthetic.csv');
  await download.saveAs(join(dir, 'stock_synthetic.csv'));
  const got = await readFile(join(dir, 'stock_synthetic.csv'));
  const shipped = await readFile(new URL('../../assets/series/stock_synthetic.csv', import.meta.url));
  assert.ok(got.equals(shipped), `the download is the shipped table (${got.length} vs ${shipped.length} bytes)`);
  if (process.env.PYTORCH_PYTHON) {
    const shown = join(dir, 'shown.py');
    await writeFile(shown, text.replace(/^epochs = \d+.*$/m, 'epochs = 3'));
    const out = execFileSync(process.env.PYTORCH_PYTHON, [shown], { cwd: dir, encoding: 'utf8' });
    // (The course preset prints every 100 epochs: three print none.)
    assert.match(out, /^test MSE \(scaled\): \d+\.\d+ over 226 test windows\n$/m, out);
  } else {
    console.log('# PYTORCH_PYTHON is not set: the series code is not run in PyTorch');
  }

  // The generated wave: the page writes it out as series.csv, one value per row.
  await page.goto(`${server.url}?lesson=series&preset=series-fast-lstm`);
  await ready(page);
  await page.getByTestId('code-panel').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => /series\.csv/.test(document.querySelector('[data-testid=code-text]')?.textContent ?? ''));
  text = await code(page);
  assert.match(text, /^fit = train_end /m);
  assert.deepEqual(await page.getByTestId('code-data-file').allTextContents(), ['series.csv']);
  const [wave] = await Promise.all([page.waitForEvent('download'), page.getByTestId('code-data-file').click()]);
  assert.equal(wave.suggestedFilename(), 'series.csv');
  await wave.saveAs(join(dir, 'series.csv'));
  const rows = (await readFile(join(dir, 'series.csv'), 'utf8')).trim().split('\n');
  assert.equal(rows[0], 'value');
  assert.ok(rows.length > 100 && rows.slice(1).every((r) => Number.isFinite(Number(r))), `${rows.length} rows of numbers`);
  if (process.env.PYTORCH_PYTHON) {
    const shown = join(dir, 'wave.py');
    await writeFile(shown, text.replace(/^epochs = \d+.*$/m, 'epochs = 2'));
    const out = execFileSync(process.env.PYTORCH_PYTHON, [shown], { cwd: dir, encoding: 'utf8' });
    assert.match(out, /epoch 2: loss \d+\.\d+\ntest MSE \(scaled\): \d+\.\d+ over \d+ test windows\n$/, out);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
