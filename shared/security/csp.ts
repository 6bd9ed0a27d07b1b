/**
 * The one Content-Security-Policy of the renderer, sent as a response header
 * by both shells (the browser-mode host and Electron's app:// protocol). There
 * is no <meta> copy in index.html: a meta policy cannot carry frame-ancestors
 * and a second, looser policy would only invite drift.
 */

/** Directive → sources. AG Grid draws its icons as data: SVGs and its theme injects <style> tags. */
const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  // 'self' covers the browser-mode WebSocket on the same host and port.
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

/**
 * The same policy, loosened only for a Vite dev server in an unpackaged
 * checkout: React refresh injects an inline script and HMR talks over a
 * WebSocket to the dev origin.
 */
export function devContentSecurityPolicy(devOrigin: string): string {
  return DIRECTIVES.map(([name, value]) => {
    if (name === 'script-src') return `${name} ${value} 'unsafe-inline'`;
    if (name === 'connect-src') return `${name} ${value} ${devOrigin.replace(/^http/, 'ws')}`;
    return `${name} ${value}`;
  }).join('; ');
}
