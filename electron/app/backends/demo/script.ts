/**
 * Plans one dialog from its arrival: who the client is, where they write, and
 * the whole script of its life (bot, queue, operators, close). Each dialog
 * draws from its own random stream (seed, index), so its plan depends on
 * nothing else and the store can release it step by step as time passes.
 */
import type { DialogSnapshot } from '../backend.ts';
import { afterClose, between, clientBurst, converse, firstReply, pause, pickOperator, queueWait, textVars, wrapUp } from './conversation.ts';
import { clientDisplayName, type Lang, type PersonName } from './names.ts';
import { createRng, STREAM } from './random.ts';
import { Story, type DialogProfile, type ScriptStep } from './story.ts';
import { crmLink, pageUrl, phrase, systemText, topicPhrase } from './texts.ts';
import { HOUR, MINUTE, type Arrival } from './timebase.ts';
import { CHANNEL_SHARES, englishShare, pickLine, type World } from './world.ts';

export interface PlannedDialog {
  snapshot: DialogSnapshot;
  profile: DialogProfile;
  steps: ScriptStep[];
}

interface Client {
  id: number;
  channel: string;
  lang: Lang;
  name: PersonName;
}

/** A client is a function of its key: a returning client comes back with the same name and channel. */
function clientOf(seed: number, key: number): Client {
  const rng = createRng(seed, STREAM.client, key);
  const channel = rng.weighted(CHANNEL_SHARES);
  const lang: Lang = rng.chance(englishShare(channel)) ? 'en' : 'ru';
  return { id: 20_000 + key, channel, lang, name: clientDisplayName(rng, lang, channel) };
}

export function planDialog(world: World, seed: number, index: number, arrival: Arrival): PlannedDialog {
  const rng = createRng(seed, STREAM.dialog, index);
  // about a fifth of the dialogs come from a client who wrote before
  const clientKey = index > 100 && rng.chance(0.22) ? rng.int(Math.max(0, index - 3000), index - 1) : index;
  const client = clientOf(seed, clientKey);
  const line = pickLine(world, rng, client.channel, client.lang);
  // an operator cannot open a live chat with a site visitor; messengers and e-mail allow it
  const direction = client.channel !== 'livechat' && rng.chance(0.12) ? 'out' : 'in';
  const crm = rng.chance(0.4) ? crmLink(rng, client.lang, client.name.full, client.channel) : null;
  const crmOnTake = crm !== null && rng.chance(0.4);
  const snapshot: DialogSnapshot = {
    id: world.firstDialogId + index,
    // one chat per client and line; every new session of theirs reuses it
    chatId: 300_000 + clientKey * 10 + line.id,
    lineId: line.id,
    direction,
    channel: client.channel,
    clientId: client.id,
    clientName: client.name.full,
    operatorId: null,
    crm: crmOnTake ? null : crm,
    pageUrl: client.channel === 'livechat' && rng.chance(0.9) ? pageUrl(rng, client.lang) : null,
    formFilled: false,
    historyRequested: false,
    pinned: false,
    historyUnavailable: false,
    supervisorRating: null,
    supervisorComment: null,
    reportedStatusCode: null,
  };
  const profile: DialogProfile = {
    world,
    line,
    lang: client.lang,
    channel: client.channel,
    clientFirstName: client.name.first,
    clientName: client.name.full,
    orderNo: String(rng.int(100_000, 999_999)),
    formFilled: false,
    staffedAllDay: arrival.busy,
    rng,
  };
  const story = new Story(arrival.at);
  const takePatch = { ...(crmOnTake ? { crm } : {}), ...(rng.chance(0.04) ? { pinned: true } : {}) };
  if (direction === 'out') outgoing(story, profile, takePatch);
  else incoming(story, profile, snapshot.pageUrl, takePatch);
  return { snapshot, profile, steps: story.steps };
}

type TakePatch = { crm?: DialogSnapshot['crm']; pinned?: boolean };

