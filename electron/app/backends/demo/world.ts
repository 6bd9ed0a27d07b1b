/**
 * The simulated contact centre: open lines, operators, bots, the supervisor and
 * the channel mix. Built once from the seed; every dialog draws from it.
 */
import type { OpenLine, Operator } from '../../../../shared/domain/dialog.ts';
import { personName, type Lang } from './names.ts';
import { createRng, STREAM, type Rng } from './random.ts';

/** What clients of a line ask about: selects the phrase bank. */

/** Bitrix user ids: 1 is the portal admin, here the supervisor using the console (the user the demo acts as). */
export const SUPERVISOR_ID = 1;
export type Topic = 'sales' | 'support' | 'marketplace' | 'corporate' | 'delivery';

export interface LineDef {
  id: number;
  name: string;
  lang: Lang;
  topic: Topic;
  /** connector id → relative weight among the clients of that channel */
  channels: Readonly<Record<string, number>>;
  botId: number | null;
  /** human operators in the line's queue */
  operatorIds: number[];
  /** client silence after an operator's reply before the line enters closing mode */
  autoCloseMinutes: number;
}

export interface World {
  lines: LineDef[];
  operators: Operator[];
  supervisorId: number;
  lineById: ReadonlyMap<number, LineDef>;
  operatorById: ReadonlyMap<number, Operator>;
  firstDialogId: number;
}

/**
 * Overall channel shares (percent). Roughly a Russian mid-size retailer:
 * the site widget leads, messengers follow, marketplaces and e-mail trail.
 */
export const CHANNEL_SHARES: ReadonlyArray<readonly [string, number]> = [
  ['livechat', 36],
  ['telegrambot', 16],
  ['wz_whatsapp', 11],
  ['vkgroup', 9],
  ['avito', 7],
  ['email', 6],
  ['viber', 5],
  ['whatsappbytwilio', 4],
  ['facebook', 3],
  ['imessage', 2],
  ['olx', 1],
];

/** Share of English-speaking clients per channel (the rest write in Russian). */
const EN_SHARE: Readonly<Record<string, number>> = {
  livechat: 0.1,
  telegrambot: 0.08,
  email: 0.15,
  whatsappbytwilio: 0.75,
  facebook: 0.7,
  imessage: 0.7,
  olx: 0.9,
};

export function englishShare(channel: string): number {
  return EN_SHARE[channel] ?? 0;
}

interface LineTemplate {
  id: number;
  name: string;
  lang: Lang;
  topic: Topic;
  channels: Record<string, number>;
  autoCloseMinutes: number;
  /** always present: together they accept every channel in both languages */
  required: boolean;
}

const LINE_TEMPLATES: readonly LineTemplate[] = [
  { id: 1, name: 'Сайт — продажи', lang: 'ru', topic: 'sales', channels: { livechat: 3, vkgroup: 1 }, autoCloseMinutes: 30, required: true },
  { id: 2, name: 'Сайт — поддержка', lang: 'ru', topic: 'support', channels: { livechat: 2, email: 2 }, autoCloseMinutes: 20, required: false },
  {
    id: 3,
    name: 'Мессенджеры',
    lang: 'ru',
    topic: 'support',
    // the catch-all line: every channel a Russian-speaking client may use
    channels: { telegrambot: 3, wz_whatsapp: 3, viber: 2, whatsappbytwilio: 2, facebook: 2, imessage: 2, olx: 2, vkgroup: 1, avito: 0.5, email: 0.5, livechat: 0.5 },
    autoCloseMinutes: 60,
    required: true,
  },
  { id: 4, name: 'Авито', lang: 'ru', topic: 'marketplace', channels: { avito: 4 }, autoCloseMinutes: 120, required: false },
  { id: 5, name: 'ВКонтакте', lang: 'ru', topic: 'sales', channels: { vkgroup: 3 }, autoCloseMinutes: 45, required: false },
  {
    id: 6,
    name: 'Support EN',
    lang: 'en',
    topic: 'support',
    channels: { livechat: 1, email: 1, whatsappbytwilio: 1, facebook: 1, imessage: 1, telegrambot: 1, olx: 1 },
    autoCloseMinutes: 30,
    required: true,
  },
  { id: 7, name: 'Корпоративные клиенты', lang: 'ru', topic: 'corporate', channels: { email: 3, telegrambot: 1 }, autoCloseMinutes: 240, required: false },
  { id: 8, name: 'Доставка и возвраты', lang: 'ru', topic: 'delivery', channels: { livechat: 1, telegrambot: 1, wz_whatsapp: 1, viber: 1 }, autoCloseMinutes: 45, required: false },
];

