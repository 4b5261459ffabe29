import { it, expect } from 'vitest';
import { DomainError } from '../../src/lib/errors.ts';
import { ReportError } from '../../src/lib/reports/file-report.ts';

it('carries its code, its name and a message that says what was refused', () => {
  const error = new ReportError('not_found');
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toBeInstanceOf(Error);
  expect(error).toMatchObject({ code: 'not_found', name: 'ReportError', message: 'report refused: not_found' });
});
