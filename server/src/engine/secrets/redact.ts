/** How a secret is shown anywhere outside `.env`: its first 4 characters, then an ellipsis. */
export function redact(secret: string): string {
  return `${secret.slice(0, 4)}…`;
}
