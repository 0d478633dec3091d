import t from 'tap';
import { createServer, type IncomingMessage } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { openStore, type Store } from '../store/index.js';
import { AlertRepository } from '../store/alerts.js';
import type { Outcome } from '../engine/findings/types.js';
import { deliverDue, queueScanAlerts, type RuleInfo } from './dispatch.js';

const SECRET = 'whsec-test-secret';

function outcome(rule_id: string, resource_id: string, status: Outcome['status'], severity: Outcome['severity'] = 'high'): Outcome {
  return { rule_id, resource_id, status, severity, resource_type: 'AWS::S3::Bucket', provider: 'aws', account: '111122223333', region: 'eu-west-1', message: status === 'FAIL' ? `${resource_id} is public` : undefined };
}

async function scan(store: Store, outcomes: Outcome[]): Promise<number> {
  const s = await store.scans.start({ target: 'prod' });
  await store.scans.addOutcomes(s.id, outcomes);
  await store.scans.finish(s.id);
  return s.id;
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => resolve(text));
  });
}

/** A webhook receiver that fails its first `failFirst` calls with 503, and checks the HMAC signature. */
async function receiver(t: { teardown: (fn: () => unknown) => void }, failFirst = 0) {
  const received: Array<{ path: string; body: any; signatureValid: boolean }> = [];
  let calls = 0;
  const server = createServer(async (req, res) => {
    const text = await body(req);
    calls++;
    if (calls <= failFirst) {
      res.writeHead(503).end();
      return;
    }
    const sig = String(req.headers['x-parapet-signature'] ?? '');
    const [, ts, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(sig) ?? [];
    const expected = ts ? createHmac('sha256', SECRET).update(`${ts}.${text}`).digest('hex') : '';
    const signatureValid = !!mac && timingSafeEqual(Buffer.from(mac), Buffer.from(expected));
    received.push({ path: req.url ?? '', body: JSON.parse(text), signatureValid });
    res.writeHead(200).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, calls: () => calls };
}

async function freshStore(t: { teardown: (fn: () => unknown) => void }): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-alerts-'));
  const store = await openStore({ location: join(dir, 'p.db') });
  t.teardown(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

const rules = new Map<string, RuleInfo>([
  ['aws.s3.public', { title: 'S3 bucket is not public', frameworks: ['cis-aws-3.0.0', 'pci-dss-4.0'] }],
  ['aws.s3.logging', { title: 'S3 access logging', frameworks: ['cis-aws-3.0.0'] }],
]);

t.test('webhook: signed, one alert per finding transition, retried with backoff after failures', async (t) => {
  const store = await freshStore(t);
  const hook = await receiver(t, 2);
  const alerts = new AlertRepository(store.db);
  await alerts.createRule({ name: 'high+ new or reopened', min_severity: 'high', frameworks: [], transitions: ['new', 'reopened'], channel: 'webhook', config: { url: `${hook.url}/hook`, secret: SECRET } });

  // Scan 1: two high failures and one low failure (below the rule's severity).
  const first = await scan(store, [outcome('aws.s3.public', 'b1', 'FAIL'), outcome('aws.s3.public', 'b2', 'FAIL'), outcome('aws.s3.logging', 'b1', 'FAIL', 'low')]);
  t.equal(await queueScanAlerts(store, first, rules), 2);
  t.equal(await queueScanAlerts(store, first, rules), 0, 'queueing the same scan again adds nothing');

  let now = new Date();
  const options = { now: () => now, baseDelayMs: 1000, rules };
  const r1 = await deliverDue(store, options);
  t.same(r1, { sent: 0, failed: 0, retrying: 2 }, 'the receiver is down: both wait for a retry');
  t.same(await deliverDue(store, options), { sent: 0, failed: 0, retrying: 0 }, 'nothing is due before the backoff');
  now = new Date(now.getTime() + 2_000);
  t.same(await deliverDue(store, options), { sent: 2, failed: 0, retrying: 0 });
  t.equal(hook.received.length, 2);
  t.ok(hook.received.every((r) => r.signatureValid), 'every delivery carries a valid HMAC signature');
  t.same(hook.received.map((r) => r.body.event), ['finding.new', 'finding.new']);
  t.same(hook.received[0].body.finding.frameworks, ['cis-aws-3.0.0', 'pci-dss-4.0']);

  // Scan 2: b1 fixed; scan 3: b1 fails again → reopened alert; b2 stays open → no alert.
  await queueScanAlerts(store, await scan(store, [outcome('aws.s3.public', 'b1', 'PASS'), outcome('aws.s3.public', 'b2', 'FAIL')]), rules);
  const third = await scan(store, [outcome('aws.s3.public', 'b1', 'FAIL'), outcome('aws.s3.public', 'b2', 'FAIL')]);
  t.equal(await queueScanAlerts(store, third, rules), 1);
  now = new Date(now.getTime() + 1_000);
  await deliverDue(store, options);
  t.equal(hook.received.length, 3);
  t.equal(hook.received[2].body.event, 'finding.reopened');
  t.equal(hook.received[2].body.finding.resource_id, 'b1');
});

t.test('a receiver that never recovers: the delivery is given up after maxAttempts', async (t) => {
  const store = await freshStore(t);
  const hook = await receiver(t, 1_000);
  await new AlertRepository(store.db).createRule({ name: 'all', min_severity: 'info', frameworks: ['pci-dss-4.0'], transitions: ['new'], channel: 'webhook', config: { url: hook.url, secret: SECRET } });
  const id = await scan(store, [outcome('aws.s3.public', 'b1', 'FAIL'), outcome('aws.s3.logging', 'b1', 'FAIL')]);
  t.equal(await queueScanAlerts(store, id, rules), 1, 'the framework filter leaves only the PCI-mapped rule');
  let now = new Date();
  for (let i = 0; i < 3; i++) {
    await deliverDue(store, { now: () => now, baseDelayMs: 10, maxAttempts: 3, rules });
    now = new Date(now.getTime() + 1_000);
  }
  const [delivery] = await new AlertRepository(store.db).deliveries();
  t.equal(delivery.status, 'failed');
  t.equal(delivery.attempts, 3);
  t.match(delivery.last_error, /503/);
  t.equal(hook.calls(), 3);
});

t.test('Slack-compatible webhook and SMTP email', async (t) => {
  const store = await freshStore(t);
  const slackHook = await receiver(t);
  const mails: Array<{ from: string; to: string[]; data: string }> = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (c) => (data += c));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const alerts = new AlertRepository(store.db);
  await alerts.createRule({ name: 'slack', min_severity: 'critical', frameworks: [], transitions: ['new'], channel: 'slack', config: { url: slackHook.url } });
  await alerts.createRule({ name: 'mail', min_severity: 'high', frameworks: ['cis-aws-3.0.0'], transitions: ['new'], channel: 'email', config: { host: '127.0.0.1', port: smtpPort, ignore_tls: true, from: 'parapet@example.test', to: 'secops@example.test' } });
  const id = await scan(store, [outcome('aws.s3.public', 'crit-bucket', 'FAIL', 'critical'), outcome('aws.s3.public', 'high-bucket', 'FAIL', 'high')]);
  t.equal(await queueScanAlerts(store, id, rules), 3, 'slack gets the critical one, mail gets both');
  t.same(await deliverDue(store, { rules }), { sent: 3, failed: 0, retrying: 0 });
  t.equal(slackHook.received.length, 1);
  t.match(slackHook.received[0].body.text, /New critical finding: S3 bucket is not public on crit-bucket/);
  t.equal(slackHook.received[0].body.blocks[0].type, 'section');
  t.equal(mails.length, 2);
  t.same(mails[0].to, ['secops@example.test']);
  t.match(mails.map((m) => m.data).join('\n'), /Subject: \[Parapet\] New high finding/);
});
