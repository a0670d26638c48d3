// The review desk in a real browser, as a fact-checker uses it: headless
// Chromium driven over the DevTools protocol (a small WebSocket client
// below, no packages). Opens the demo report through `parallax serve`, filters to high
// severity, confirms a finding, reloads and sees it confirmed; then opens a
// report of hostile articles from disk and checks that they render as text.
//
// usage: node desk_browser_test.mjs PARALLAX SOURCE_DIR WORK_DIR [SHOTS_DIR]
// Exit status 0 passed, 1 failed, 77 skipped (no Chromium).
import {spawn, spawnSync} from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';

const [parallax, sourceDir, work, shots] = process.argv.slice(2);
const chromium = ['chromium', 'chromium-browser', 'google-chrome']
    .map((name) => spawnSync('sh', ['-c', `command -v ${name}`]).stdout.toString().trim())
    .find((found) => found);
if (!chromium) {
  console.log('SKIPPED: no Chromium on this machine (apt-get install chromium)');
  process.exit(77);
}

// A WebSocket client for the DevTools endpoint (RFC 6455, text frames only),
// so that the test needs no package and no particular Node version.
function openSocket(url) {
  const {hostname, port, pathname} = new URL(url);
  const key = crypto.randomBytes(16).toString('base64');
  return new Promise((resolve, reject) => {
    const request = http.request({hostname, port, path: pathname, headers: {
      Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': key}});
    request.on('error', reject);
    request.on('upgrade', (response, socket) => {
      const listeners = {message: () => {}};
      let buffer = Buffer.alloc(0);
      let parts = [];
      socket.on('data', (chunk) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (;;) {
          if (buffer.length < 2) return;
          const fin = buffer[0] & 0x80, opcode = buffer[0] & 0x0f;
          let length = buffer[1] & 0x7f, at = 2;
          if (length === 126) {
            if (buffer.length < 4) return;
            length = buffer.readUInt16BE(2);
            at = 4;
          } else if (length === 127) {
            if (buffer.length < 10) return;
            length = Number(buffer.readBigUInt64BE(2));
            at = 10;
          }
          if (buffer.length < at + length) return;
          const payload = buffer.subarray(at, at + length);
          buffer = buffer.subarray(at + length);
          if (opcode === 1 || opcode === 0) {
            parts.push(payload);
            if (fin) {
              listeners.message({data: Buffer.concat(parts).toString('utf8')});
              parts = [];
            }
          }
        }
      });
      resolve({
        send(text) {
          const payload = Buffer.from(text, 'utf8');
          const mask = crypto.randomBytes(4);
          const header = payload.length < 126 ? Buffer.from([0x81, 0x80 | payload.length])
              : payload.length < 65536 ? Buffer.from([0x81, 0xfe, payload.length >> 8, payload.length & 0xff])
              : Buffer.concat([Buffer.from([0x81, 0xff]), (() => {
                  const b = Buffer.alloc(8);
                  b.writeBigUInt64BE(BigInt(payload.length));
                  return b;
                })()]);
          const masked = Buffer.alloc(payload.length);
          for (let i = 0; i < payload.length; i++) masked[i] = payload[i] ^ mask[i % 4];
          socket.write(Buffer.concat([header, mask, masked]));
        },
        set onmessage(fn) { listeners.message = fn; },
        close() { socket.destroy(); },
      });
    });
    request.end();
  });
}

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Starts a process and resolves with it and the first stdout/stderr line
// that matches `pattern`.
function startAndWaitFor(command, args, stream, pattern) {
  const child = spawn(command, args, {stdio: ['ignore', 'pipe', 'pipe']});
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command}: no line matching ${pattern}`)), 30000);
    readline.createInterface({input: child[stream]}).on('line', (line) => {
      const match = line.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve({child, match});
      }
    });
    child.on('exit', (code) => reject(new Error(`${command} exited ${code}`)));
  });
}

// A DevTools session on one page.
class Page {
  static async open(browserUrl) {
    const page = new Page(await openSocket(browserUrl));
    const {targetId} = await page.send('Target.createTarget', {url: 'about:blank'});
    const {sessionId} = await page.send('Target.attachToTarget', {targetId, flatten: true});
    page.sessionId = sessionId;
    await page.send('Page.enable');
    await page.send('Runtime.enable');
    return page;
  }
  constructor(socket) {
    this.socket = socket;
    this.next = 1;
    this.pending = new Map();
    this.dialogs = [];
    this.loaded = null;
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.id && this.pending.has(message.id)) {
        const {resolve, reject} = this.pending.get(message.id);
        this.pending.delete(message.id);
        message.error ? reject(new Error(message.error.message)) : resolve(message.result);
      } else if (message.method === 'Page.javascriptDialogOpening') {
        this.dialogs.push(message.params.message);
        this.send('Page.handleJavaScriptDialog', {accept: false});
      } else if (message.method === 'Page.loadEventFired' && this.loaded) {
        this.loaded();
      }
    };
  }
  send(method, params = {}) {
    const id = this.next++;
    const message = {id, method, params};
    if (this.sessionId) message.sessionId = this.sessionId;
    this.socket.send(JSON.stringify(message));
    return new Promise((resolve, reject) => this.pending.set(id, {resolve, reject}));
  }
  async go(url) {
    const loaded = new Promise((resolve) => (this.loaded = resolve));
    await this.send('Page.navigate', {url});
    await loaded;
  }
  async reload() {
    const loaded = new Promise((resolve) => (this.loaded = resolve));
    await this.send('Page.reload', {ignoreCache: true});
    await loaded;
  }
  async eval(expression) {
    const {result, exceptionDetails} = await this.send('Runtime.evaluate',
        {expression, returnByValue: true, awaitPromise: true});
    if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.text}`);
    return result.value;
  }
  async until(expression, what) {
    for (let i = 0; i < 100; i++) {
      if (await this.eval(expression)) return true;
      await sleep(50);
    }
    throw new Error(`timed out waiting for ${what}`);
  }
  async screenshot(file) {
    const {data} = await this.send('Page.captureScreenshot', {format: 'png'});
    fs.writeFileSync(file, Buffer.from(data, 'base64'));
  }
}

