package io.kairos.scheduler.store.redis;

/**
 * The Lua scripts of the Redis job store; each takes the seven data keys of {@link RedisJobStoreKeys} in
 * order. Their logic is described at the top of each {@code .lua} file.
 */
final class RedisScripts {

    final LuaScript put = LuaScript.load("put");

    final LuaScript remove = LuaScript.load("remove");

    final LuaScript read = LuaScript.load("read");

    final LuaScript nextRunTime = LuaScript.load("next_run_time");

    final LuaScript acquire = LuaScript.load("acquire");

    final LuaScript extend = LuaScript.load("extend");

    final LuaScript release = LuaScript.load("release");

    final LuaScript markBroken = LuaScript.load("mark_broken");
}
