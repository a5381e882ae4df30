# Throwaway: the server-side cost of a put.lua variant (usage: python3 <this> <put.lua file> five|three <calls> <redis-server pid>);
# 'five' sends 5 arguments per job (the script of main 9d47b85 takes no width argument), 'three' the width argument 3 and 3 per job.
# server-side cost of a put.lua variant: N batches of B new date jobs, EVALSHA, redis-server CPU from /proc
import socket, sys, time, os
RES = os.environ.get('KAIROS_REDIS_LUA', 'scheduler-core/src/main/resources/io/kairos/scheduler/store/redis/') + '/'
def enc(args):
    out = [b'*%d\r\n' % len(args)]
    for a in args:
        if isinstance(a, str): a = a.encode()
        out.append(b'$%d\r\n%s\r\n' % (len(a), a))
    return b''.join(out)
class R:
    def __init__(s):
        s.s = socket.create_connection(('127.0.0.1', 6379)); s.f = s.s.makefile('rb')
    def cmd(s, *a):
        s.s.sendall(enc(a)); return s.read()
    def read(s):
        l = s.f.readline()
        t, r = l[:1], l[1:-2]
        if t == b'+': return r.decode()
        if t == b'-': raise Exception(r.decode())
        if t == b':': return int(r)
        if t == b'$':
            n = int(r)
            if n < 0: return None
            d = s.f.read(n + 2); return d[:-2]
        if t == b'*':
            n = int(r)
            return None if n < 0 else [s.read() for _ in range(n)]
def cpu(pid):
    f = open('/proc/%d/stat' % pid).read().split(')')[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf('SC_CLK_TCK')
script_file, variant = sys.argv[1], sys.argv[2]
batches, B = int(sys.argv[3]), 1000
src = open(RES + 'bulk.lua').read() + '\n' + open(RES + 'next.lua').read() + '\n' + open(script_file).read()
r = R(); pid = int(sys.argv[4])
p = 'h21rbench.'
keys = [p + k for k in ['jobs', 'run_times', 'fire_times', 'versions', 'leases', 'lease_owners', 'broken', 'finished', 'ids']]
r.cmd('DEL', *keys)
sha = r.cmd('SCRIPT', 'LOAD', src).decode()
now = int(time.time() * 1000) + 3600_000
def json(i):
    t = '2026-12-07T16:%02d:%02d.%03dZ' % ((i // 60000) % 60, (i // 1000) % 60, i % 1000)
    return ('{"format":3,"id":"b-%d","name":"w5.noop","task":"w5.noop","executor":"default","jobstore":"default","args":[],"kwargs":{},'
            '"trigger":{"type":"date","run_date":"%s","timezone":"UTC"},"misfire_grace_time":null,"coalesce":true,"max_instances":1,'
            '"jitter":null,"next_run_time":"%s","next_fire_time":"%s","state":"SCHEDULED","broken_reason":null,"version":0,"timeout":null,'
            '"keeps_finished_marker":true}') % (i, t, t, t)
allargs = []
for b in range(batches):
    a = ['replace', p + 'wakeup', 'sched-1'] + ([] if variant == 'five' else ['3'])
    for i in range(b * B, (b + 1) * B):
        run = str(now + i)
        if variant == 'five':
            a += ['b-%d' % i, json(i), run, run, '']
        elif variant == 'three':
            a += ['b-%d' % i, json(i), run]
        elif variant == 'fiveempty':
            a += ['b-%d' % i, json(i), run, '', '']
    allargs.append(a)
def stats():
    d = {}
    for l in r.cmd('INFO', 'commandstats').decode().split('\r\n'):
        if l.startswith('cmdstat_'):
            k, v = l[8:].split(':', 1)
            kv = dict(x.split('=') for x in v.split(','))
            d[k] = (int(kv['calls']), int(kv['usec']))
    return d
s0 = stats(); c0 = cpu(pid); t0 = time.time()
# pipelined 3 deep
inflight = 0
for a in allargs:
    r.s.sendall(enc(['EVALSHA', sha, str(len(keys))] + keys + a)); inflight += 1
    if inflight == 3:
        rep = r.read(); inflight -= 1
        if not isinstance(rep, list): print(rep)
while inflight: r.read(); inflight -= 1
t1 = time.time(); c1 = cpu(pid)
s1 = stats()
ev = ' '.join('%s=%.2f' % (k, (s1[k][1] - s0.get(k, (0, 0))[1]) / (batches * B)) for k in sorted(s1) if s1[k][1] - s0.get(k, (0, 0))[1] > 0)
n = batches * B
print('%s %s: server cpu %.2f us/job, wall %.2f us/job, %s' % (os.path.basename(script_file), variant, (c1 - c0) / n * 1e6, (t1 - t0) / n * 1e6, ev))
print('sizes', [r.cmd('HLEN', keys[0]), r.cmd('ZCARD', keys[1]), r.cmd('HLEN', keys[2]), r.cmd('HLEN', keys[3]), r.cmd('ZCARD', keys[8])])
r.cmd('DEL', *keys)
