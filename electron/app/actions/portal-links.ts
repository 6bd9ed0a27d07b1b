/**
 * Links from a dialog to its source's web pages (spec §6 "Open dialog", the
 * CRM cell): built here from the portal's origin and numeric ids only, never
 * from text a portal sent, and checked to stay on that origin — so nothing a
 * portal stores can make the app open another site or a non-web scheme.
 * Pure: the caller passes the origin and the dialog.
 */
import type { CrmEntityType, DialogListItem } from '../../../shared/domain/dialog.ts';
import { AppError } from '../ipc/app-error.ts';

export type PortalLinkTarget = 'chat' | 'crm';

/**
 * The desktop shell's way out (electron/main/links.ts): opens `url` in the OS
 * browser after checking it is on `allowedOrigin`, the connected portal.
 * Absent in browser mode, where the page opens the link itself.
 */
export type OpenExternalHook = (url: string, allowedOrigin: string) => Promise<void>;

/** Where each CRM entity opens on a portal (the entity's card). */
const CRM_PATH: Readonly<Record<CrmEntityType, (id: number) => string>> = {
  contact: (id) => `/crm/contact/details/${id}/`,
  company: (id) => `/crm/company/details/${id}/`,
  deal: (id) => `/crm/deal/details/${id}/`,
  lead: (id) => `/crm/lead/details/${id}/`,
  // an activity has no card of its own: the list opens it in its slider
  activity: (id) => `/crm/activity/?open_view=${id}`,
};

/** A portal origin as the connector knows it: https, or http on loopback (the emulator). */
export function checkedOrigin(origin: string): string {
  const url = new URL(origin);
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new AppError('VALIDATION', `Not a portal address: ${url.protocol}`);
  return url.origin;
}

/** true when `url` is a web page on exactly this origin (the allow-list: the connected portal only). */
export function isOnPortal(url: string, origin: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.origin === checkedOrigin(origin) && (parsed.protocol === 'https:' || parsed.protocol === 'http:');
  } catch {
    return false;
  }
}

export function portalLink(origin: string, dialog: Pick<DialogListItem, 'id' | 'chatId' | 'crm'>, target: PortalLinkTarget): string {
  const base = checkedOrigin(origin);
  let url: string;
  if (target === 'chat') {
    url = `${base}/online/?IM_DIALOG=chat${dialog.chatId}`;
  } else {
    if (!dialog.crm) throw new AppError('NOT_FOUND', `Dialog ${dialog.id} has no CRM record`);
    url = base + CRM_PATH[dialog.crm.type](dialog.crm.id);
  }
  if (!isOnPortal(url, base)) throw new AppError('VALIDATION', `The link of dialog ${dialog.id} would leave the portal`);
  return url;
}
