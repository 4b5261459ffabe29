/** What `npm run bench:anniversary` reads besides the answers: why requests failed, what streams and the cache did. */
import fs from 'node:fs';

/** Counts of why requests were not done, by a short reason; a failure is never left uncounted. */
export class Reasons {
  readonly counts: Record<string, number> = {};
  add(reason: string): void {
    this.counts[reason] = (this.counts[reason] ?? 0) + 1;
  }
  get total(): number {
    return Object.values(this.counts).reduce((sum, n) => sum + n, 0);
  }
}

/**
 * The reason a request failed, short enough to tally: the client's error (its cause's code, such
 * as UND_ERR_SOCKET or ECONNRESET), or the status with the Action's error code when it has one.
 */
export async function failureReason(response: Response | null, error?: unknown): Promise<string> {
  if (!response) {
    const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
    return `client: ${cause?.code ?? cause?.message ?? (error as Error | undefined)?.name ?? 'error'}`;
  }
  const text = await response.text().catch(() => '');
  // An Action's error carries its code; a form shown again, its first field error's words.
  const code =
    /"code"\s*:\s*"([A-Z_a-z.]+)"/.exec(text)?.[1] ??
    /class="(?:field-error|error-summary)"[^>]*>\s*(?:<[^>]+>\s*)*([^<]{1,60})/.exec(text)?.[1]?.trim();
  return `${response.status}${code ? ` ${code}` : ''}`;
}

/** The front cache's counter by result (hit, miss, bypass) from /metrics, readable from this machine. */
export async function frontCacheCounts(origin: string): Promise<Record<string, number>> {
  // Unreadable under load: an empty reading, so the run still reports everything else.
  const text = await fetch(`${origin}/metrics`).then(
    (response) => response.text(),
    () => '',
  );
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(/^mur_front_cache_total\{result="(\w+)"\} (\d+)/gm)) {
    counts[match[1]!] = Number(match[2]);
  }
  return counts;
}

/** Reads an event stream to its end, counting its events by name (`event:` lines). */
export async function countStreamEvents(
  body: ReadableStream<Uint8Array>,
  counts: Record<string, number>,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let carry = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    const lines = (carry + decoder.decode(value, { stream: true })).split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('event: ')) {
        const name = line.slice(7);
        counts[name] = (counts[name] ?? 0) + 1;
      }
    }
  }
}

/** CPU seconds a process has used (user + system, Linux /proc; clock ticks are 1/100 s there). */
export function cpuSecondsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // After "pid (comm) ", utime and stime are the 12th and 13th fields.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
