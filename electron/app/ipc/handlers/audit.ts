/**
 * audit:* and outbox:cancelBatch (shared/ipc/contract-audit.ts). The list
 * and the export's rows are reads on a reader worker; cancelling runs in the
 * writer, where the outbox and its sender live. The export's CSV is built
 * here and either handed to the page (browser mode downloads it) or written
 * where the desktop's save dialog says — the same hook export:save uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MAX_AUDIT_EXPORT_ROWS, type AuditContract } from '../../../../shared/ipc/contract-audit.ts';
import { AppError } from '../app-error.ts';
import { auditCsv, auditFileName } from './audit-csv.ts';
import type { HandlerContext, HandlersOf } from './context.ts';
import { asAppErrors } from './errors.ts';

export const AUDIT_PAGE_SIZE = 100;

export function auditHandlers(ctx: HandlerContext) {
  const { readers } = ctx.data;
  return {
    'audit:list': ({ filter, offset, limit }) => asAppErrors(readers.call('auditList', [filter, offset ?? 0, limit ?? AUDIT_PAGE_SIZE])),
    'audit:export': async ({ filter, language, timeZone }) => {
      const entries = await asAppErrors(readers.call('auditExportRows', [filter], { lane: 'background' }));
      if (entries.length > MAX_AUDIT_EXPORT_ROWS) {
        throw new AppError('TOO_LARGE', `The filter selects more than ${MAX_AUDIT_EXPORT_ROWS.toLocaleString('en')} audit rows; narrow the dates to export them`);
      }
      const csv = auditCsv(entries, language, timeZone);
      const fileName = auditFileName(ctx.now(), timeZone);
      if (!ctx.saveFile) return { delivered: 'download', fileName, rows: entries.length, csv };
      const target = await ctx.saveFile({ fileName, format: 'csv' });
      if (target === null) return { delivered: 'saved', fileName, rows: entries.length, path: null };
      if (typeof target !== 'string' || !path.isAbsolute(target)) throw new AppError('VALIDATION', 'The save dialog gave no usable path');
      try {
        fs.writeFileSync(target, csv, { mode: 0o600 });
      } catch (error) {
        throw new AppError('UNAVAILABLE', `Could not save ${path.basename(target)}: ${(error as Error).message}`);
      }
      return { delivered: 'saved', fileName, rows: entries.length, path: target };
    },
    'outbox:cancelBatch': ({ batchId }) => asAppErrors(ctx.data.outbox.outboxCancelBatch(batchId, ctx.now())),
  } satisfies HandlersOf<keyof AuditContract>;
}
