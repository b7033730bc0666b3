export { startRedisServer as startRedis, type RedisServer } from '../../src/emulator/redis-server.js';
