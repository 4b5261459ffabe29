/**
 * A refusal a user can read, whatever the domain: `code` says why, and the Action maps it to a
 * status and a catalogue message. Each domain's error names itself (`ReportError`, …), so that
 * `instanceof` tells which map applies and a log line says where it came from.
 */
export class DomainError<Code extends string> extends Error {
  readonly code: Code;
  constructor(name: string, refused: string, code: Code) {
    super(`${refused}: ${code}`);
    this.name = name;
    this.code = code;
  }
}
