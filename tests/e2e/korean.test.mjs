// The Korean interface is Korean: in every lesson, after opening, training and opening the
// panels, the visible text holds no English words except names the course itself writes in
// English (PyTorch, LSTM, nn.Linear, MSE…), units, data column names and file names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, ready, screenshot, servedApp, server, browser } from './harness.mjs';

servedApp();

// Written in English in the course too, or not words at all; then the language's own name,
// file formats and names (NSMC's files, the IMDB-style CSV's columns and values), and the
// agencies the shipped tables come from (credits).
const ALLOWED = new Set(`
  RNN LSTM GRU PyTorch Keras MNIST NSMC CSV TSV MSE RMSE MAE BCE BPTT Adam SGD RMSprop SimpleRNN
  nn torch Linear Embedding Dropout Sigmoid sigmoid softmax tanh relu ReLU CrossEntropyLoss
  MSELoss BCEWithLogitsLoss num_words maxlen pad_sequences to_categorical batch_first reshape
  return_sequences
  input_size hidden_size num_layers bias dropout bidirectional weight_ih weight_hh bias_ih
  bias_hh fc weight embedding rnn out Dense KOSPI Open High Low Close Volume
  ms kB KB MB GB fps
  pre post
  GPU CPU SIMD WebAssembly JSON
  id lr eps betas alpha momentum beta weight_decay
  x_t h_t c_t h_n c_n h_0 c_0 W_xh W_hh W_hy W_ih i_t f_t g_t o_t r_t z_t n_t y_t
  b_ih b_hh W_in b_in W_hn b_hn state_dict reset_after True MinMax
  English
  IDX gzip txt ratings_train ratings_test review sentiment positive negative IMDB
  NOAA SIO FRED CO Date
`.split(/\s+/).filter(Boolean));

/** English-looking words in the visible text, outside code, canvases and data values. */
async function englishWords(page) {
  return page.evaluate(() => {
    const skip = (el) => el.closest('pre, code, kbd, canvas, textarea, .data-name, [data-lang-neutral]');
    const texts = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!el || skip(el)) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      texts.push(n.textContent);
    }
    for (const el of document.querySelectorAll('[title], [placeholder], [aria-label]')) {
      if (skip(el)) continue;
      for (const a of ['title', 'placeholder', 'aria-label']) {
        const v = el.getAttribute(a);
        if (v) texts.push(v);
      }
    }
    return texts.join('\n');
  }).then((text) => {
    const words = text.match(/[A-Za-z][A-Za-z_']*[A-Za-z]/g) ?? [];
    return words;
  });
}

const LESSONS = [
  ['char', 'char-fast-lstm'],
  ['mnist', 'mnist-fast-gru'],
  ['series', 'series-fast-lstm'],
  // The course's stock table: its preview, split and scaling controls.
  ['series', 'series-course-rnn'],
  ['sentiment', 'sentiment-fast-lstm'],
  // The course's hand-written cell: its notes in the controls and the inside views.
  ['char', 'char-course-cell'],
];

for (const [lesson, preset] of LESSONS) {
  test(`the ${lesson} lesson in Korean shows no English words outside the allow-list (${preset})`, async () => {
    const { page, errors, context } = await openPage(browser, `${server.url}?lesson=${lesson}&preset=${preset}&lang=ko`);
    await ready(page);
    await page.getByTestId('step').click();
    await page.waitForFunction(() => /1/.test(document.querySelector('[data-testid=status]').textContent));
    await page.waitForTimeout(800);
    // Open every closed panel so its text counts.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    await page.waitForTimeout(300);
    const data = new Set(await page.evaluate(() => [...document.querySelectorAll('.data-name')].map((e) => e.textContent)));
    const english = (await englishWords(page)).filter((w) => !ALLOWED.has(w) && !data.has(w));
    await screenshot(page, `korean-${preset}`);
    assert.deepEqual([...new Set(english)], [], `English words in the Korean ${lesson} lesson`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the language follows the browser on the first visit', async () => {
  const context = await browser.newContext({ locale: 'ko-KR' });
  const page = await context.newPage();
  await page.goto(server.url);
  await ready(page);
  assert.equal(await page.getByTestId('language-select').inputValue(), 'ko');
  await context.close();
  const en = await browser.newContext({ locale: 'en-US' });
  const p2 = await en.newPage();
  await p2.goto(server.url);
  await ready(p2);
  assert.equal(await p2.getByTestId('language-select').inputValue(), 'en');
  await en.close();
});
