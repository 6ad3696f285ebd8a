import { serveDist, launchBrowser, openPage, ready } from './harness.mjs';
const server = await serveDist();
const browser = await launchBrowser();
async function shot(url, steps, name, act, vp) {
  const { page, context } = await openPage(browser, server.url + url, vp);
  await ready(page);
  await page.getByTestId('tour-start').click();
  for (let i = 1; i < steps; i++) await page.getByTestId('tour-next').click();
  await page.waitForTimeout(800);
  await ready(page);
  if (act) await act(page);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/shots/${name}.png` });
  await context.close();
}
const play = async (page) => { await page.getByTestId('play').click(); await page.waitForFunction(() => document.querySelector('[data-testid=tour-claim]')?.dataset.holds === 'true', null, { timeout: 90000 }); };
await shot('?lesson=sentiment&lang=ko', 4, 'sent-ko-4', play);
await shot('?lesson=char&lang=en', 4, 'char-en-4', play);
await shot('?lesson=mnist&lang=ko&presenter=1', 4, 'mnist-ko-4-presenter', async (p) => { await p.getByTestId('step').click(); await p.waitForTimeout(2000); }, { width: 1920, height: 1080 });
await shot('?lesson=series&lang=ko', 5, 'series-ko-5', null, { width: 390, height: 844 });
await browser.close(); await server.close();
