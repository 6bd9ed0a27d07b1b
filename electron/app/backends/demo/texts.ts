/**
 * Message texts and the descriptive details of a dialog (CRM link, site page,
 * supervisor comment), drawn from the phrase banks of the client's language.
 */
import type { CrmLink } from '../../../../shared/domain/dialog.ts';
import type { Lang } from './names.ts';
import { EN } from './phrases-en.ts';
import { RU } from './phrases-ru.ts';
import type { Rng } from './random.ts';
import type { Topic } from './world.ts';

type Phrases = readonly string[];

export interface PhraseBank {
  clientOpen: Readonly<Record<Topic, Phrases>>;
  clientFollow: Phrases;
  clientNudge: Phrases;
  clientThanks: Phrases;
  operatorGreeting: Phrases;
  operatorApology: Phrases;
  operatorAnswer: Readonly<Record<Topic, Phrases>>;
  operatorAsk: Phrases;
  operatorWait: Phrases;
  operatorBye: Phrases;
  hiddenNote: Phrases;
  outgoing: Phrases;
  spam: Phrases;
  botGreeting: Phrases;
  botFaq: Phrases;
  botHandoff: Phrases;
  botBye: Phrases;
  system: Readonly<Record<SystemNote, string>>;
}

export type SystemNote =
  | 'transferOperator'
  | 'transferLine'
  | 'skipped'
  | 'formFilled'
  | 'pageOpened'
  | 'closedBySupervisor'
  | 'intercepted'
  | 'spam'
  | 'closing';

/** Keys of the banks that are plain phrase lists. */
export type PhraseKey = {
  [K in keyof PhraseBank]: PhraseBank[K] extends Phrases ? K : never;
}[keyof PhraseBank];

export const BANKS: Readonly<Record<Lang, PhraseBank>> = { ru: RU, en: EN };

export type TextVars = Readonly<Record<string, string>>;

/** A greeting to a client without a first name: "Здравствуйте, !" → "Здравствуйте!" */
function tidy(text: string): string {
  return text.replace(/,\s*!/g, '!').replace(/\s{2,}/g, ' ').trim();
}

interface Template {
  /** literal, key, literal, key, …, literal */
  parts: string[];
  /** tidy() changes nothing when every placeholder holds a plain word */
  tidyWithPlainWords: boolean;
}

/** Templates split once: filling is the hot path of planning a million dialogs for the generator. */
const templates = new Map<string, Template>();

function compile(template: string): Template {
  const parts = template.split(/\{(\w+)\}/);
  const probe = parts.map((part, i) => (i % 2 === 1 ? 'x' : part)).join('');
  return { parts, tidyWithPlainWords: tidy(probe) === probe };
}

/** Could this value make tidy() change the filled text (empty, spaces at its ends or doubled, a comma or "!")? */
const NOT_PLAIN = /^$|^\s|\s$|\s\s|[,!]/;

export function fill(template: string, vars: TextVars): string {
  let compiled = templates.get(template);
  if (!compiled) templates.set(template, (compiled = compile(template)));
  const { parts } = compiled;
  let text = parts[0] as string;
  let needsTidy = !compiled.tidyWithPlainWords;
  for (let i = 1; i < parts.length; i += 2) {
    const value = vars[parts[i] as string] ?? '';
    if (!needsTidy && NOT_PLAIN.test(value)) needsTidy = true;
    text += value + (parts[i + 1] as string);
  }
  return needsTidy ? tidy(text) : text;
}

export function phrase(rng: Rng, lang: Lang, key: PhraseKey, vars: TextVars): string {
  return fill(rng.pick(BANKS[lang][key]), vars);
}

export function topicPhrase(rng: Rng, lang: Lang, key: 'clientOpen' | 'operatorAnswer', topic: Topic, vars: TextVars): string {
  return fill(rng.pick(BANKS[lang][key][topic]), vars);
}

export function systemText(lang: Lang, note: SystemNote, vars: TextVars): string {
  return fill(BANKS[lang].system[note], vars);
}

const RU_COMPANIES = ['ООО «Северный ветер»', 'АО «Техностиль»', 'ИП Карпов', 'ООО «Вектор плюс»', 'ООО «Горизонт»', 'ООО «Мастер-Строй»'];
const EN_COMPANIES = ['Northwind Ltd', 'Blue Harbor Inc', 'Greenfield GmbH', 'Summit Trading LLC'];
const RU_DEALS = ['Заказ', 'Поставка оборудования', 'Годовой контракт', 'Оптовая закупка', 'Доставка'];
const EN_DEALS = ['Order', 'Annual subscription', 'Equipment supply', 'Wholesale order'];

/** A CRM record as an operator or a CRM rule would link it; the title reads as in Bitrix24. */
export function crmLink(rng: Rng, lang: Lang, clientName: string, channel: string): CrmLink {
  const type = rng.weighted([['contact', 45], ['company', 12], ['deal', 25], ['lead', 18]] as const);
  const id = rng.int(100, 99_999);
  const ru = lang === 'ru';
  switch (type) {
    case 'contact':
      return { type, id, title: clientName };
    case 'company':
      return { type, id, title: rng.pick(ru ? RU_COMPANIES : EN_COMPANIES) };
    case 'deal':
      return { type, id, title: `${rng.pick(ru ? RU_DEALS : EN_DEALS)} #${rng.int(1000, 99_999)}` };
    case 'lead':
      return { type, id, title: ru ? `Лид из ${channelTitle(channel)} — ${clientName}` : `Lead from ${channel}: ${clientName}` };
  }
}

const RU_PAGES = ['/', '/catalog/smartfony/', '/catalog/noutbuki/', '/product/12873/', '/product/5521/', '/delivery/', '/cart/', '/sale/', '/contacts/', '/catalog/aksessuary/'];
const EN_PAGES = ['/', '/pricing', '/products/headphones', '/checkout', '/help/shipping', '/account/orders'];

export function pageUrl(rng: Rng, lang: Lang): string {
  return lang === 'ru' ? `https://shop.example.com${rng.pick(RU_PAGES)}` : `https://www.example.com${rng.pick(EN_PAGES)}`;
}

/** Genitive Russian titles, as in "Лид из Telegram" / "Лид из онлайн-чата". */
const CHANNEL_TITLES: Readonly<Record<string, string>> = {
  livechat: 'онлайн-чата',
  telegrambot: 'Telegram',
  wz_whatsapp: 'WhatsApp',
  whatsappbytwilio: 'WhatsApp',
  vkgroup: 'ВКонтакте',
  viber: 'Viber',
  avito: 'Авито',
  email: 'e-mail',
  facebook: 'Facebook',
  imessage: 'iMessage',
  olx: 'OLX',
};

function channelTitle(channel: string): string {
  return CHANNEL_TITLES[channel] ?? channel;
}

const SUPERVISOR_COMMENTS: Readonly<Record<number, readonly string[]>> = {
  1: ['Грубый тон, разобрать на планёрке', 'Клиент ушёл без ответа'],
  2: ['Долгий первый ответ', 'Не уточнил номер заказа, лишняя переписка'],
  3: ['Нормально, но можно быстрее', 'Без приветствия'],
  4: ['Хорошо, вежливо', 'Вопрос решён, но с задержкой'],
  5: ['Отличная работа!', 'Образцовый диалог, в базу знаний', 'Быстро и по делу'],
};

export function supervisorReview(rng: Rng): { rating: number; comment: string } {
  const rating = rng.weighted([[5, 35], [4, 30], [3, 15], [2, 12], [1, 8]] as const);
  return { rating, comment: rng.pick(SUPERVISOR_COMMENTS[rating] ?? ['']) };
}