function incoming(s: Story, p: DialogProfile, page: string | null, takePatch: TakePatch): void {
  const { rng } = p;
  const created = s.t;
  s.entry({ kind: 'created' });
  if (page !== null && rng.chance(0.25)) s.system(systemText(p.lang, 'pageOpened', { url: page }));
  if (rng.chance(0.03)) {
    spam(s, p);
    return;
  }
  clientBurst(s, p, topicPhrase(rng, p.lang, 'clientOpen', p.line.topic, textVars(p, null)));
  const botId = p.line.botId;
  if (botId !== null && rng.chance(0.8) && botResolves(s, p, botId)) return;

  const queuedAt = s.t;
  const takeAt = queuedAt + queueWait(rng, queuedAt, p.staffedAllDay);
  if (rng.chance(0.04)) {
    // the client gives up and nobody picks it up: the line closes it hours later
    if (rng.chance(0.5)) s.wait(between(rng, 60, 600)).client(phrase(rng, p.lang, 'clientNudge', textVars(p, null)));
    s.wait(between(rng, 2 * 3600, 10 * 3600)).closed();
    return;
  }
  // while it waits, in time order: the queue offers it to operators, and an
  // offer not accepted in time returns it to the queue (skipped); the client nudges
  const waiting: Array<{ at: number; skip: boolean }> = [];
  for (let offerEnds = queuedAt + between(rng, 30, 90); offerEnds < takeAt - 10_000; offerEnds += between(rng, 60, 180)) {
    if (waiting.length < 3 && rng.chance(0.45)) waiting.push({ at: offerEnds, skip: true });
  }
  if (takeAt - queuedAt > 2 * MINUTE && rng.chance(0.35)) {
    const nudges = rng.int(1, 2);
    for (let i = 0; i < nudges; i++) waiting.push({ at: queuedAt + (takeAt - queuedAt) * (0.1 + rng.next() * 0.85), skip: false });
  }
  waiting.sort((a, b) => a.at - b.at);
  const skippers: number[] = [];
  for (const event of waiting) {
    s.wait(event.at - s.t);
    if (event.skip) {
      const skipper = pickOperator(p, p.line, skippers);
      skippers.push(skipper);
      s.skip(skipper);
    } else {
      s.client(phrase(rng, p.lang, 'clientNudge', textVars(p, null)));
    }
  }
  const operator = pickOperator(p, p.line, skippers);
  s.wait(takeAt - s.t).take(operator, takePatch);
  firstReply(s, p, operator, s.t - created);
  converse(s, p, rng.weighted([[0, 30], [1, 30], [2, 20], [3, 12], [4, 8]] as const));
  wrapUp(s, p);
}

/** The bot greets and answers FAQs; returns true when it settled the dialog itself. */
function botResolves(s: Story, p: DialogProfile, botId: number): boolean {
  const { rng } = p;
  const v = textVars(p, null);
  s.patch({ operatorId: botId }).wait(between(rng, 1, 3)).bot(botId, phrase(rng, p.lang, 'botGreeting', v));
  const faqRounds = rng.weighted([[0, 40], [1, 45], [2, 15]] as const);
  for (let i = 0; i < faqRounds; i++) {
    s.wait(pause(rng, 25, 0.8, 5, 180)).client(phrase(rng, p.lang, 'clientFollow', v));
    s.wait(between(rng, 1, 3)).bot(botId, phrase(rng, p.lang, 'botFaq', v));
  }
  if (faqRounds > 0 && rng.chance(0.2)) {
    if (rng.chance(0.7)) s.wait(between(rng, 10, 60)).client(phrase(rng, p.lang, 'clientThanks', v));
    s.wait(between(rng, 1, 3)).bot(botId, phrase(rng, p.lang, 'botBye', v));
    s.wait(between(rng, 60, 600)).closing();
    if (rng.chance(0.3)) s.wait(between(rng, 10, 300)).vote(rng.chance(0.85) ? 'like' : 'dislike');
    s.wait(between(rng, 5 * 60, 20 * 60)).closed();
    afterClose(s, p);
    return true;
  }
  s.wait(between(rng, 2, 20)).bot(botId, phrase(rng, p.lang, 'botHandoff', v));
  s.entry({ kind: 'botHandoff' }, { operatorId: null });
  return false;
}

/** Junk from a spammer: someone marks it as spam, sometimes after taking it. */
function spam(s: Story, p: DialogProfile): void {
  const { rng } = p;
  s.client(phrase(rng, p.lang, 'spam', {}));
  if (rng.chance(0.3)) s.wait(between(rng, 2, 20)).client(phrase(rng, p.lang, 'spam', {}));
  const operator = pickOperator(p, p.line);
  s.wait(pause(rng, 120, 1.0, 10, 30 * 60));
  if (rng.chance(0.4)) s.take(operator).wait(between(rng, 5, 60));
  s.patch({ operatorId: operator }).spam(operator);
}

/** An operator writes first (a reminder, a follow-up); the client may never answer. */
function outgoing(s: Story, p: DialogProfile, takePatch: TakePatch): void {
  const { rng } = p;
  const operator = pickOperator(p, p.line);
  s.entry({ kind: 'created' }).take(operator, takePatch);
  s.wait(between(rng, 0, 30)).reply(operator, phrase(rng, p.lang, 'outgoing', textVars(p, operator)));
  if (rng.chance(0.75)) {
    converse(s, p, rng.weighted([[1, 50], [2, 30], [3, 20]] as const));
    wrapUp(s, p);
    return;
  }
  s.wait(between(rng, 4 * HOUR / 1000, 12 * HOUR / 1000)).closing();
  s.wait(between(rng, 5 * 60, 25 * 60)).closed();
  afterClose(s, p);
}
