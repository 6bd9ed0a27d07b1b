/**
 * The generated rows as they cross from the worker to the writing thread:
 * every number in one Float64Array (transferred, not copied), the free texts
 * (messages, client names) in one joined string, and the values that repeat
 * (kinds, authors, channels, statuses, names of lines and operators) as
 * numbers into a small table. Structured clone of the same rows as objects
 * costs about 20 µs a dialog on the two threads together, and the cloned
 * objects are slower to read back; this costs a few.
 *
 * A dialog row is whatever the column registry makes of it (dialogRowValues),
 * so each value carries a tag: null, number or string.
 */
import type { BulkRows, SqlValue, TimelineSink } from '../db/queries/bulk-load.ts';

const SEPARATOR = '\u0000';
/** stands for null among the strings; neither it nor the separator occurs in generated text */
const NULL = '\u0001';
const TAG_NULL = 0;
const TAG_NUMBER = 1;
const TAG_STRING = 2;

export interface EncodedChunk {
  numbers: Float64Array<ArrayBuffer>;
  texts: string;
  /** the repeated values: a number n among `numbers` stands for symbols[n] */
  symbols: string[];
  dialogs: number;
  /** values per dialog row */
  width: number;
  messages: number;
  events: number;
}

/** Numbers and strings of one kind of row, in the order they were written. */
class Section {
  numbers = new Float64Array(1 << 14);
  count = 0;
  texts: string[] = [];

  num(value: number | null): void {
    if (this.count === this.numbers.length) {
      const grown = new Float64Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    this.numbers[this.count++] = value === null ? NaN : value;
  }

  str(value: string | null): void {
    this.texts.push(value === null ? NULL : value);
  }
}

export class ChunkEncoder implements TimelineSink {
  #dialogs = new Section();
  #messages = new Section();
  #events = new Section();
  #symbols = new Map<string | null, number>();
  #width = 0;
  dialogs = 0;
  messages = 0;
  events = 0;

  /** A value of a small set (null included), as its number in the chunk's table. */
  #symbol(section: Section, value: string | null): void {
    let n = this.#symbols.get(value);
    if (n === undefined) this.#symbols.set(value, (n = this.#symbols.size));
    section.num(n);
  }

  /** A dialog's row (every value tagged) and its client (the name is free text). */
  dialog(row: readonly SqlValue[], client: { id: number; name: string }): void {
    const d = this.#dialogs;
    if (this.dialogs === 0) this.#width = row.length;
    else if (row.length !== this.#width) throw new Error(`a dialog row of ${row.length} values among rows of ${this.#width}`);
    this.dialogs++;
    for (const value of row) {
      if (value === null) {
        d.num(TAG_NULL);
      } else if (typeof value === 'number') {
        d.num(TAG_NUMBER);
        d.num(value);
      } else {
        d.num(TAG_STRING);
        this.#symbol(d, value);
      }
    }
    d.num(client.id);
    d.str(client.name);
  }

  message(dialogId: number, seq: number, at: number, author: string, operatorId: number | null, hidden: number, text: string | null): void {
    const m = this.#messages;
    this.messages++;
    m.num(dialogId);
    m.num(seq);
    m.num(at);
    m.num(operatorId);
    m.num(hidden);
    this.#symbol(m, author);
    m.str(text);
  }

  event(dialogId: number, seq: number, at: number, kind: string, operatorId: number | null, toOperatorId: number | null, toLineId: number | null, rating: string | null): void {
    const e = this.#events;
    this.events++;
    e.num(dialogId);
    e.num(seq);
    e.num(at);
    e.num(operatorId);
    e.num(toOperatorId);
    e.num(toLineId);
    this.#symbol(e, kind);
    this.#symbol(e, rating);
  }

  /** The chunk (dialogs, then messages, then events); the encoder starts over. */
  take(): EncodedChunk {
    const sections = [this.#dialogs, this.#messages, this.#events];
    const numbers = new Float64Array(sections.reduce((sum, s) => sum + s.count, 0));
    let at = 0;
    for (const section of sections) {
      numbers.set(section.numbers.subarray(0, section.count), at);
      at += section.count;
    }
    const texts = sections.filter((s) => s.texts.length > 0).map((s) => s.texts.join(SEPARATOR));
    const symbols = [...this.#symbols.keys()].map((v) => v ?? NULL);
    const chunk = {
      numbers,
      texts: texts.join(SEPARATOR),
      symbols,
      dialogs: this.dialogs,
      width: this.#width,
      messages: this.messages,
      events: this.events,
    };
    this.#dialogs = new Section();
    this.#messages = new Section();
    this.#events = new Section();
    this.#symbols = new Map();
    this.dialogs = this.messages = this.events = 0;
    return chunk;
  }
}

/** Back into the rows the bulk writer takes. */
export function decodeChunk(chunk: EncodedChunk): BulkRows {
  const numbers = chunk.numbers;
  const texts = chunk.texts.split(SEPARATOR);
  const symbols: SqlValue[] = chunk.symbols.map((v) => (v === NULL ? null : v));
  let n = 0;
  let t = 0;
  const num = (): number | null => {
    const value = numbers[n++] as number;
    return value !== value ? null : value;
  };
  const int = (): number => numbers[n++] as number;
  const sym = (): SqlValue => symbols[numbers[n++] as number] as SqlValue;
  const str = (): string | null => {
    const value = texts[t++] as string;
    return value === NULL ? null : value;
  };
  // arrays of their final length, filled in place: the writing thread is the pipeline's narrow part
  const dialogs = new Array<SqlValue>(chunk.dialogs * chunk.width);
  const clients = new Array<SqlValue>(chunk.dialogs * 2);
  const messages = new Array<SqlValue>(chunk.messages * 7);
  const events = new Array<SqlValue>(chunk.events * 8);
  let k = 0;
  for (let i = 0; i < chunk.dialogs; i++) {
    for (let c = 0; c < chunk.width; c++) {
      const tag = int();
      dialogs[k++] = tag === TAG_NULL ? null : tag === TAG_NUMBER ? int() : sym();
    }
    clients[2 * i] = int();
    clients[2 * i + 1] = str();
  }
  for (let i = 0, m = 0; i < chunk.messages; i++) {
    messages[m++] = int(); // dialog_id
    messages[m++] = int(); // seq
    messages[m++] = int(); // at
    const operatorId = num();
    const hidden = int();
    messages[m++] = sym(); // author
    messages[m++] = operatorId;
    messages[m++] = hidden;
    messages[m++] = str(); // text
  }
  for (let i = 0, e = 0; i < chunk.events; i++) {
    events[e++] = int(); // dialog_id
    events[e++] = int(); // seq
    events[e++] = int(); // at
    const operatorId = num();
    const toOperatorId = num();
    const toLineId = num();
    events[e++] = sym(); // kind
    events[e++] = operatorId;
    events[e++] = toOperatorId;
    events[e++] = toLineId;
    events[e++] = sym(); // rating
  }
  const rows: BulkRows = { dialogs, messages, events, clients };
  return rows;
}
