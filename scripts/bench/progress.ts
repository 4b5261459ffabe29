/**
 * A one-line progress bar on stderr: redrawn in place on a terminal, printed every 10 % in a log
 * (CI, pipes), so a long seed shows it is alive either way.
 */
export interface Progress {
  tick(count: number): void;
  done(): void;
}

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  const width = 30;
  let current = 0;
  let lastDecile = -1;
  const line = () => {
    const ratio = total === 0 ? 1 : Math.min(1, current / total);
    const filled = Math.round(ratio * width);
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(current / seconds) : 0;
    return `${label.padEnd(22)} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)} % ${current.toLocaleString('en')}/${total.toLocaleString('en')} ${seconds.toFixed(1)} s ${rate.toLocaleString('en')}/s`;
  };
  const draw = () => {
    if (stream.isTTY) {
      stream.write(`\r${line()}`);
      return;
    }
    const decile = Math.floor((current / Math.max(1, total)) * 10);
    if (decile !== lastDecile) {
      lastDecile = decile;
      stream.write(`${line()}\n`);
    }
  };
  draw();
  return {
    tick(count: number) {
      current += count;
      draw();
    },
    done() {
      current = total;
      if (stream.isTTY) stream.write(`\r${line()}\n`);
      else if (lastDecile !== 10) stream.write(`${line()}\n`);
    },
  };
}
