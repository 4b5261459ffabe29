import type { SouvenirStatus } from '../../../db/types.ts';
import type { ContributionKind } from '../contributions/kinds.ts';
import type { EmailContribution, EmailData } from './email-data.ts';

/** One line of the admin's search result; plain values, so it travels in an Action's answer. */
export interface EmailDataLine {
  kind: ContributionKind;
  id: number;
  publicId: string;
  status: SouvenirStatus;
  authorName: string;
  /** A souvenir's title, or the start of the text. */
  label: string;
  /** The souvenir's public page (for a comment, the page it was left on). */
  souvenirPublicId: string;
  createdAt: string;
}

export interface EmailDataSummary {
  souvenirs: number;
  comments: number;
  lines: EmailDataLine[];
}

const EXCERPT = 80;

function excerpt(text: string): string {
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > EXCERPT ? `${plain.slice(0, EXCERPT - 1)}…` : plain;
}

function line(kind: ContributionKind, item: EmailContribution, label: string, souvenirPublicId: string): EmailDataLine {
  const { id, publicId, status, authorName } = item;
  return { kind, id, publicId, status, authorName, label, souvenirPublicId, createdAt: item.createdAt.toISOString() };
}

/** What the erasure page lists before an admin exports or erases: every item, oldest first. */
export function summariseEmailData(data: EmailData): EmailDataSummary {
  const lines = [
    ...data.souvenirs.map((s) => line('souvenir', s, s.title ?? excerpt(s.body), s.publicId)),
    ...data.comments.map((c) => line('comment', c, excerpt(c.body), c.souvenirPublicId)),
  ].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { souvenirs: data.souvenirs.length, comments: data.comments.length, lines };
}
