/**
 * The app:// scheme the built renderer loads from, instead of file://: a real
 * origin for 'self' and the IPC sender check, a CSP response header, and no
 * file-system reach beyond dist/renderer (app-files.ts decides what is served).
 */
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp.ts';
import { APP_SCHEME, appFileResponse } from './app-files.ts';

/** Call at module load: Chromium fixes scheme privileges before `ready`. */
export function registerAppScheme(): void {
  // standard: a host-based origin and relative URLs; secure: a secure context like https.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves root on the default session (the `protocol` module is the default session's). */
export function serveAppFiles(root: string): void {
  protocol.handle(APP_SCHEME, (request) => appFileResponse(root, request, CONTENT_SECURITY_POLICY));
}
