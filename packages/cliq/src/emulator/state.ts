import { AGENCY, AGENCY_CLIENTS, AGENCY_STAFF, seededRandom, type ThresholdEntry } from '@zoho-agent-kit/core/emulator';

/** A Cliq user: the agency's staff (organization members) and, in external channels, client contacts (guests). */
export interface EmuUser {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  name: string;
  display_name: string;
  designation: string;
  department: string;
  /** A client contact: not an organization member, so not listed by GET /users and not reachable by DM. */
  external: boolean;
}

export interface EmuMember {
  user_id: string;
  role: 'super_admin' | 'admin' | 'moderator' | 'member';
}

/** One message as the emulator stores it; routes turn it into Cliq's wire shape. */
export interface EmuMessage {
  /** `<time>_<number>`, as Cliq's get-messages API shows it (other answers use `%20` for the `_`). */
  id: string;
  time: number;
  sender: { id: string; name: string };
  text: string;
  card?: { title?: string; theme?: string; thumbnail?: string; icon?: string };
  /** Posted as a bot. */
  bot?: { name: string; image_url: string };
  /** The message this one replies to (Cliq's `reply_to`). */
  reply_to?: string;
  /** This message started a thread: the thread's chat id. */
  thread_chat_id?: string;
}

export type EmuChatKind = 'channel' | 'dm' | 'group' | 'bot' | 'thread';

/** A conversation: a channel's, a direct or group chat, a subscriber's chat with a bot, or a thread. */
export interface EmuChat {
  chat_id: string;
  kind: EmuChatKind;
  /** Group chat name, thread title; dm and bot chats are named after the other side. */
  title: string;
  /** User ids of dm, group and bot chats (channel chats and threads take the channel's members). */
  participants: string[];
  creator_id: string;
  created: number;
  pinned: boolean;
  messages: EmuMessage[];
  /** Channel chats and threads. */
  channel_id?: string;
  /** Threads: the chat and the message they hang from. */
  parent_chat_id?: string;
  thread_message_id?: string;
  /** Bot chats: the bot's unique name and the subscriber the chat belongs to. */
  bot?: string;
  owner?: string;
}

export type EmuChannelLevel = 'organization' | 'team' | 'private' | 'external';

export interface EmuChannel {
  channel_id: string;
  chat_id: string;
  /** Display name with its `#`. */
  name: string;
  unique_name: string;
  description: string;
  level: EmuChannelLevel;
  status: 'created' | 'archived';
  members: EmuMember[];
  /** Unique names of the bots that are participants. */
  bots: string[];
  creator_id: string;
  created: number;
  pinned: boolean;
  unread: number;
}

export interface EmuBot {
  id: string;
  unique_name: string;
  name: string;
  image_url: string;
  creator_id: string;
  /** User ids subscribed to the bot. */
  subscribers: string[];
}

export interface CliqState {
  organization_id: string;
  /** The signed-in user (every token the emulator issues acts as this user): the agency's CEO. */
  me: string;
  users: EmuUser[];
  channels: EmuChannel[];
  chats: EmuChat[];
  bots: EmuBot[];
  /** Next message number (the part of a message id after the time). */
  nextMessage: number;
  /** Next conversation number, for chat ids of new chats and threads. */
  nextChat: number;
  /** Per-endpoint request logs and locks (Cliq's thresholds and lock periods), by grant and endpoint class. */
  limits: Map<string, ThresholdEntry>;
}

export const ORGANIZATION_ID = '4435792';
export const BOT_UNIQUE_NAME = 'northwindbot';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Staff ids: 60100001 (CEO) … 60100006, in core's AGENCY_STAFF order. */
export const staffId = (index: number): string => String(60100001 + index);

/** A new message id for `time`: `<time>_<12 digits>`. */
export function newMessageId(state: CliqState, time: number): string {
  return `${time}_${String(state.nextMessage++)}`;
}

/** A new conversation id for a dm or group chat (`CT_<19 digits>_<creator>`). */
export function newChatId(state: CliqState, creator: string): string {
  return `CT_12030048120001${String(state.nextChat++).padStart(3, '0')}_${creator}`;
}

/** A new thread id: the parent chat's id, `-T-` and 19 digits (as Cliq's Threads API shows them). */
export function newThreadChatId(state: CliqState, parent: string): string {
  return `${parent}-T-12562543770539${String(state.nextChat++).padStart(5, '0')}`;
}

export function addMessage(state: CliqState, chat: EmuChat, message: Omit<EmuMessage, 'id'>): EmuMessage {
  const stored: EmuMessage = { id: newMessageId(state, message.time), ...message };
  chat.messages.push(stored);
  return stored;
}

