/**
 * Progress on stderr: one rewritten line on a terminal; otherwise (CI logs, pipes) a line per 10 %,
 * and at least one every 10 s so long phases that do not advance the fraction still show what they do.
 */
const QUIET_MS = 10_000;

export function progressPrinter(label: string): (fraction: number, message: string) => void {
  let lastTenth = -1;
  let lastLine = 0;
  return (fraction, message) => {
    const pct = Math.round(fraction * 100);
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${label}: ${String(pct).padStart(3)}% ${message}`.padEnd(70));
    } else if (Math.floor(pct / 10) > lastTenth || Date.now() - lastLine >= QUIET_MS) {
      lastTenth = Math.max(lastTenth, Math.floor(pct / 10));
      lastLine = Date.now();
      process.stderr.write(`${label}: ${pct}% ${message}\n`);
    }
  };
}
