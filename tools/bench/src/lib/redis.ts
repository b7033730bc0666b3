export { startRedisServer as startRedis, type RedisServer } from '@zoho-agent-kit/core/emulator';
