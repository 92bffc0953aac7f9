/** Progress on stderr: one rewritten line on a terminal, a line per 10% otherwise (CI logs). */
export function progressPrinter(label: string): (fraction: number, message: string) => void {
  let lastTenth = -1;
  return (fraction, message) => {
    const pct = Math.round(fraction * 100);
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${label}: ${String(pct).padStart(3)}% ${message}`.padEnd(70));
    } else if (Math.floor(pct / 10) > lastTenth) {
      lastTenth = Math.floor(pct / 10);
      process.stderr.write(`${label}: ${pct}% ${message}\n`);
    }
  };
}
