/**
 * The only way out of the app: an http(s) link, to the OS browser, after the
 * user has seen where it goes and said yes.
 */
import { app, dialog, shell, type BrowserWindow, type MessageBoxOptions } from 'electron';
import { externalLinkPrompt } from './link-prompt.ts';
import { isOnPortal } from '../app/actions/portal-links.ts';

// A page firing many links at once must not stack dialogs.
let asking = false;

export async function confirmExternalLink(window: BrowserWindow, rawUrl: string): Promise<void> {
  const prompt = externalLinkPrompt(rawUrl, app.getLocale());
  if (!prompt) {
    console.warn(`[main] dropped a link that is not http(s): ${rawUrl.slice(0, 200)}`);
    return;
  }
  if (asking) return;
  asking = true;
  try {
    const options: MessageBoxOptions = {
      type: 'question',
      title: prompt.title,
      message: prompt.message,
      detail: prompt.detail,
      buttons: [...prompt.buttons],
      defaultId: prompt.cancelId,
      cancelId: prompt.cancelId,
      // Windows would otherwise restyle the buttons as command links.
      noLink: true,
    };
    const { response } = window.isDestroyed() ? await dialog.showMessageBox(options) : await dialog.showMessageBox(window, options);
    if (response === prompt.openId) await shell.openExternal(prompt.url);
  } catch (error) {
    console.error('[main] opening an external link failed', error);
  } finally {
    asking = false;
  }
}

/**
 * A dialog's page on the connected portal (links:dialog): the services built
 * it from the portal's origin and the dialog's ids; it opens without the
 * question above only when it is on exactly that origin (the allow-list).
 */
export async function openPortalPage(url: string, allowedOrigin: string): Promise<void> {
  if (!isOnPortal(url, allowedOrigin)) throw new Error(`Not a page of the connected portal: ${url.slice(0, 200)}`);
  await shell.openExternal(url);
}