const BOT_NAMES: Readonly<Record<Lang, readonly string[]>> = {
  ru: ['Чат-бот Помощник', 'Бот-консультант', 'Виртуальный ассистент'],
  en: ['Support Bot', 'Virtual Assistant'],
};

function chooseLines(rng: Rng): LineTemplate[] {
  const optional = LINE_TEMPLATES.filter((l) => !l.required && rng.chance(0.6));
  // 4–8 lines: the three required ones plus at least one optional
  if (optional.length === 0) optional.push(rng.pick(LINE_TEMPLATES.filter((l) => !l.required)));
  const chosen = new Set([...LINE_TEMPLATES.filter((l) => l.required), ...optional]);
  return LINE_TEMPLATES.filter((l) => chosen.has(l));
}

export function createWorld(seed: number): World {
  const rng = createRng(seed, STREAM.world);
  const templates = chooseLines(rng);
  const operators: Operator[] = [];
  const usedNames = new Set<string>();
  const newName = (lang: Lang): string => {
    for (;;) {
      const name = personName(rng, lang).full;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };

  const supervisorId = SUPERVISOR_ID;
  operators.push({ id: supervisorId, name: newName('ru'), isBot: false });

  let nextUserId = 10 + rng.int(0, 20);
  const ruStaff: number[] = [];
  const enStaff: number[] = [];
  const staffCount = rng.int(16, 30);
  for (let i = 0; i < staffCount; i++) {
    const lang: Lang = i < 4 ? 'en' : 'ru';
    const id = nextUserId;
    nextUserId += rng.int(1, 4);
    operators.push({ id, name: newName(lang), isBot: false });
    (lang === 'en' ? enStaff : ruStaff).push(id);
  }

  // bots on some lines only; a centre rarely automates every line
  const botLines = new Set(templates.filter(() => rng.chance(0.35)).map((l) => l.id));
  if (botLines.size === 0) botLines.add(1);
  let nextBotId = 900 + rng.int(0, 50);
  const botNames: Record<Lang, string[]> = { ru: [...BOT_NAMES.ru], en: [...BOT_NAMES.en] };
  const botName = (lang: Lang, lineName: string): string => {
    const free = botNames[lang];
    // names run out before lines do: then the line tells the bots apart
    return free.length > 0 ? (free.splice(rng.int(0, free.length - 1), 1)[0] as string) : `${rng.pick(BOT_NAMES[lang])} (${lineName})`;
  };

  const lines: LineDef[] = templates.map((t) => {
    let botId: number | null = null;
    if (botLines.has(t.id)) {
      botId = nextBotId++;
      operators.push({ id: botId, name: botName(t.lang, t.name), isBot: true });
    }
    // English line: the English speakers and a couple of bilingual colleagues
    const pool = t.lang === 'en' ? [...enStaff, ...pickSome(rng, ruStaff, 2)] : pickSome(rng, ruStaff, rng.int(3, 7));
    return { ...t, botId, operatorIds: pool };
  });
  // nobody on the payroll sits outside every queue
  const ruLines = lines.filter((l) => l.lang === 'ru');
  for (const id of ruStaff) {
    if (lines.some((l) => l.operatorIds.includes(id))) continue;
    const line = rng.pick(ruLines);
    line.operatorIds = [...line.operatorIds, id].sort((a, b) => a - b);
  }

  return {
    lines,
    operators,
    supervisorId,
    lineById: new Map(lines.map((l) => [l.id, l])),
    operatorById: new Map(operators.map((o) => [o.id, o])),
    firstDialogId: 10_000 + rng.int(0, 40_000),
  };
}

function pickSome(rng: Rng, items: readonly number[], count: number): number[] {
  const copy = [...items];
  const out: number[] = [];
  while (out.length < count && copy.length > 0) {
    out.push(copy.splice(rng.int(0, copy.length - 1), 1)[0] as number);
  }
  return out.sort((a, b) => a - b);
}

/** The line a client's message lands on: a line of the client's language that takes the channel. */
export function pickLine(world: World, rng: Rng, channel: string, lang: Lang): LineDef {
  const candidates = world.lines
    .filter((l) => l.lang === lang && (l.channels[channel] ?? 0) > 0)
    .map((l) => [l, l.channels[channel] ?? 0] as const);
  if (candidates.length > 0) return rng.weighted(candidates);
  // required lines accept every channel of their language
  return world.lines.find((l) => l.lang === lang && l.id === (lang === 'en' ? 6 : 3)) ?? (world.lines[0] as LineDef);
}

export function publicLines(world: World): OpenLine[] {
  return world.lines.map((l) => ({ id: l.id, name: l.name }));
}
