/**
 * Strict reader of timeline files (spec timeline.md "Input"). Nothing is
 * guessed: an unknown kind, author or field, a missing field, a wrong type or
 * an instant without an offset is an input error naming the timeline and
 * event index, so a hand-written file can be fixed from the message alone.
 */
import {
  CLIENT_RATINGS,
  DIRECTIONS,
  MESSAGE_AUTHORS,
  TIMELINE_KINDS,
  type DialogTimeline,
  type MessageAuthor,
  type TimelineEntry,
  type TimelineKind,
} from '../../../shared/domain/timeline.ts';
import { parseIsoInstant } from './iso-time.ts';

export class TimelineInputError extends Error {
  /** index of the event in the timeline's `events`, null when the problem is the timeline itself */
  readonly index: number | null;
  /** index of the timeline in an array file, null for a single-object file */
  readonly timelineIndex: number | null;

  constructor(problem: string, timelineIndex: number | null, index: number | null) {
    super(`${locationOf(timelineIndex, index)}: ${problem}`);
    this.name = 'TimelineInputError';
    this.index = index;
    this.timelineIndex = timelineIndex;
  }
}

function locationOf(timelineIndex: number | null, index: number | null): string {
  const parts: string[] = [];
  if (timelineIndex !== null) parts.push(`timeline ${timelineIndex}`);
  if (index !== null) parts.push(`event ${index}`);
  return parts.length > 0 ? parts.join(', ') : 'timeline';
}

type OptionalField = 'author' | 'hidden' | 'operatorId' | 'toOperatorId' | 'toLineId' | 'rating' | 'text';

/**
 * The fields each kind takes (timeline.md table). A field listed there is
 * required, except on messages, where only `author` is. `transferred` needs
 * exactly one of its two targets.
 */
const KIND_FIELDS: Record<TimelineKind, { required: OptionalField[]; optional: OptionalField[] }> = {
  created: { required: [], optional: [] },
  message: { required: ['author'], optional: ['hidden', 'operatorId', 'text'] },
  botHandoff: { required: [], optional: [] },
  skipped: { required: ['operatorId'], optional: [] },
  transferred: { required: [], optional: ['toOperatorId', 'toLineId'] },
  taken: { required: ['operatorId'], optional: [] },
  closing: { required: [], optional: [] },
  closedByOperator: { required: ['operatorId'], optional: [] },
  closed: { required: [], optional: [] },
  spam: { required: ['operatorId'], optional: [] },
  vote: { required: ['rating'], optional: [] },
};

const ALL_FIELDS: ReadonlySet<string> = new Set(['at', 'kind', 'author', 'hidden', 'operatorId', 'toOperatorId', 'toLineId', 'rating', 'text']);

/** Parse a timeline file's JSON: one timeline object or an array of them. */
export function parseTimelineFile(json: unknown): DialogTimeline[] {
  if (Array.isArray(json)) return json.map((item, timelineIndex) => parseTimeline(item, timelineIndex));
  return [parseTimeline(json, null)];
}

function parseTimeline(value: unknown, timelineIndex: number | null): DialogTimeline {
  const fail = (problem: string): never => {
    throw new TimelineInputError(problem, timelineIndex, null);
  };
  if (!isPlainObject(value)) return fail('a timeline must be a JSON object with "id", "direction" and "events"');
  for (const key of Object.keys(value)) {
    if (key !== 'id' && key !== 'direction' && key !== 'events') fail(`unknown field "${key}"`);
  }
  const { id, direction, events } = value;
  if (!isPositiveInteger(id)) fail(`"id" must be a positive integer, got ${describe(id)}`);
  if (!DIRECTIONS.includes(direction as never)) fail(`"direction" must be "in" or "out", got ${describe(direction)}`);
  if (!Array.isArray(events)) return fail(`"events" must be an array, got ${describe(events)}`);
  return {
    id: id as number,
    direction: direction as DialogTimeline['direction'],
    entries: events.map((event, index) => parseEvent(event, index, timelineIndex)),
  };
}

function parseEvent(value: unknown, index: number, timelineIndex: number | null): TimelineEntry {
  const fail = (problem: string): never => {
    throw new TimelineInputError(problem, timelineIndex, index);
  };
  if (!isPlainObject(value)) return fail(`an event must be a JSON object, got ${describe(value)}`);

  const { kind, at } = value;
  if (kind === undefined) fail('missing "kind"');
  if (typeof kind !== 'string' || !TIMELINE_KINDS.includes(kind as never)) return fail(`unknown kind ${describe(kind)}`);
  const knownKind = kind as TimelineKind;
  if (at === undefined) fail('missing "at"');
  const ms = typeof at === 'string' ? parseIsoInstant(at) : null;
  if (ms === null) return fail(`"at" must be an ISO 8601 date-time with an offset or Z, got ${describe(at)}`);

  const spec = KIND_FIELDS[knownKind];
  for (const key of Object.keys(value)) {
    if (!ALL_FIELDS.has(key)) fail(`unknown field "${key}"`);
    if (key !== 'at' && key !== 'kind' && !isAllowed(spec, key)) fail(`field "${key}" is not allowed on kind "${knownKind}"`);
  }
  for (const key of spec.required) {
    if (value[key] === undefined) fail(`missing "${key}" (required on kind "${knownKind}")`);
  }

  const entry: TimelineEntry = { seq: index, at: ms, kind: knownKind };
  const author = value.author;
  if (author !== undefined) {
    if (typeof author !== 'string' || !MESSAGE_AUTHORS.includes(author as never)) fail(`unknown author ${describe(author)}`);
    entry.author = author as MessageAuthor;
  }
  copyIds(value, entry, fail);
  if (value.hidden !== undefined) {
    if (typeof value.hidden !== 'boolean') fail(`"hidden" must be true or false, got ${describe(value.hidden)}`);
    if (entry.author !== 'operator') fail('"hidden" is only allowed on operator messages');
    entry.hidden = value.hidden as boolean;
  }
  if (value.rating !== undefined) {
    if (!CLIENT_RATINGS.includes(value.rating as never)) fail(`"rating" must be "like" or "dislike", got ${describe(value.rating)}`);
    entry.rating = value.rating as TimelineEntry['rating'];
  }
  if (value.text !== undefined) {
    if (typeof value.text !== 'string') fail(`"text" must be a string, got ${describe(value.text)}`);
    entry.text = value.text as string;
  }
  checkKindRules(entry, fail);
  return entry;
}

function copyIds(value: Record<string, unknown>, entry: TimelineEntry, fail: (problem: string) => never): void {
  for (const key of ['operatorId', 'toOperatorId', 'toLineId'] as const) {
    const id = value[key];
    if (id === undefined) continue;
    if (!isPositiveInteger(id)) fail(`"${key}" must be a positive integer, got ${describe(id)}`);
    entry[key] = id as number;
  }
}

/** Rules that involve two fields at once. */
function checkKindRules(entry: TimelineEntry, fail: (problem: string) => never): void {
  if (entry.kind === 'transferred') {
    const targets = Number(entry.toOperatorId !== undefined) + Number(entry.toLineId !== undefined);
    if (targets !== 1) fail('"transferred" needs exactly one of "toOperatorId" and "toLineId"');
  }
  if (entry.kind === 'message' && entry.operatorId !== undefined && entry.author !== 'operator' && entry.author !== 'bot') {
    fail(`"operatorId" is only allowed on operator and bot messages, not on author "${entry.author}"`);
  }
}

function isAllowed(spec: { required: string[]; optional: string[] }, key: string): boolean {
  return spec.required.includes(key) || spec.optional.includes(key);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** A short rendering of a bad value for an error message. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
