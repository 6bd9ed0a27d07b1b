/**
 * Lenient zod schemas of the wire shapes in wire.ts (Dto side). A portal
 * sends numbers as strings and empty maps as []; a field we do not read may
 * be missing; a field we do read and cannot make sense of fails the parse
 * with its path, rather than turning into an invented value.
 */
import { z } from 'zod';

/** A number, or a string holding one ("15"); "" and null read as 0 as PHP does. */
export const num = z.union([
  z.number(),
  z.string().regex(/^\s*-?\d*(\.\d+)?\s*$/).transform((s) => (s.trim() === '' ? 0 : Number(s))),
  z.null().transform(() => 0),
]);
const str = z.union([z.string(), z.number().transform(String), z.null().transform(() => '')]);
const yn = z.union([z.literal('Y'), z.literal('N'), z.boolean().transform((b) => (b ? 'Y' : 'N'))]);
const bool = z.union([z.boolean(), z.literal('Y').transform(() => true), z.literal('N').transform(() => false), z.number().transform((n) => n !== 0)]);

/** A PHP associative array: an object, or [] when empty. */
export const phpMap = <T extends z.ZodType>(value: T) =>
  z.union([z.record(z.string(), value), z.array(z.never()).transform(() => ({}) as Record<string, z.infer<T>>)]);

export const activitySchema = z.looseObject({
  ID: num,
  OWNER_TYPE_ID: num.optional().default(0),
  OWNER_ID: num.optional().default(0),
  PROVIDER_TYPE_ID: num.optional().default(0),
  ASSOCIATED_ENTITY_ID: num,
  SUBJECT: str.optional().default(''),
  COMPLETED: yn,
  DIRECTION: num,
  RESPONSIBLE_ID: num.optional().default(0),
  START_TIME: z.string(),
  END_TIME: str.optional().default(''),
  LAST_UPDATED: str.optional().default(''),
  PROVIDER_PARAMS: z.union([z.looseObject({ USER_CODE: z.string() }), z.array(z.never())]),
});
export type ActivityDto = z.infer<typeof activitySchema>;

const messageSchema = z.looseObject({
  id: num,
  senderid: num,
  date: z.string(),
  text: str.optional().default(''),
  params: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown()).transform(() => ({}) as Record<string, unknown>)]).nullish(),
});
export type MessageDto = z.infer<typeof messageSchema>;

const historyUserSchema = z.looseObject({
  id: num,
  name: str.optional().default(''),
  bot: bool.optional().default(false),
  connector: bool.optional().default(false),
});

export const historySchema = z.looseObject({
  chatId: num.optional(),
  sessionId: num.optional(),
  sessionVoteHead: num.nullish(),
  sessionCommentHead: str.nullish(),
  message: phpMap(messageSchema),
  users: phpMap(historyUserSchema),
});
export type HistoryDto = z.infer<typeof historySchema>;

export const dialogSchema = z.looseObject({
  id: num,
  owner: num.optional().default(0),
  entity_id: str.optional().default(''),
  entity_data_1: str.optional().default(''),
});
export type DialogDto = z.infer<typeof dialogSchema>;

export const recentItemSchema = z.looseObject({
  chat_id: num.optional(),
  chat: z.looseObject({ id: num, entity_id: str.optional().default(''), entity_data_1: str.optional().default(''), owner: num.optional() }).nullish(),
  lines: z.looseObject({ id: num, status: num }).nullish(),
});
export type RecentItemDto = z.infer<typeof recentItemSchema>;
/** im.recent.get answers a list; some portals wrap it as {items: [...]} as im.recent.list does */
export const recentSchema = z.union([recentItemSchema.array(), z.looseObject({ items: recentItemSchema.array() }).transform((r) => r.items)]);

export const lineSchema = z.looseObject({
  ID: num,
  LINE_NAME: str.optional().default(''),
  ACTIVE: yn.optional().default('Y'),
  QUEUE: z.array(num).nullish(),
});
export type LineDto = z.infer<typeof lineSchema>;

export const userSchema = z.looseObject({
  ID: num,
  ACTIVE: bool.optional().default(true),
  NAME: str.nullish(),
  LAST_NAME: str.nullish(),
});
export type UserDto = z.infer<typeof userSchema>;

export const trueSchema = z.union([z.literal(true), z.literal('Y'), z.literal(1), z.literal('1')]).transform(() => true as const);
