// Starts a private JupyterLab for the e2e suite: loopback only, a random token, fresh settings
// (no autosave, so the committed notebooks are never written), and every cell kept in the DOM.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function writeSettings(dir) {
  const put = (plugin, file, value) => {
    mkdirSync(join(dir, plugin), { recursive: true });
    writeFileSync(join(dir, plugin, `${file}.jupyterlab-settings`), JSON.stringify(value));
  };
  put('@jupyterlab/docmanager-extension', 'plugin', { autosave: false });
  put('@jupyterlab/notebook-extension', 'tracker', { windowingMode: 'none' });
  put('@jupyterlab/apputils-extension', 'notification', { fetchNews: 'false', checkForUpdates: false });
}

export async function startJupyterLab({ python, root, log }) {
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const home = mkdtempSync(join(tmpdir(), 'relnet-e2e-lab-'));
  writeSettings(join(home, 'settings'));
  const env = {
    ...process.env,
    JUPYTERLAB_SETTINGS_DIR: join(home, 'settings'),
    JUPYTERLAB_WORKSPACES_DIR: join(home, 'workspaces'),
    JUPYTER_RUNTIME_DIR: join(home, 'runtime'),
  };
  const args = ['-m', 'jupyterlab', '--no-browser',
    '--ServerApp.ip=127.0.0.1', `--ServerApp.port=${port}`, '--ServerApp.port_retries=0',
    `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${root}`,
    '--LabApp.news_url=None', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
    '--LabApp.extension_manager=readonly', '--ServerApp.terminals_enabled=False'];
  if (process.getuid?.() === 0) args.push('--allow-root'); // CI containers run as root
  const proc = spawn(python, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  for (const s of [proc.stdout, proc.stderr]) s.on('data', (d) => { output += d; if (log) log(String(d)); });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`JupyterLab exited with ${proc.exitCode}:\n${output}`);
    try {
      const r = await fetch(`${base}/api/status`, { headers: { Authorization: `token ${token}` } });
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`JupyterLab did not answer within 120 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const api = async (method, path) => {
    const r = await fetch(`${base}${path}`, { method, headers: { Authorization: `token ${token}` } });
    if (!r.ok && r.status !== 404) throw new Error(`${method} ${path}: HTTP ${r.status}`);
    return r.status === 204 ? null : r.json().catch(() => null);
  };
  return {
    base, token, output: () => output,
    /** Shuts down every kernel session: closing a browser tab leaves kernels running. */
    async stopKernels() {
      for (const s of (await api('GET', '/api/sessions')) ?? []) await api('DELETE', `/api/sessions/${s.id}`);
    },
    async kernelSpecs() { return api('GET', '/api/kernelspecs'); },
    async stop() {
      await this.stopKernels().catch(() => {});
      try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* already gone */ }
      await new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        const t = setTimeout(() => { try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ } resolve(); }, 10_000);
        proc.once('exit', () => { clearTimeout(t); resolve(); });
      });
    },
  };
}
