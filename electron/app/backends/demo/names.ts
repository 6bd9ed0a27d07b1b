/**
 * Person names for operators and clients. Russian surnames agree with the
 * person's gender (Смирнов / Смирнова, Вишневский / Вишневская), as a real
 * portal's user list would show them.
 */
import type { Rng } from './random.ts';

export type Lang = 'ru' | 'en';

const RU_MALE = [
  'Александр', 'Алексей', 'Андрей', 'Артём', 'Борис', 'Вадим', 'Виктор', 'Владимир', 'Глеб', 'Денис',
  'Дмитрий', 'Евгений', 'Егор', 'Иван', 'Игорь', 'Илья', 'Кирилл', 'Константин', 'Максим', 'Михаил',
  'Никита', 'Николай', 'Олег', 'Павел', 'Роман', 'Руслан', 'Сергей', 'Станислав', 'Тимур', 'Юрий',
] as const;

const RU_FEMALE = [
  'Алина', 'Алёна', 'Анастасия', 'Анна', 'Валерия', 'Вера', 'Виктория', 'Дарья', 'Екатерина', 'Елена',
  'Елизавета', 'Ирина', 'Кристина', 'Ксения', 'Любовь', 'Марина', 'Мария', 'Надежда', 'Наталья', 'Оксана',
  'Ольга', 'Полина', 'Светлана', 'София', 'Татьяна', 'Ульяна', 'Юлия', 'Яна',
] as const;

/** Male forms; the female form is derived by feminineSurname. */
const RU_SURNAMES = [
  'Смирнов', 'Иванов', 'Кузнецов', 'Соколов', 'Попов', 'Лебедев', 'Козлов', 'Новиков', 'Морозов', 'Петров',
  'Волков', 'Соловьёв', 'Васильев', 'Зайцев', 'Павлов', 'Семёнов', 'Голубев', 'Виноградов', 'Богданов', 'Воробьёв',
  'Фёдоров', 'Михайлов', 'Беляев', 'Тарасов', 'Белов', 'Комаров', 'Орлов', 'Киселёв', 'Макаров', 'Андреев',
  'Ковалёв', 'Ильин', 'Гусев', 'Титов', 'Кузьмин', 'Кудрявцев', 'Баранов', 'Куликов', 'Алексеев', 'Степанов',
  'Яковлев', 'Сорокин', 'Сергеев', 'Романов', 'Захаров', 'Борисов', 'Королёв', 'Герасимов', 'Пономарёв', 'Григорьев',
  'Вишневский', 'Ковальский', 'Островский', 'Жуков', 'Никитин', 'Крылов', 'Быков', 'Медведев', 'Ершов', 'Шестаков',
] as const;

const EN_MALE = [
  'James', 'John', 'Robert', 'Michael', 'David', 'William', 'Richard', 'Thomas', 'Daniel', 'Matthew',
  'Andrew', 'Ryan', 'Kevin', 'Jason', 'Brian', 'Samuel', 'Oliver', 'Henry', 'Lucas', 'Ethan',
] as const;

const EN_FEMALE = [
  'Mary', 'Jennifer', 'Linda', 'Emily', 'Sarah', 'Jessica', 'Karen', 'Emma', 'Olivia', 'Sophia',
  'Rachel', 'Laura', 'Hannah', 'Grace', 'Chloe', 'Megan', 'Lauren', 'Amelia', 'Natalie', 'Victoria',
] as const;

const EN_SURNAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor',
  'Thomas', 'Moore', 'Martin', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker',
  'Hall', 'Young', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Carter',
  'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Campbell', 'Parker', 'Evans', 'Edwards', 'Collins', 'Stewart',
] as const;

function feminineSurname(male: string): string {
  if (male.endsWith('ий')) return `${male.slice(0, -2)}ая`;
  return `${male}а`;
}

export interface PersonName {
  first: string;
  full: string;
}

export function personName(rng: Rng, lang: Lang): PersonName {
  const female = rng.chance(0.5);
  if (lang === 'en') {
    const first = rng.pick(female ? EN_FEMALE : EN_MALE);
    return { first, full: `${first} ${rng.pick(EN_SURNAMES)}` };
  }
  const first = rng.pick(female ? RU_FEMALE : RU_MALE);
  const surname = rng.pick(RU_SURNAMES);
  return { first, full: `${first} ${female ? feminineSurname(surname) : surname}` };
}

/**
 * How a client shows up in a connector: messengers usually give a full
 * profile name, sometimes only a first name or a nickname; an anonymous
 * live-chat visitor is a numbered guest.
 */
export function clientDisplayName(rng: Rng, lang: Lang, channel: string): PersonName {
  const person = personName(rng, lang);
  const roll = rng.next();
  if (channel === 'livechat' && roll < 0.12) {
    const guest = lang === 'ru' ? 'Гость' : 'Guest';
    return { first: '', full: `${guest} #${rng.int(1000, 99999)}` };
  }
  if (roll < 0.3) return { first: person.first, full: person.first };
  return person;
}
