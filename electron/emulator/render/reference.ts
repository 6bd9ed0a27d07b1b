/** Lines and users as `imopenlines.config.list.get` and `user.get` list them (spec §5.6, §5.11). */
import type { WireLine, WireUser } from '../../app/backends/bitrix24/wire.ts';
import type { Operator } from '../../../shared/domain/dialog.ts';
import type { LineInfo } from '../state.ts';

export function renderLine(line: LineInfo, withQueue: boolean): WireLine {
  return { ID: String(line.id), LINE_NAME: line.name, ACTIVE: 'Y', ...(withQueue ? { QUEUE: line.queue.map(String) } : {}) };
}

/** Bots are not users to user.get. */
export function listedUsers(operators: readonly Operator[]): Operator[] {
  return operators.filter((o) => !o.isBot).sort((a, b) => a.id - b.id);
}

export function renderUser(user: Operator, supervisorId: number): WireUser {
  const cut = user.name.indexOf(' ');
  return {
    ID: String(user.id),
    ACTIVE: true,
    NAME: cut > 0 ? user.name.slice(0, cut) : user.name,
    LAST_NAME: cut > 0 ? user.name.slice(cut + 1) : '',
    WORK_POSITION: user.id === supervisorId ? 'Administrator' : 'Operator',
    IS_ONLINE: 'Y',
  };
}
