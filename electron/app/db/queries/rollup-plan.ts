/**
 * Which summaries the rollups answer, decided from the filter alone (no
 * database, no clock), so the IPC handler can route them before asking: a
 * rollup-answerable summary costs milliseconds and goes to the interactive
 * lane, any other one is a scan on the background lane.
 *
 * Answerable: every condition is one the rollup cells can tell apart —
 * status or detailed status, line, operator (or none), spam, creation date
 * (a range or a relative preset), and "waiting now" — and there is no quick
 * search; or the filter keeps to dialogs closed within two days (a closedAt
 * of today or yesterday, or a range that short), which are read row by row
 * through the closed_at index whatever else the filter says. The SLA
 * thresholds must be histogram edges (rollup-bins.ts) when settled dialogs
 * take part, so the share over them stays exact.
 */
import { flatConditions, type DialogFilter, type FilterCondition } from '../../../../shared/domain/filter.ts';
import { SLA_METRIC_IDS } from '../../../../shared/domain/metrics.ts';
import {
  codesOfGeneralStatus,
  codesOfStatusDetail,
  GENERAL_STATUS_IDS,
  STATUS_DETAIL_IDS,
  type GeneralStatusId,
  type StatusDetailId,
} from '../../../../shared/domain/status.ts';
import type { SlaThresholds } from '../../../../shared/ipc/contract.ts';
import { datePresetRange } from './filter-sql.ts';
import { isBinEdge } from './rollup-bins.ts';
import { SETTLED_CODES } from './rollup-schema.ts';

/** A window on closedAt short enough to read row by row (two days, plus an hour for a DST change). */
const CLOSED_WINDOW_MS = 49 * 3600 * 1000;

/** What the rollup cells must match, and what the rows read beside them are filtered by (the filter's own SQL). */
export interface RollupPlan {
  kind: 'cells';
  /** settled status codes the cells may hold; empty: settled dialogs take no part */
  codes: readonly number[];
  spam: 0 | 1 | null;
  lines: readonly number[] | null;
  /** operator keys (0 = no operator) */
  operators: readonly number[] | null;
  /** true: only dialogs with an operator */
  hasOperator: boolean;
  /** [from, to) on created_at, or null for all time */
  created: { from: number; to: number } | null;
}

export interface ClosedWindowPlan {
  kind: 'closedWindow';
  from: number;
  to: number;
}

type Shape = { kind: 'cells'; conditions: FilterCondition[] } | { kind: 'closedWindow'; condition: FilterCondition };

/** The filter's shape: whether rollups can answer it, without resolving any date. */
function shapeOf(filter: DialogFilter): Shape | null {
  const closed = filter.conditions.find(isShortClosedWindow);
  if (closed) return { kind: 'closedWindow', condition: closed };
  if (filter.search?.trim()) return null;
  // an any-of group is an OR the cells cannot add up
  const conditions = flatConditions(filter);
  return conditions?.every(isCellCondition) ? { kind: 'cells', conditions } : null;
}

function isShortClosedWindow(c: FilterCondition): boolean {
  if (c.column !== 'closedAt') return false;
  if (c.op === 'datePreset') return c.preset === 'today' || c.preset === 'yesterday';
  return c.op === 'range' && c.from !== undefined && c.to !== undefined && c.to - c.from < CLOSED_WINDOW_MS;
}

function isCellCondition(c: FilterCondition): boolean {
  switch (c.column) {
    case 'status':
    case 'statusDetail':
    case 'line':
      return c.op === 'in';
    case 'operator':
      return c.op === 'in' || c.op === 'empty';
    case 'spam':
      return c.op === 'is';
    case 'createdAt':
      return c.op === 'range' || c.op === 'datePreset';
    case 'waitingNow':
      return c.op === 'range' || c.op === 'empty';
    default:
      return false;
  }
}

/** Whether any settled (rolled-up) dialog can match; if none can, the thresholds do not matter. */
function touchesSettled(conditions: readonly FilterCondition[]): boolean {
  return settledCodes(conditions).length > 0 && !conditions.some(needsWaiting);
}

/** A condition only a dialog whose client waits right now meets: settled dialogs never do. */
const needsWaiting = (c: FilterCondition): boolean =>
  c.column === 'waitingNow' && (c.op === 'range' || (c.op === 'empty' && !c.value));

