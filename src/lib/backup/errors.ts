export type BackupErrorCode = 'not_empty' | 'no_pg_dump' | 'no_space' | 'tool_failed' | 'wrong_engine';

/** A backup or restore refused or failed; the message says what to do. */
export class BackupError extends Error {
  readonly code: BackupErrorCode;
  constructor(code: BackupErrorCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'BackupError';
    this.code = code;
  }
}
