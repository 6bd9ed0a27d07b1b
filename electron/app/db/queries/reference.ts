/** Lines, operators and clients: the names the grid shows and filters offer. */
import type { OpenLine, Operator } from '../../../../shared/domain/dialog.ts';
import type { Db, WritableDB } from '../connection.ts';
import { prepared } from '../connection.ts';

/**
 * Stores lines and operators; where a name changed, the copies on dialog rows
 * (kept there for sorting) follow.
 */
export function upsertReference(db: WritableDB, lines: OpenLine[], operators: Operator[]): void {
  for (const line of lines) {
    const before = prepared(db, 'SELECT name FROM lines WHERE id = ?').get(line.id) as { name: string } | undefined;
    prepared(db, 'INSERT INTO lines (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name').run(
      line.id,
      line.name,
    );
    if (before && before.name !== line.name) {
      prepared(db, 'UPDATE dialogs SET line_name = ? WHERE line_id = ?').run(line.name, line.id);
    }
  }
  for (const operator of operators) {
    const before = prepared(db, 'SELECT name FROM operators WHERE id = ?').get(operator.id) as { name: string } | undefined;
    prepared(
      db,
      `INSERT INTO operators (id, name, is_bot) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, is_bot = excluded.is_bot`,
    ).run(operator.id, operator.name, operator.isBot ? 1 : 0);
    if (before && before.name !== operator.name) {
      prepared(db, 'UPDATE dialogs SET operator_name = ? WHERE operator_id = ?').run(operator.name, operator.id);
    }
  }
}

export function upsertClient(db: WritableDB, id: number, name: string): void {
  prepared(db, 'INSERT INTO clients (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name').run(
    id,
    name,
  );
}

export function listLines(db: Db): OpenLine[] {
  return prepared(db, 'SELECT id, name FROM lines ORDER BY name, id').all() as OpenLine[];
}

export function listOperators(db: Db): Operator[] {
  return (
    prepared(db, 'SELECT id, name, is_bot FROM operators ORDER BY name, id').all() as Array<{
      id: number;
      name: string;
      is_bot: number;
    }>
  ).map((o) => ({ id: o.id, name: o.name, isBot: o.is_bot === 1 }));
}

export function listChannels(db: Db): string[] {
  return (prepared(db, 'SELECT DISTINCT channel FROM dialogs ORDER BY channel').all() as Array<{ channel: string }>).map(
    (r) => r.channel,
  );
}

export function lineName(db: Db, id: number): string | null {
  return (prepared(db, 'SELECT name FROM lines WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? null;
}

export function operatorName(db: Db, id: number): string | null {
  return (prepared(db, 'SELECT name FROM operators WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? null;
}
