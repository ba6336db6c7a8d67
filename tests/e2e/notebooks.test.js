// End to end: every notebook opened in a real JupyterLab in Debian's Chromium, run with the Java
// (RelNet) kernel, and checked the way a person would look at it.
//
// Needs: the relnet-java kernelspec installed for RELNET_PYTHON's Jupyter, and the executed copies
// that tests/test_notebooks_execute.py writes to output/test-run/notebooks/ (they tell which cells
// draw figures and how many outputs each cell should end with). environment/test.sh runs it last.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startJupyterLab } from './jupyterlab.js';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');
const PYTHON = process.env.RELNET_PYTHON ?? join(ROOT, '.venv', 'bin', 'python');
// Overridable only to debug the harness itself with another kernel.
const KERNEL_DISPLAY_NAME = process.env.RELNET_E2E_KERNEL_DISPLAY_NAME ?? 'Java (RelNet)';
const SHOTS = join(ROOT, 'output', 'screenshots');
const EXECUTED = join(ROOT, 'output', 'test-run', 'notebooks');
const PLOTLY_MIME = 'application/vnd.plotly.v1+json';
const STREAM_MIMES = new Set(['application/vnd.jupyter.stdout', 'application/vnd.jupyter.stderr']);
const RUN_TIMEOUT_MS = Number(process.env.RELNET_E2E_RUN_TIMEOUT_S ?? 1800) * 1000;
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

function notebooksUnder(dir) {
  if (!existsSync(dir)) return [];
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (name === '.ipynb_checkpoints') continue;
    if (statSync(p).isDirectory()) found.push(...notebooksUnder(p));
    else if (name.endsWith('.ipynb')) found.push(p);
  }
  return found;
}
const NOTEBOOKS = process.env.RELNET_E2E_NOTEBOOKS
  ? process.env.RELNET_E2E_NOTEBOOKS.split(":").map((p) => resolve(ROOT, p))  // relative to the repository root
  : [...notebooksUnder(join(ROOT, 'notebooks')), ...notebooksUnder(join(ROOT, 'tests', 'fixtures'))];

/** What the headless run produced, per cell: figure kinds and the number of non-stream outputs. */
function expectations(notebook) {
  const executed = join(EXECUTED, basename(notebook));
  assert.ok(existsSync(executed), `${executed} is missing: run tests/test_notebooks_execute.py first (environment/test.sh does)`);
  const nb = JSON.parse(readFileSync(executed, 'utf8'));
  return nb.cells.map((cell) => {
    const outs = cell.outputs ?? [];
    const rich = outs.filter((o) => o.output_type === 'display_data' || o.output_type === 'execute_result');
    return {
      code: cell.cell_type === 'code',
      richOutputs: rich.length,
      plotly: rich.some((o) => PLOTLY_MIME in (o.data ?? {})),
      image: rich.some((o) => !(PLOTLY_MIME in (o.data ?? {})) && ('image/png' in (o.data ?? {}) || 'image/svg+xml' in (o.data ?? {}))),
    };
  });
}

/** Counts kernel messages seen by the page, from the raw websocket frames (JSON or v1 binary). */
function watchKernelMessages(page) {
  const counts = { update_display_data: 0, error: 0 };
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => {
      const text = typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8');
      // The message's own header comes before its parent header, so the first msg_type is its type.
      const m = /"msg_type"\s*:\s*"([a-z_]+)"/.exec(text);
      if (m && m[1] in counts) counts[m[1]] += 1;
    });
  });
  return counts;
}

async function openNotebook(context, lab, notebook) {
  const page = await context.newPage();
  const messages = watchKernelMessages(page);
  const url = `${lab.base}/lab/tree/${relative(ROOT, notebook).split('/').map(encodeURIComponent).join('/')}?reset&token=${lab.token}`;
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.locator('.jp-Notebook .jp-Cell').first().waitFor({ timeout: 120_000 });
  // The notebook names relnet-java; if JupyterLab still asks, pick the Java kernel explicitly.
  const dialog = page.locator('.jp-Dialog');
  if (await dialog.isVisible().catch(() => false)) {
    await dialog.locator('select').selectOption({ label: KERNEL_DISPLAY_NAME });
    await dialog.getByRole('button', { name: 'Select' }).click();
  }
  await page.locator('.jp-Toolbar-kernelName', { hasText: KERNEL_DISPLAY_NAME }).first().waitFor({ timeout: 60_000 });
  await waitForIdle(page, 180_000);
  return { page, messages };
}

