/**
 * A small scripted portal for scenarios the emulator's demo world does not
 * stage on demand (a pin seen only through im.recent.get, OPERATOR_WRONG on a
 * transfer to the current owner, a hand-made spread of open and old
 * sessions): sessions as wire rows, the list filters the connector uses,
 * batch with `method?query` commands, and a call log.
 */
import { fail, ok, startLoopbackPortal, type LoopbackPortal, type Reply } from './loopback-portal.ts';

export interface ScriptedSession {
  id: number;
  chatId: number;
  open: boolean;
  /** epoch ms */
  start: number;
  updated: number;
  status: number;
  pinned: boolean;
  operatorId: number;
  messages: Array<{ id: number; sender: number; at: number; text: string; cls?: string }>;
  /** session.history.get answers ACCESS_DENIED for it, as a portal does without rights to the line */
  historyDenied?: boolean;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', '+00:00');

function activityOf(s: ScriptedSession): Record<string, string | object> {
  return {
    ID: String(1000 + s.id), OWNER_TYPE_ID: '3', OWNER_ID: String(500 + s.id), TYPE_ID: '6', PROVIDER_ID: 'IMOPENLINES_SESSION', PROVIDER_TYPE_ID: '2',
    ASSOCIATED_ENTITY_ID: String(s.id), ORIGIN_ID: `IMOL_${s.id}`, SUBJECT: `Client ${s.id} - Telegram`, COMPLETED: s.open ? 'N' : 'Y', DIRECTION: '1',
    RESPONSIBLE_ID: String(s.operatorId), AUTHOR_ID: String(s.operatorId), START_TIME: iso(s.start), END_TIME: s.open ? '' : iso(s.updated),
    LAST_UPDATED: iso(s.updated), PROVIDER_PARAMS: { USER_CODE: `telegrambot|2|${s.chatId}|${9000 + s.id}` },
  };
}

function historyOf(s: ScriptedSession): object {
  const message: Record<string, object> = {};
  for (const m of s.messages) {
    message[String(m.id)] = { id: String(m.id), chatid: String(s.chatId), senderid: String(m.sender), recipientid: `chat${s.chatId}`, date: iso(m.at), text: m.text, textlegacy: m.text, params: m.cls ? { class: m.cls, imolVoteUser: '0' } : [] };
  }
  return {
    chatId: s.chatId, canJoin: 'Y', canVoteHead: 'Y', sessionId: s.id, sessionVoteHead: 0, sessionCommentHead: null, userId: `chat${s.chatId}`,
    message: s.messages.length ? message : [], usersMessage: {},
    users: { [String(9000 + s.id)]: { id: String(9000 + s.id), name: `Client ${s.id}`, firstName: '', lastName: '', bot: false, connector: true, externalAuthId: 'imconnector' }, '11': { id: '11', name: 'Op', firstName: 'Op', lastName: '', bot: false, connector: false, externalAuthId: '' } },
  };
}

const entityData1 = (s: ScriptedSession): string => `Y|CONTACT|${500 + s.id}|${s.pinned ? 'Y' : 'N'}|N|${s.id}|${Math.floor(s.start / 1000)}|0|0|0`;

/** PHP-style query (filter[>ID]=5) back into nested params. */
function parseQuery(query: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    const path = key.split(/[[\]]+/).filter(Boolean);
    let node = out;
    path.forEach((p, i) => {
      if (i === path.length - 1) node[p] = value;
      else node = (node[p] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}

export interface ScriptedPortal extends LoopbackPortal {
  sessions: ScriptedSession[];
  /** methods as called, batch commands unpacked */
  methods: Array<{ method: string; params: Record<string, unknown> }>;
}

export async function startScriptedPortal(sessions: ScriptedSession[]): Promise<ScriptedPortal> {
  const methods: ScriptedPortal['methods'] = [];
  const byChat = (chatId: unknown) => sessions.filter((s) => s.chatId === Number(chatId)).sort((a, b) => b.id - a.id)[0];

  function list(params: Record<string, unknown>): Reply {
    const filter = (params['filter'] ?? {}) as Record<string, unknown>;
    let rows = sessions.filter((s) => {
      const a = activityOf(s);
      for (const [key, value] of Object.entries(filter)) {
        const m = /^(>=|<=|>|<)?(.+)$/.exec(key)!;
        const op = m[1] ?? '=';
        const field = m[2]!;
        const left = field === 'LAST_UPDATED' ? s.updated : field === 'PROVIDER_ID' || field === 'COMPLETED' ? String(a[field]) : Number(a[field]);
        const right = field === 'LAST_UPDATED' ? Date.parse(String(value)) : typeof left === 'string' ? String(value) : Number(value);
        const pass = op === '=' ? left === right : op === '>' ? left > right : op === '<' ? left < right : op === '>=' ? left >= right : left <= right;
        if (!pass) return false;
      }
      return true;
    });
    const desc = ((params['order'] ?? {}) as Record<string, unknown>)['ID'] === 'DESC';
    rows = rows.sort((a, b) => (desc ? b.id - a.id : a.id - b.id));
    const start = Number(params['start'] ?? 0);
    if (start === -1) return ok(rows.slice(0, 50).map(activityOf));
    const page = rows.slice(start, start + 50).map(activityOf);
    return ok(page, { total: rows.length, ...(start + 50 < rows.length ? { next: start + 50 } : {}) });
  }

  function run(method: string, params: Record<string, unknown>): Reply {
    methods.push({ method, params });
    switch (method) {
      case 'crm.activity.list':
        return list(params);
      case 'imopenlines.session.history.get': {
        const s = sessions.find((x) => x.id === Number(params['SESSION_ID']));
        return s && !s.historyDenied ? ok(historyOf(s)) : fail(400, 'ACCESS_DENIED', 'no such session');
      }
      case 'imopenlines.dialog.get': {
        const s = byChat(params['CHAT_ID']);
        return s ? ok({ id: s.chatId, owner: s.operatorId, type: 'lines', entity_type: 'LINES', entity_id: `telegrambot|2|${s.chatId}|${9000 + s.id}`, entity_data_1: entityData1(s), entity_data_2: '', entity_data_3: '', date_create: '', dialog_id: `chat${s.chatId}`, message_count: 0, name: '' }) : fail(400, 'ACCESS_ERROR');
      }
      case 'im.recent.get':
        return ok(sessions.filter((s) => s.open).map((s) => ({ id: `chat${s.chatId}`, chat_id: s.chatId, type: 'chat', title: '', chat: { id: s.chatId, entity_type: 'LINES', entity_id: '', entity_data_1: entityData1(s), owner: s.operatorId }, lines: { id: s.id, status: s.status, date_create: iso(s.start) }, date_update: iso(s.updated) })));
      case 'imopenlines.operator.another.finish':
      case 'imopenlines.operator.spam':
      case 'imopenlines.operator.transfer':
      case 'imopenlines.session.mode.pin': {
        const s = byChat(params['CHAT_ID']);
        if (!s) return fail(400, 'CHAT_ID', 'The provided chat identifier is incorrect');
        if (method === 'imopenlines.operator.transfer' && String(params['TRANSFER_ID']) === String(s.operatorId)) return fail(400, 'OPERATOR_WRONG', 'You cannot redirect to this operator');
        return ok(true);
      }
      case 'imopenlines.session.head.vote':
        return ok(true);
      // the reference lists, for a sync through the real services: one line, its operators
      case 'imopenlines.config.list.get':
        return ok([{ ID: '2', LINE_NAME: 'Support', ACTIVE: 'Y', QUEUE: ['11'] }]);
      case 'user.get':
        return ok([...new Set(sessions.map((x) => x.operatorId).filter((id) => id > 0))].map((id) => ({ ID: String(id), ACTIVE: true, NAME: `Operator`, LAST_NAME: String(id) })), { total: 1 });
      default:
        return fail(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!');
    }
  }

  const portal = await startLoopbackPortal((method, body) => {
    if (method !== 'batch') return run(method, body);
    const result: Record<string, unknown> = {};
    const errors: Record<string, unknown> = {};
    const total: Record<string, unknown> = {};
    for (const [key, command] of Object.entries(body['cmd'] as Record<string, string>)) {
      const [name, query = ''] = command.split('?');
      const reply = run(name!, parseQuery(query));
      if (typeof reply !== 'object' || !('body' in reply)) continue;
      const b = reply.body as Record<string, unknown>;
      if ('error' in b) errors[key] = b;
      else {
        result[key] = b['result'];
        if ('total' in b) total[key] = b['total'];
      }
    }
    return ok({ result, result_error: Object.keys(errors).length ? errors : [], result_total: Object.keys(total).length ? total : [], result_next: [], result_time: [] });
  });
  return Object.assign(portal, { sessions, methods });
}
