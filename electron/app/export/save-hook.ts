/**
 * How the desktop shell lets the services save a file where the user wants
 * it: the services never import electron, so electron/main hands them this
 * function (the OS save dialog). Browser mode has none; there the file is a
 * download instead.
 */
import type { ExportFormat } from '../../../shared/ipc/contract-export.ts';

/** Asks where to save (the name and format suggested); the chosen absolute path, or null when the user closed the dialog. */
export type SaveFileHook = (suggested: { fileName: string; format: ExportFormat }) => Promise<string | null>;
