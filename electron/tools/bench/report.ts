/**
 * The bench report: sections of rows, each with a measured value, the
 * target it is held to and (where there is one) a ratio measured in the same
 * run. Printed as a table, written as JSON and markdown to bench/results/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ReportRow {
  name: string;
  /** what was measured, already formatted (e.g. "0.41 / 0.93 ms") */
  value: string;
  /** the target, in words (e.g. "p95 ≤ 10 ms") */
  target?: string;
  /** null: no target for this row */
  ok?: boolean | null;
  /** raw numbers for the JSON */
  data?: Record<string, unknown>;
}

export interface ReportSection {
  title: string;
  note?: string;
  rows: ReportRow[];
}

export interface Report {
  scale: string;
  startedAt: string;
  durationS: number;
  machine: Record<string, string | number>;
  sections: ReportSection[];
}

export function describeMachine(sqliteVersion: string): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.versions.node,
    sqlite: sqliteVersion,
  };
}

const mark = (ok: boolean | null | undefined) => (ok === true ? 'ok' : ok === false ? 'MISSED' : '');

export function renderText(report: Report): string {
  const lines = [`Open Lines Supervisor bench — scale ${report.scale}, ${report.startedAt}, ${report.durationS.toFixed(0)} s`];
  lines.push(Object.entries(report.machine).map(([k, v]) => `${k}: ${v}`).join(', '));
  for (const section of report.sections) {
    lines.push('', `## ${section.title}`);
    if (section.note) lines.push(section.note);
    const width = Math.max(...section.rows.map((r) => r.name.length), 10);
    for (const row of section.rows) {
      lines.push(`  ${row.name.padEnd(width)}  ${row.value.padEnd(24)} ${(row.target ?? '').padEnd(22)} ${mark(row.ok)}`.trimEnd());
    }
  }
  const missed = report.sections.flatMap((s) => s.rows).filter((r) => r.ok === false).length;
  const held = report.sections.flatMap((s) => s.rows).filter((r) => r.ok === true).length;
  lines.push('', `${held} targets met, ${missed} missed`);
  return lines.join('\n');
}

export function renderMarkdown(report: Report): string {
  const out = [
    `### Bench, scale ${report.scale} (${report.startedAt.slice(0, 10)})`,
    '',
    Object.entries(report.machine).map(([k, v]) => `${k}: ${v}`).join(' · '),
    '',
  ];
  for (const section of report.sections) {
    out.push(`**${section.title}**${section.note ? ` — ${section.note}` : ''}`, '', '| measure | median / p95 (ms) or value | target | |', '|---|---|---|---|');
    for (const row of section.rows) out.push(`| ${row.name} | ${row.value} | ${row.target ?? ''} | ${mark(row.ok)} |`);
    out.push('');
  }
  return out.join('\n');
}

/** Writes `<dir>/<stamp>-<scale>.json|.md` and `latest-<scale>.md`; returns the paths. */
/**
 * The dated JSON and markdown of a run; a complete run (every section) is
 * also the scale's latest-<scale>.md, which the README quotes — a run of a
 * few sections (--only) never replaces it.
 */
export function writeReport(report: Report, dir: string, options: { complete: boolean } = { complete: true }): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-').slice(0, 19);
  const base = path.join(dir, `${stamp}-${report.scale}${options.complete ? '' : '-partial'}`);
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  const md = renderMarkdown(report);
  fs.writeFileSync(`${base}.md`, md);
  if (!options.complete) return [`${base}.json`, `${base}.md`];
  const latest = path.join(dir, `latest-${report.scale}.md`);
  fs.writeFileSync(latest, md);
  return [`${base}.json`, `${base}.md`, latest];
}
