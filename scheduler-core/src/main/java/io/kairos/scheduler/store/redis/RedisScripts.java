package io.kairos.scheduler.store.redis;

/**
 * The Lua scripts of the Redis job store; each takes the eight data keys of {@link RedisJobStoreKeys} in
 * order. Their logic is described at the top of each {@code .lua} file; those that read or write whole batches
 * start with the helper {@code bulk.lua}, those that compute the next run time also with {@code next.lua}.
 */
final class RedisScripts {

    final LuaScript put = LuaScript.load("put", "bulk", "next");

    final LuaScript remove = LuaScript.load("remove");

    final LuaScript read = LuaScript.load("read");

    final LuaScript nextRunTime = LuaScript.load("next_run_time", "bulk", "next");

    final LuaScript acquire = LuaScript.load("acquire", "bulk", "next");

    final LuaScript extend = LuaScript.load("extend", "bulk");

    final LuaScript release = LuaScript.load("release", "bulk", "next");

    final LuaScript markBroken = LuaScript.load("mark_broken");

    final LuaScript removeFinished = LuaScript.load("remove_finished");

    final LuaScript countWaiting = LuaScript.load("count_waiting", "bulk");

    final LuaScript count = LuaScript.load("count");
}