function settledCodes(conditions: readonly FilterCondition[]): number[] {
  let codes = new Set(SETTLED_CODES);
  for (const c of conditions) {
    if (c.op !== 'in' || (c.column !== 'status' && c.column !== 'statusDetail')) continue;
    const allowed = new Set<number>();
    for (const value of c.values) {
      // 'unknown' is a code this app does not know: never a settled one
      if (c.column === 'statusDetail' && STATUS_DETAIL_IDS.includes(value as StatusDetailId)) {
        codesOfStatusDetail(value as StatusDetailId).forEach((code) => allowed.add(code));
      } else if (c.column === 'status' && GENERAL_STATUS_IDS.includes(value as GeneralStatusId)) {
        codesOfGeneralStatus(value as GeneralStatusId).forEach((code) => allowed.add(code));
      }
    }
    codes = new Set([...codes].filter((code) => allowed.has(code)));
  }
  return [...codes].sort((a, b) => a - b);
}

/**
 * True when the summary of `filter` is answered from the rollups (and the
 * few live rows beside them) rather than by a scan. Pass the SLA thresholds
 * the summary will use: a threshold off the histogram edges makes the share
 * over settled dialogs inexact, so such a summary is scanned instead.
 */
export function canUseRollups(filter: DialogFilter, sla?: SlaThresholds): boolean {
  const shape = shapeOf(filter);
  if (!shape) return false;
  if (shape.kind === 'closedWindow' || !sla || !touchesSettled(shape.conditions)) return true;
  return SLA_METRIC_IDS.every((m) => isBinEdge(sla[m]));
}

/** The plan for a summary canUseRollups accepts (null otherwise), with dates resolved at `now`. */
export function planRollups(filter: DialogFilter, sla: SlaThresholds, now: number): RollupPlan | ClosedWindowPlan | null {
  if (!canUseRollups(filter, sla)) return null;
  const shape = shapeOf(filter)!;
  if (shape.kind === 'closedWindow') {
    const [from, to] = bounds(shape.condition, now);
    return { kind: 'closedWindow', from, to };
  }
  const { conditions } = shape;
  const plan: RollupPlan = {
    kind: 'cells',
    codes: touchesSettled(conditions) ? settledCodes(conditions) : [],
    spam: null,
    lines: null,
    operators: null,
    hasOperator: false,
    created: null,
  };
  const intersect = (current: readonly number[] | null, values: readonly number[]) =>
    current === null ? [...new Set(values)] : current.filter((v) => values.includes(v));
  for (const c of conditions) {
    if (c.column === 'line' && c.op === 'in') {
      plan.lines = intersect(plan.lines, c.values.filter((v): v is number => typeof v === 'number'));
    } else if (c.column === 'operator' && c.op === 'in') {
      plan.operators = intersect(plan.operators, c.values.map((v) => (typeof v === 'number' ? v : 0)));
    } else if (c.column === 'operator' && c.op === 'empty') {
      if (c.value) plan.operators = intersect(plan.operators, [0]);
      else plan.hasOperator = true;
    } else if (c.column === 'spam' && c.op === 'is') {
      const spam = c.value ? 1 : 0;
      if (plan.spam !== null && plan.spam !== spam) plan.codes = [];
      plan.spam = spam;
    } else if (c.column === 'createdAt') {
      // a range with neither bound is no condition at all (it keeps undated dialogs too)
      if (c.op === 'range' && c.from === undefined && c.to === undefined) continue;
      const [from, to] = bounds(c, now);
      plan.created = plan.created ? { from: Math.max(plan.created.from, from), to: Math.min(plan.created.to, to) } : { from, to };
    }
  }
  return plan;
}

/** [from, to) in epoch ms of a date condition (a range's bounds are inclusive; whole ms, as created_at is stored). */
function bounds(c: FilterCondition, now: number): [number, number] {
  if (c.op === 'datePreset') return datePresetRange(c.preset, now);
  if (c.op !== 'range') throw new Error(`not a date condition: ${c.op}`);
  return [c.from === undefined ? -Infinity : Math.ceil(c.from), c.to === undefined ? Infinity : Math.floor(c.to) + 1];
}