async function waitForIdle(page, timeout) {
  await page.waitForFunction(() => {
    const el = document.querySelector('.jp-Notebook-ExecutionIndicator');
    const status = el?.getAttribute('data-status');
    return status === 'idle';
  }, null, { timeout, polling: 500 });
}

/** Prompt texts of all code cells: "[3]:" when done, "[*]:" while running or queued. */
async function prompts(page) {
  return page.$$eval('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt', (els) => els.map((e) => e.textContent.trim()));
}

async function runAll(page) {
  await page.locator('.lm-MenuBar-item', { hasText: /^Run$/ }).click();
  await page.getByRole('menuitem', { name: /^Run All Cells/ }).click();
  await page.waitForFunction(() => {
    const ps = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')].map((e) => e.textContent);
    return ps.length > 0 && ps.every((t) => /\[\d+\]/.test(t));
  }, null, { timeout: RUN_TIMEOUT_MS, polling: 1000 });
  await waitForIdle(page, 60_000);
}

/** Per cell in the page: rich (non-stream) output count, images shown, Plotly charts drawn. */
async function shownOutputs(page) {
  return page.$$eval('.jp-Notebook .jp-Cell', (cells, streamMimes) => cells.map((cell) => {
    const outputs = [...cell.querySelectorAll('.jp-OutputArea-child .jp-OutputArea-output')];
    return {
      rich: outputs.filter((o) => !streamMimes.includes(o.getAttribute('data-mime-type'))).length,
      images: [...cell.querySelectorAll('.jp-OutputArea img')].filter((i) => i.complete && i.naturalWidth > 0).length,
      plotly: cell.querySelectorAll('.jp-OutputArea .js-plotly-plot .main-svg').length,
      text: cell.querySelector('.jp-OutputArea')?.textContent ?? '',
    };
  }), [...STREAM_MIMES]);
}

async function typeIntoNewCellAndRun(page, code) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('b');            // new cell below, selected
  await page.keyboard.press('Enter');        // edit mode
  await page.keyboard.type(code);
  await page.keyboard.press('Control+Enter'); // run, stay on the cell
}

let lab;
let context;
let userDataDir;

