/**
 * Where alerts go: a generic JSON webhook signed with HMAC-SHA256, a
 * Slack-compatible incoming webhook, and email over SMTP. A sender resolves
 * when the receiver accepted the alert and throws otherwise (the dispatcher
 * retries with backoff).
 */
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import { ParapetError } from '../common/errors.js';

export interface AlertMessage {
  event: 'finding.new' | 'finding.reopened' | 'finding.resolved' | 'finding.open';
  /** Stable per (alert rule, finding transition): receivers may deduplicate on it. */
  id: string;
  scan_id: number;
  at: string;
  finding: {
    rule_id: string;
    title?: string;
    severity: string;
    resource_id: string;
    resource_type: string;
    provider: string;
    account: string;
    region: string;
    message: string | null;
    first_seen: string;
    frameworks: string[];
  };
}

export type Sender = (message: AlertMessage, config: Record<string, unknown>) => Promise<void>;

/** `X-Parapet-Signature: t=<unix>,v1=<hex hmac of "<t>.<body>">`: the timestamp stops replays. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

function stringOption(config: Record<string, unknown>, key: string, channel: string): string {
  const value = config[key];
  if (typeof value !== 'string' || !value) throw new ParapetError('alert_config', `the ${channel} alert channel needs "${key}"`);
  return value;
}

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<void> {
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, signal: AbortSignal.timeout(timeoutMs) });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${new URL(url).host} answered ${response.status}`);
}

export const webhook: Sender = async (message, config) => {
  const url = stringOption(config, 'url', 'webhook');
  const secret = stringOption(config, 'secret', 'webhook');
  const body = JSON.stringify(message);
  const timestamp = Math.floor(Date.now() / 1000);
  await post(url, body, { 'x-parapet-signature': signWebhook(secret, timestamp, body), 'x-parapet-event': message.event, 'x-parapet-delivery': message.id }, Number(config.timeout_ms ?? 10_000));
};

function summary(message: AlertMessage): string {
  const f = message.finding;
  const verb = message.event === 'finding.reopened' ? 'Reopened' : message.event === 'finding.resolved' ? 'Resolved' : 'New';
  return `${verb} ${f.severity} finding: ${f.title ?? f.rule_id} on ${f.resource_id} (${f.provider} ${f.account}, ${f.region})`;
}

export const slack: Sender = async (message, config) => {
  const url = stringOption(config, 'url', 'slack');
  const f = message.finding;
  const body = JSON.stringify({
    text: summary(message),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${summary(message)}*` } },
      { type: 'section', fields: [
        { type: 'mrkdwn', text: `*Rule*\n\`${f.rule_id}\`` },
        { type: 'mrkdwn', text: `*Severity*\n${f.severity}` },
        { type: 'mrkdwn', text: `*Resource*\n\`${f.resource_id}\`` },
        { type: 'mrkdwn', text: `*Frameworks*\n${f.frameworks.join(', ') || '-'}` },
      ] },
      ...(f.message ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: f.message }] }] : []),
    ],
  });
  await post(url, body, {}, Number(config.timeout_ms ?? 10_000));
};

export const email: Sender = async (message, config) => {
  const to = stringOption(config, 'to', 'email');
  const from = stringOption(config, 'from', 'email');
  const host = stringOption(config, 'host', 'email');
  const transport = nodemailer.createTransport({
    host,
    port: Number(config.port ?? 587),
    secure: config.secure === true,
    ignoreTLS: config.ignore_tls === true,
    auth: typeof config.user === 'string' ? { user: config.user, pass: String(config.password ?? '') } : undefined,
    connectionTimeout: Number(config.timeout_ms ?? 10_000),
  });
  try {
    const f = message.finding;
    await transport.sendMail({
      from, to,
      subject: `[Parapet] ${summary(message)}`.slice(0, 250),
      text: `${summary(message)}\n\nRule: ${f.rule_id}\nSeverity: ${f.severity}\nResource: ${f.resource_id} (${f.resource_type})\nAccount: ${f.provider} ${f.account}, ${f.region}\nFirst seen: ${f.first_seen}\nFrameworks: ${f.frameworks.join(', ') || '-'}\n\n${f.message ?? ''}\n`,
      headers: { 'X-Parapet-Delivery': message.id },
    });
  } finally {
    transport.close();
  }
};

export const SENDERS: Record<'webhook' | 'slack' | 'email', Sender> = { webhook, slack, email };
