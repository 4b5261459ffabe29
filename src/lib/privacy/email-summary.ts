import type { SouvenirStatus } from '../../../db/types.ts';
import type { EmailData } from './email-data.ts';

/** One line of the admin's search result; plain values, so it travels in an Action's answer. */
export interface EmailDataLine {
  kind: 'souvenir' | 'comment';
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
  const plain = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return plain.length > EXCERPT ? `${plain.slice(0, EXCERPT - 1)}…` : plain;
}

/** What the erasure page lists before an admin exports or erases: every item, oldest first. */
export function summariseEmailData(data: EmailData): EmailDataSummary {
  const lines: EmailDataLine[] = [
    ...data.souvenirs.map((s) => ({
      kind: 'souvenir' as const,
      id: s.id,
      publicId: s.publicId,
      status: s.status,
      authorName: s.authorName,
      label: s.title ?? excerpt(s.body),
      souvenirPublicId: s.publicId,
      createdAt: s.createdAt.toISOString(),
    })),
    ...data.comments.map((c) => ({
      kind: 'comment' as const,
      id: c.id,
      publicId: c.publicId,
      status: c.status,
      authorName: c.authorName,
      label: excerpt(c.body),
      souvenirPublicId: c.souvenirPublicId,
      createdAt: c.createdAt.toISOString(),
    })),
  ].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { souvenirs: data.souvenirs.length, comments: data.comments.length, lines };
}