export function findUser(state: CliqState, idOrEmail: string): EmuUser | undefined {
  const key = idOrEmail.trim().toLowerCase();
  return state.users.find((u) => u.id === key || u.email.toLowerCase() === key);
}

export function findChat(state: CliqState, chatId: string): EmuChat | undefined {
  return state.chats.find((c) => c.chat_id === chatId);
}

/** The people of a conversation: a channel's members, or the chat's participants. */
export function chatParticipants(state: CliqState, chat: EmuChat): string[] {
  if (chat.channel_id) return state.channels.find((c) => c.channel_id === chat.channel_id)?.members.map((m) => m.user_id) ?? [];
  return chat.participants;
}

/** The dm between the signed-in user and `userId`, if there is one. */
export function findDm(state: CliqState, userId: string): EmuChat | undefined {
  return state.chats.find((c) => c.kind === 'dm' && c.participants.includes(state.me) && c.participants.includes(userId));
}

type Script = [minutesAgo: number, sender: number | 'bot', text: string][];

/** #General's chatter, cycled to give it a history long enough to page through. */
const GENERAL_LINES: [number, string][] = [
  [0, 'Good morning, team!'],
  [5, 'Coffee machine on the 2nd floor is fixed.'],
  [1, 'Great work on the Zylker Corp pitch yesterday.'],
  [4, 'Please update your timesheets before Friday.'],
  [2, 'The Wi-Fi in meeting room B is back.'],
  [3, 'Lunch and learn on Thursday: pricing our retainers.'],
  [5, 'Parking passes for next month are on my desk.'],
  [1, 'Who has the spare HDMI adapter?'],
  [4, 'Welcome our new designer next Monday.'],
  [0, 'Thanks everyone for a great quarter.'],
  [2, 'VPN maintenance tonight from 10 pm to 11 pm.'],
  [3, 'Client holiday cards go out next week.'],
];

/**
 * The agency's Cliq: #General and #Announcements for everyone; #Marketing, #Tech, #Ops, #Finance and #Design
 * team channels; a private #Leadership; one external channel per client in core's AGENCY_CLIENTS, shared with
 * that client's contacts. One agency bot, Northwind Bot, is a participant of #Tech and #Ops only. The
 * signed-in user is the CEO, who is not a member of #Design. Direct chats with four colleagues, a group chat
 * and the CEO's chat with the bot. Times are relative to `now`; `randomSeed` varies them (and #General's
 * order) deterministically.
 */
