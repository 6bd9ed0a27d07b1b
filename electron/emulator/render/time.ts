/**
 * Wire times: ISO 8601, whole seconds, with the portal's offset. The portal
 * is in Moscow (+03:00) so that a reader which ignores the offset is caught.
 */
const OFFSET_MINUTES = 180;

export function wireTime(ms: number): string {
  const shifted = new Date(Math.floor(ms / 1000) * 1000 + OFFSET_MINUTES * 60_000);
  return `${shifted.toISOString().slice(0, 19)}+03:00`;
}

export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