describe('JupyterLab end to end', { concurrency: 1 }, () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    lab = await startJupyterLab({ python: PYTHON, root: ROOT });
    const specs = await lab.kernelSpecs();
    if (!process.env.RELNET_E2E_KERNEL_DISPLAY_NAME) assert.ok(specs.kernelspecs['relnet-java'], `JupyterLab does not list the relnet-java kernelspec: ${Object.keys(specs.kernelspecs)}`);
    userDataDir = mkdtempSync(join(tmpdir(), 'relnet-e2e-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.RELNET_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 1000 },
    });
  });

  after(async () => {
    await context?.close().catch(() => {});
    await lab?.stop();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  test('there is something to open', () => {
    assert.ok(NOTEBOOKS.length > 0, 'no notebooks under notebooks/ or tests/fixtures/');
  });

  for (const notebook of NOTEBOOKS) {
    const name = basename(notebook, '.ipynb');
    test(`${relative(ROOT, notebook)}: runs in JupyterLab with figures and in-place progress`, async () => {
      const committed = readFileSync(notebook);
      const expected = expectations(notebook);
      const { page, messages } = await openNotebook(context, lab, notebook);
      try {
        await runAll(page);
        // Plotly charts draw asynchronously after their output arrives.
        const figureCells = expected.map((e, i) => ({ ...e, i })).filter((e) => e.plotly || e.image);
        const cells = page.locator('.jp-Notebook .jp-Cell');
        for (const f of figureCells) {
          const sel = f.plotly ? '.js-plotly-plot .main-svg' : '.jp-OutputArea-output img';
          await cells.nth(f.i).locator(sel).first().waitFor({ timeout: 60_000 });
        }
        const shown = await shownOutputs(page);

        assert.equal(messages.error, 0, `the kernel reported ${messages.error} error(s)`);
        assert.equal(shown.length, expected.length, 'the page shows every cell of the notebook');
        for (const f of figureCells) {
          if (f.plotly) assert.ok(shown[f.i].plotly >= 1, `cell ${f.i}: Plotly chart not drawn`);
          else assert.ok(shown[f.i].images >= 1, `cell ${f.i}: figure image not shown`);
        }
        // "Progress updated in place": no cell ends with more outputs than in the headless run
        // (where updates replace outputs), however many update messages the page received. Fewer is
        // fine: work the headless run cached (a generated dataset) shows no progress the second time.
        for (let i = 0; i < expected.length; i++) {
          if (!expected[i].code) continue;
          assert.ok(shown[i].rich <= expected[i].richOutputs,
            `cell ${i}: ${shown[i].rich} outputs in the page, ${expected[i].richOutputs} expected (display updates must replace, not append)`);
        }

        if (figureCells.length) await cells.nth(figureCells[0].i).scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `${name}.png`) });
        for (const f of figureCells) {
          await cells.nth(f.i).screenshot({ path: join(SHOTS, `${name}-cell${f.i}.png`) });
        }

        if (name === 'display-smoke') {
          assert.ok(messages.update_display_data >= 40, `progress sent ${messages.update_display_data} updates, 40 expected`);
          assert.match(shown[shown.length - 1].text, /step 40\/40/);
        }
        if (name === (process.env.RELNET_E2E_INTERRUPT_IN ?? 'display-smoke')) {
          await checkInterrupt(page, name, JSON.parse(committed).metadata?.kernelspec?.language ?? 'java');
        }
      } catch (e) {
        await page.screenshot({ path: join(SHOTS, `${name}-FAILED.png`) }).catch(() => {});
        const html = await page.locator('.jp-Notebook').innerHTML().catch(() => '');
        writeFileSync(join(SHOTS, `${name}-FAILED.html`), html);
        throw e;
      } finally {
        await page.close();
        await lab.stopKernels();
      }
      assert.deepEqual(readFileSync(notebook), committed, `${notebook} was modified on disk by the e2e run`);
    });
  }
});

const INTERRUPT_CELLS = {
  // The busy loop says "spinning" from inside itself (one snippet), so the stop button is pressed
  // while the loop really runs, not while the kernel still compiles it.
  java: ['long[] counter = {0};', 'for (;;) { if (++counter[0] == 1000) System.out.println("spinning"); }', 'counter[0] > 1000'],
  python: ['counter = [0]', 'while True: counter[0] += 1; counter[0] == 1000 and print("spinning")', 'counter[0] > 1000'],
};

/** The stop button ends a busy cell; the kernel keeps its variables and runs the next cell. */
async function checkInterrupt(page, name, language) {
  const [declare, spin, check] = INTERRUPT_CELLS[language];
  await typeIntoNewCellAndRun(page, declare);
  await page.waitForFunction(() => !([...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')].some((e) => e.textContent.includes('*'))), null, { timeout: 60_000 });
  await typeIntoNewCellAndRun(page, spin);
  const busy = page.locator('.jp-Notebook .jp-CodeCell').last();
  await busy.locator('.jp-OutputArea-output', { hasText: 'spinning' }).waitFor({ timeout: 60_000 });
  await page.locator('[data-command="notebook:interrupt-kernel"]').first().click();
  await busy.locator('.jp-InputArea-prompt').filter({ hasText: /\[\d+\]/ }).waitFor({ timeout: 60_000 });
  await waitForIdle(page, 60_000);
  await typeIntoNewCellAndRun(page, check);
  const next = page.locator('.jp-Notebook .jp-CodeCell').last();
  await next.locator('.jp-OutputArea-output', { hasText: /true/i }).waitFor({ timeout: 60_000 });
  await next.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, `${name}-after-interrupt.png`) });
}