fs.rmSync(work, {recursive: true, force: true});
fs.mkdirSync(work, {recursive: true});
const children = [];
try {
  // The demo report, served.
  const out = path.join(work, 'demo');
  const scan = spawnSync(parallax, ['scan', path.join(sourceDir, 'corpus/demo'), '--out', out, '--quiet']);
  check(scan.status === 0, 'parallax scan corpus/demo');
  const served = await startAndWaitFor(parallax, ['serve', out, '--port', '0'], 'stdout',
      /http:\/\/127\.0\.0\.1:(\d+)\//);
  children.push(served.child);
  const url = `http://127.0.0.1:${served.match[1]}/`;

  const browser = await startAndWaitFor(chromium, ['--headless=new', '--no-sandbox',
      '--disable-gpu', '--no-first-run', '--remote-debugging-port=0',
      `--user-data-dir=${path.join(work, 'profile')}`, '--window-size=1280,900', 'about:blank'],
      'stderr', /DevTools listening on (ws:\/\/\S+)/);
  children.push(browser.child);
  const page = await Page.open(browser.match[1]);

  await page.go(url);
  await page.until(`document.body.dataset.ready && document.querySelector('.review button')`,
      'the page and its review controls');
  await page.eval(`localStorage.setItem('parallax-reviewer', 'browser test'); true`);
  const total = await page.eval(`document.querySelectorAll('.frow').length`);
  check(total >= 12, `the demo report lists its findings (${total})`);

  // Filter to high severity.
  await page.eval(`(() => { const s = document.getElementById('sev'); s.value = 'high';
      s.dispatchEvent(new Event('change')); return true; })()`);
  const shown = await page.eval(`Array.from(document.querySelectorAll('.frow'))
      .map((el) => el.getAttribute('data-severity'))`);
  check(shown.length > 0 && shown.length < total && shown.every((s) => s === 'high'),
      `filtered to high severity: ${shown.length} of ${total}`);

  // Open a finding with the keyboard and confirm it through the server.
  await page.eval(`document.dispatchEvent(new KeyboardEvent('keydown', {key: 'j'})); true`);
  const id = await page.eval(`document.querySelector('.frow.sel').getAttribute('data-id')`);
  check(/^f-[0-9a-f]{12}$/.test(id) && (await page.eval(`location.hash`)) === `#${id}`,
      `j selects a finding and links to it (${id})`);
  check((await page.eval(`document.getElementById('fview').getAttribute('data-id')`)) === id,
      'the finding view shows the selected finding');
  const columns = await page.eval(`document.querySelectorAll('#fview .side').length`);
  check(columns >= 2, `its sources side by side (${columns} columns)`);
  check(await page.eval(`!!document.querySelector('#fview blockquote mark')`),
      'the claim span is highlighted in its sentence');
  await page.eval(`document.querySelector('#fview details.para').open = true; true`);
  const paragraph = await page.eval(`document.querySelector('#fview details.para p mark').textContent`);
  check(paragraph.length > 0, `and in its paragraph ("${paragraph}")`);
  await page.eval(`document.dispatchEvent(new KeyboardEvent('keydown', {key: 'c'})); true`);
  await page.until(`document.getElementById('fview').getAttribute('data-review') === 'confirmed'`,
      'the confirmation');
  await page.reload();
  await page.until(`document.body.dataset.ready &&
      document.getElementById('fview').getAttribute('data-id') === '${id}' &&
      document.getElementById('fview').getAttribute('data-review') === 'confirmed'`,
      'the confirmation after a reload');
  check(true, 'confirmed, reloaded, still confirmed');
  const status = await page.eval(`document.querySelector('#fview .review-status').textContent`);
  check(status.startsWith('confirmed by browser test'), `status line: ${status}`);
  check(await page.eval(`document.querySelector('.frow[data-id="${id}"]').getAttribute('data-review')`) ===
      'confirmed', 'the list shows it confirmed');
  await page.eval(`document.querySelector('#fview details.history').open = true; true`);
  await page.until(`Array.from(document.querySelectorAll('#fview details.history li'))
      .some((li) => li.textContent.startsWith('confirmed by browser test'))`, 'the decision history');
  check(true, 'the decision history lists the confirmation');
  await page.eval(`document.dispatchEvent(new KeyboardEvent('keydown', {key: '?'})); true`);
  check(await page.eval(`!document.getElementById('help').hidden`), '? opens the help');
  await page.eval(`document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'})); true`);

  // A count that rose over later reports shows as a timeline.
  const update = await page.eval(`(() => {
      const data = JSON.parse(document.getElementById('report-data').textContent);
      const f = data.findings.find((f) => f.kind === 'quantity_update');
      return f ? f.id : ''; })()`);
  await page.eval(`location.hash = '#${update}'; true`);
  await page.until(`document.getElementById('fview').getAttribute('data-id') === '${update}'`,
      'the update finding');
  const reports = await page.eval(`document.querySelectorAll('#fview .timeline tbody tr').length`);
  check(reports >= 3, `the rising toll's timeline has ${reports} reports`);

  // A quote worded differently, for the screenshot of a finding.
  const variant = await page.eval(`(() => {
      const data = JSON.parse(document.getElementById('report-data').textContent);
      const f = data.findings.find((f) => f.kind === 'quote_variant');
      return f ? f.id : ''; })()`);
  await page.eval(`location.hash = '#${variant}'; true`);
  await page.until(`document.querySelector('#fview .diff ins, #fview .diff del')`, 'the word diff');
  check(true, 'a quote variant shows its word diff');
  if (shots) await page.screenshot(path.join(shots, 'desk-finding.png'));

  // The cluster list links each cluster's findings.
  await page.eval(`location.hash = '#cluster-c4'; true`);
  await page.until(`document.querySelector('#clusters tr.target')`, 'the cluster row');
  if (shots) {
    await page.eval(`document.getElementById('clusters').scrollIntoView(); true`);
    await page.screenshot(path.join(shots, 'desk-clusters.png'));
  }
  await page.eval(`document.querySelector('#clusters tr.target a[href^="#findings-"]').click(); true`);
  await page.until(`document.getElementById('only-cluster').textContent.startsWith('cluster c4')`,
      'the cluster filter');
  const inCluster = await page.eval(`(() => {
      const data = JSON.parse(document.getElementById('report-data').textContent);
      return data.findings.filter((f) => f.cluster === 'c4').length; })()`);
  check((await page.eval(`document.querySelectorAll('.frow').length`)) === inCluster,
      `the cluster's findings link lists its ${inCluster} findings`);

  // Hostile articles, from disk: everything renders as text, nothing runs.
  const xss = path.join(work, 'xss');
  fs.mkdirSync(xss);
  fs.writeFileSync(path.join(xss, 'a.txt'), 'date 2023-05-02\nsource <script>window.__xss=1</script>\n' +
      'title "><img src=x onerror="window.__xss=2">\nurl javascript:window.__xss=3\n\n' +
      'At least 40 people were killed in <script>window.__xss=4</script> Kelvara on Monday when ' +
      'the Isel Dam failed, officials of the Kelvara Red Cross said. Governor Ana Ruiz said: ' +
      '"The water came at night and took whole streets." "><img src=x onerror=window.__xss=5>\n');
  fs.writeFileSync(path.join(xss, 'b.txt'), 'date 2023-05-02\nsource Harbor Post\n\n' +
      'About 12 people were killed in Kelvara on Monday when the Isel Dam failed, officials of ' +
      'the Kelvara Red Cross said. Governor Ana Ruiz said: "The water came at night and took ' +
      'whole streets." <svg onload="window.__xss=6">\n');
  const xssOut = path.join(work, 'xss-report');
  spawnSync(parallax, ['scan', xss, '--out', xssOut, '--quiet']);
  await page.go(`file://${path.join(xssOut, 'report.html')}`);
  await page.until(`document.body.dataset.ready`, 'the hostile report');
  check((await page.eval(`document.querySelectorAll('.frow').length`)) > 0, 'it has a finding to show');
  check((await page.eval(`typeof window.__xss`)) === 'undefined', 'no script from the articles ran');
  check(page.dialogs.length === 0, 'no dialog opened');
  check(await page.eval(`document.getElementById('fview').textContent.includes('<script>window.__xss=1</script>')`),
      'the hostile source name is shown as text');
  check(await page.eval(`document.getElementById('fview').textContent.includes('"><img src=x onerror=window.__xss=5>')`),
      'the hostile article text is shown as text');
  await page.eval(`location.hash = '#article-a'; true`);
  await page.until(`document.querySelector('#articles tr.target')`, 'the hostile article row');
  check(await page.eval(`document.querySelector('#articles tr.target').textContent.includes('javascript:window.__xss=3')`),
      'the javascript: URL is shown as text');
  check(await page.eval(`!document.querySelector('img, svg, a[href^="javascript"]')`),
      'no image, svg or javascript: link made it into the page');
} catch (error) {
  check(false, error.message);
} finally {
  for (const child of children) child.kill('SIGKILL');
}
console.log(failures ? `${failures} failed` : 'all passed');
process.exit(failures ? 1 : 0);