export function createCliqState({ seed, now, randomSeed }: { seed: boolean; now: number; randomSeed?: number | undefined }): CliqState {
  const state: CliqState = {
    organization_id: ORGANIZATION_ID,
    me: staffId(0),
    users: [],
    channels: [],
    chats: [],
    bots: [],
    nextMessage: 349430767001,
    nextChat: 1,
    limits: new Map(),
  };
  state.users = AGENCY_STAFF.map((s, i) => ({
    id: staffId(i),
    email: s.email,
    first_name: s.firstName,
    last_name: s.lastName,
    name: `${s.firstName} ${s.lastName}`,
    display_name: s.firstName,
    designation: s.role,
    department: AGENCY.name,
    external: false,
  }));
  if (!seed) return state;

  const random = seededRandom(randomSeed ?? 20260105);
  const jitter = randomSeed === undefined ? () => 0 : () => Math.floor(random() * 7) - 3;
  const staff = (i: number) => state.users[i]!;
  const bot: EmuBot = {
    id: '60109001',
    unique_name: BOT_UNIQUE_NAME,
    name: 'Northwind Bot',
    image_url: 'https://img.northwind-creative.example/bots/northwind.png',
    creator_id: staffId(2),
    subscribers: [staffId(0), staffId(2), staffId(4)],
  };
  state.bots.push(bot);

  const say = (chat: EmuChat, script: Script) => {
    for (const [minutesAgo, who, text] of script) {
      const time = now - Math.max(1, minutesAgo + jitter()) * MINUTE;
      const sender = who === 'bot' ? { id: bot.id, name: bot.name } : { id: staff(who).id, name: staff(who).name };
      const message: Omit<EmuMessage, 'id'> = { time, sender, text };
      if (who === 'bot') message.bot = { name: bot.name, image_url: bot.image_url };
      addMessage(state, chat, message);
    }
    chat.messages.sort((a, b) => a.time - b.time);
  };

  let n = 0;
  const channel = (name: string, level: EmuChannelLevel, description: string, memberIndexes: number[], options: { bots?: string[]; guests?: EmuUser[]; unread?: number; creator?: number } = {}) => {
    n += 1;
    const creator = staffId(options.creator ?? memberIndexes[0] ?? 0);
    const members: EmuMember[] = memberIndexes.map((i) => ({ user_id: staffId(i), role: staffId(i) === creator ? 'super_admin' : 'member' }));
    for (const guest of options.guests ?? []) members.push({ user_id: guest.id, role: 'member' });
    const id = String(n).padStart(2, '0');
    const c: EmuChannel = {
      channel_id: `T51000000612${id}`,
      chat_id: `CT_12900112233445566${id}_${creator}`,
      name: `#${name}`,
      unique_name: name.toLowerCase().replace(/[^a-z0-9]/g, ''),
      description,
      level,
      status: 'created',
      members,
      bots: options.bots ?? [],
      creator_id: creator,
      created: now - (400 - n * 10) * DAY,
      pinned: n === 1,
      unread: options.unread ?? 0,
    };
    state.channels.push(c);
    const chat: EmuChat = { chat_id: c.chat_id, kind: 'channel', title: c.name, participants: [], creator_id: creator, created: c.created, pinned: c.pinned, messages: [], channel_id: c.channel_id };
    state.chats.push(chat);
    return { channel: c, chat };
  };
  const everyone = AGENCY_STAFF.map((_, i) => i);

  const general = channel('General', 'organization', `Everyone at ${AGENCY.name}`, everyone, { unread: 2 });
  const lines = [...GENERAL_LINES];
  if (randomSeed !== undefined) lines.sort(() => random() - 0.5);
  const generalScript: Script = [];
  for (let i = 0; i < 36; i++) {
    const [who, text] = lines[i % lines.length]!;
    generalScript.push([30 + i * 110, who, text]);
  }
  generalScript.push([12, 0, 'Friday demo moved to 4 pm.']);
  say(general.chat, generalScript);

  const announcements = channel('Announcements', 'organization', 'Company news, one post a week', everyone, { creator: 0 });
  say(announcements.chat, [
    [20 * 24 * 60, 0, 'We signed *Redwood Health* for a 12-month retainer.'],
    [13 * 24 * 60, 0, 'Office closed on Monday for the public holiday.'],
    [6 * 24 * 60, 4, 'New expense policy is in the handbook; please read it by Friday.'],
  ]);

  const marketing = channel('Marketing', 'team', 'Campaigns, content and social for our clients', [1, 0, 5, 4], { unread: 1 });
  say(marketing.chat, [
    [26 * 60, 1, 'Q3 campaign brief for Helios Solar is in the shared drive.'],
    [20 * 60, 0, 'Looks good. Can we move the launch to *next Tuesday*?'],
    [6 * 60, 1, 'Zylker Corp newsletter went out: 38% open rate so far.'],
    [3 * 60, 5, 'Booked the studio for the Acme Widgets shoot on Thursday.'],
    [50, 1, 'Draft social calendar for Redwood Health is ready for review.'],
  ]);

  const tech = channel('Tech', 'team', 'Builds, releases and incidents', [2, 0, 4], { bots: [BOT_UNIQUE_NAME] });
  say(tech.chat, [
    [30 * 60, 2, 'Staging is on v2.4.0; release notes are in the wiki.'],
    [8 * 60, 'bot', 'Deploy v2.4.1 to production finished (4 min 12 s).'],
    [5 * 60, 2, "Incident: checkout API latency above 2 s for Quantum Bakery's shop."],
    [2 * 60, 2, 'Code freeze for the Bluebird Logistics portal starts Friday.'],
  ]);
  const incident = tech.chat.messages.find((m) => m.text.startsWith('Incident:'))!;
  const thread: EmuChat = {
    chat_id: newThreadChatId(state, tech.chat.chat_id),
    kind: 'thread',
    title: 'Checkout latency',
    participants: [],
    creator_id: staffId(2),
    created: incident.time,
    pinned: false,
    messages: [],
    channel_id: tech.channel.channel_id,
    parent_chat_id: tech.chat.chat_id,
    thread_message_id: incident.id,
  };
  incident.thread_chat_id = thread.chat_id;
  state.chats.push(thread);
  say(thread, [
    [4 * 60 + 50, 2, 'Rolled back the cache change; p95 is back to 300 ms.'],
    [4 * 60 + 30, 4, "Thanks, I'll tell the client."],
    [4 * 60, 0, 'Please write a short post-mortem.'],
  ]);

  const ops = channel('Ops', 'team', 'The day: staffing, suppliers, office and backups', [4, 0, 3, 5, 2], { bots: [BOT_UNIQUE_NAME], unread: 3 });
  say(ops.chat, [
    [24 * 60, 4, 'Daily stand-up notes: 3 projects on track, 1 at risk (Marlowe & Finch).'],
    [9 * 60, 'bot', 'Backup of the file server completed.'],
    [4 * 60, 4, 'New contractor starts Monday; the laptop is ordered.'],
    [60, 3, 'Reminder: expense reports are due Friday.'],
  ]);

  const finance = channel('Finance', 'team', 'Invoices, expenses and payroll', [3, 0]);
  say(finance.chat, [
    [2 * 24 * 60, 3, 'Zylker Corp paid invoice INV-000012.'],
    [7 * 60, 3, 'Month-end close starts on the 28th.'],
  ]);

  const leadership = channel('Leadership', 'private', 'CEO, CMO, CTO, CFO and COO', [0, 1, 2, 3, 4]);
  say(leadership.chat, [
    [3 * 24 * 60, 0, 'Offsite agenda draft is in our folder.'],
    [26 * 60, 3, 'Cash runway is 14 months at the current burn.'],
  ]);

  const design = channel('Design', 'team', 'Brand, UX and visual design', [1, 5]);
  say(design.chat, [
    [2 * 24 * 60, 1, 'New moodboard for Helios Solar is up.'],
    [5 * 60, 5, 'Font licences renewed for another year.'],
  ]);

  AGENCY_CLIENTS.forEach((client, i) => {
    const guests = client.contacts.map((p, j) => {
      const guest: EmuUser = {
        id: String(60200001 + i * 10 + j),
        email: p.email,
        first_name: p.firstName,
        last_name: p.lastName,
        name: `${p.firstName} ${p.lastName}`,
        display_name: p.firstName,
        designation: p.title,
        department: client.name,
        external: true,
      };
      state.users.push(guest);
      return guest;
    });
    const joined = i % 2 === 0;
    const { chat } = channel(`Client ${client.name}`, 'external', `Shared with ${client.name} (${client.industry})`, joined ? [1, 0] : [1], { guests });
    say(chat, [[(i + 2) * 24 * 60, 1, `Kick-off notes for ${client.name} are pinned above.`]]);
    // The client's reply comes from their first contact.
    addMessage(state, chat, { time: now - (i + 1) * 3 * HOUR, sender: { id: guests[0]!.id, name: guests[0]!.name }, text: `Thanks, the ${client.industry.toLowerCase()} campaign looks great.` });
  });

  // Direct chats of the signed-in user, a group chat, and the CEO's chat with the bot.
  const dm = (other: number, script: Script) => {
    const chat: EmuChat = {
      chat_id: newChatId(state, state.me),
      kind: 'dm',
      title: staff(other).name,
      participants: [state.me, staffId(other)],
      creator_id: state.me,
      created: now - 200 * DAY,
      pinned: other === 1,
      messages: [],
    };
    state.chats.push(chat);
    say(chat, script);
  };
  dm(1, [
    [3 * 60, 1, 'Can you join the Helios Solar call at 3?'],
    [2 * 60 + 50, 0, 'Yes, send me the deck first.'],
    [2 * 60 + 40, 1, 'Sent. Slides 4 to 9 are the new ones.'],
  ]);
  dm(2, [
    [26 * 60, 0, 'Is the Bluebird portal still on track for the 20th?'],
    [25 * 60, 2, 'Yes, QA starts Monday.'],
  ]);
  dm(4, [
    [7 * 60, 4, 'The cleaning contract renewal needs your signature.'],
    [6 * 60, 0, "I'll sign it today."],
  ]);
  dm(3, [[2 * 24 * 60, 3, 'Q2 board pack is ready for your review.']]);

  const group: EmuChat = {
    chat_id: newChatId(state, staffId(1)),
    kind: 'group',
    title: 'Q3 launch crew',
    participants: [staffId(1), state.me, staffId(2), staffId(4)],
    creator_id: staffId(1),
    created: now - 30 * DAY,
    pinned: false,
    messages: [],
  };
  state.chats.push(group);
  say(group, [
    [28 * 60, 1, 'Launch checklist v3 is in the doc.'],
    [27 * 60, 2, 'Landing page is on staging.'],
    [90, 4, 'Printer confirmed the banners for Wednesday.'],
  ]);

  bot.subscribers.forEach((subscriber, i) => {
    const chat: EmuChat = {
      chat_id: `CT_13001122334455667${String(i + 1).padStart(2, '0')}_${bot.creator_id}-B2`,
      kind: 'bot',
      title: bot.name,
      participants: [subscriber],
      creator_id: subscriber,
      created: now - 90 * DAY,
      pinned: false,
      messages: [],
      bot: bot.unique_name,
      owner: subscriber,
    };
    state.chats.push(chat);
    say(chat, [[9 * 60, 'bot', 'Backup of the file server completed.']]);
  });
  return state;
}
