export { type RedisDedupeStore, type RedisStoreOptions, redisStore } from "./redis-store";
