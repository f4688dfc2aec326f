// Durations in the brief and in evidence findings, one way everywhere: seconds → `90s`,
// `2m`, `1h30m`, `1.5s`.
/**
 * Seconds as the input grammar writes them: `90s`, `2m`, `1h30m`, `2h`. Measured,
 * fractional durations keep one decimal (`3.4s`).
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return String(seconds);
  const rounded = Math.round(seconds * 10) / 10;
  if (!Number.isInteger(rounded)) return `${rounded.toFixed(1)}s`;
  if (rounded === 0 || rounded % 60 !== 0) return `${rounded}s`;
  const minutes = rounded / 60;
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours}h` : `${hours}h${rest}m`;
}
