import { createRequire } from 'node:module';
import type { Transporter } from 'nodemailer';

const require = createRequire(import.meta.url);

/** How this process sends email, read once at start from SMTP_URL and MAIL_FROM. */
export interface MailConfig {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`; none: messages wait in the outbox. */
  smtpUrl: string | undefined;
  /** The From header, `Mur des Souvenirs <memoire@example.org>`. */
  from: string;
  /** The domain our Message-IDs end with: MAIL_FROM's. */
  messageDomain: string;
}

type Env = Record<string, string | undefined>;

/** The address part of `Name <addr>` or of a bare address. */
function addressOf(from: string): string {
  const angled = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from);
  return (angled?.[1] ?? from).trim();
}

/**
 * Reads SMTP_URL and MAIL_FROM. Throws at start on a value that cannot work (a typo would
 * otherwise leave every message queued with nobody noticing): SMTP_URL must be smtp:// or
 * smtps://; MAIL_FROM must hold one address (it defaults to PUBLIC_ORIGIN's host).
 */
export function readMailConfig(env: Env, publicOrigin: string | undefined): MailConfig {
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl) {
    let url: URL;
    try {
      url = new URL(smtpUrl);
    } catch {
      throw new Error('SMTP_URL must be a URL such as smtp://user:password@mail.example.org:587.');
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
      throw new Error(`SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//.`);
    }
  }
  const host = publicOrigin ? new URL(publicOrigin).hostname : 'localhost';
  const from = env.MAIL_FROM || `Mur des Souvenirs <ne-pas-repondre@${host}>`;
  const address = addressOf(from);
  if (/[\r\n]/.test(from) || !/^[^@\s]+@[^@\s]+$/.test(address)) {
    throw new Error('MAIL_FROM must be an address, optionally with a name: Mur des Souvenirs <memoire@example.org>.');
  }
  return { smtpUrl, from, messageDomain: address.slice(address.lastIndexOf('@') + 1) };
}

/** A nodemailer transport over SMTP_URL (nodemailer reads credentials, port and TLS from the URL). */
export function smtpTransport(smtpUrl: string): Transporter {
  // Loaded here, not with this module, which every server imports for readMailConfig: a server
  // without SMTP_URL never needs nodemailer (2 MB of heap, issue 19). Synchronous, as callers expect.
  const nodemailer = require('nodemailer') as typeof import('nodemailer');
  // Timeouts well inside a sender's claim (sender.ts), so a hung server never outlives the claim
  // and lets another process send the same message.
  return nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
}

/** Whether a message that cannot be sent now should be tried again: 5xx answers are final (RFC 5321). */
export function isPermanentRefusal(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
