import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * The hard cap behind Bottleneck's pacing: the send times of one budget over the last window. Bottleneck
 * fixes each job's start when it is queued, so a late event loop can release several at once; this log
 * refuses a send that would put more than `limit` into any window, whatever the timers did.
 */
export interface SendWindow {
  /** Records a send and returns 0, or returns how long to wait before one is allowed. */
  take(id: string, limit: number, windowMs: number): Promise<number>;
  /** How long until `take` would record a send (0: now), recording nothing. */
  peek(id: string, limit: number, windowMs: number): Promise<number>;
  close(): Promise<void>;
}

export class LocalSendWindow implements SendWindow {
  private readonly sends = new Map<string, number[]>();

  async take(id: string, limit: number, windowMs: number): Promise<number> {
    const now = Date.now();
    const list = this.sends.get(id) ?? [];
    while (list.length && list[0]! <= now - windowMs) list.shift();
    this.sends.set(id, list);
    if (list.length >= limit) return list[0]! + windowMs - now + 1;
    list.push(now);
    return 0;
  }

  async peek(id: string, limit: number, windowMs: number): Promise<number> {
    const now = Date.now();
    const live = (this.sends.get(id) ?? []).filter((t) => t > now - windowMs);
    return live.length >= limit ? live[live.length - limit]! + windowMs - now + 1 : 0;
  }

  async close(): Promise<void> {
    this.sends.clear();
  }
}

// Redis's own clock, so that processes with skewed clocks share one timeline.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tonumber(oldest[2]) + window - now + 1
`;

const PEEK = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[1])
local live = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - window), '+inf', 'WITHSCORES')
local count = #live / 2
if count < limit then return 0 end
return tonumber(live[(count - limit) * 2 + 2]) + window - now + 1
`;

export class RedisSendWindow implements SendWindow {
  private readonly redis: Redis & {
    zakTakeSend(key: string, limit: number, windowMs: number, member: string): Promise<number>;
    zakPeekSend(key: string, limit: number, windowMs: number): Promise<number>;
  };

  constructor(options: Record<string, unknown>) {
    this.redis = new Redis({ ...options, lazyConnect: false, maxRetriesPerRequest: 2 }) as RedisSendWindow['redis'];
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('zakTakeSend', { numberOfKeys: 1, lua: TAKE });
    this.redis.defineCommand('zakPeekSend', { numberOfKeys: 1, lua: PEEK });
  }

  take(id: string, limit: number, windowMs: number): Promise<number> {
    return this.redis.zakTakeSend(`${id}:sends`, limit, windowMs, randomBytes(8).toString('hex'));
  }

  peek(id: string, limit: number, windowMs: number): Promise<number> {
    return this.redis.zakPeekSend(`${id}:sends`, limit, windowMs);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
