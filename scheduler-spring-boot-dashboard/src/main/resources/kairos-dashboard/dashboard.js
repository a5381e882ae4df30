// The Kairos dashboard page: one Alpine.js component that polls the dashboard's JSON (api/...) and routes on the
// URL fragment (#/, #/jobs, #/jobs/<id>, #/runs, #/broken). Changes are POST/DELETE with a JSON body and, with
// Spring Security, the CSRF token the overview hands out.
const JOBS_PER_PAGE = 50;

function dashboard() {
  return {
    view: 'overview', o: {}, jobs: { jobs: [], next: null, scanLimited: false }, jobPages: { at: null, before: [] }, job: null, removed: false, runs: [], allRuns: [], broken: [], brokenMore: false,
    filter: { q: '', state: '', store: '', executor: '', task: '' }, runFilter: '',
    form: { type: 'cron', values: {} }, formError: { field: null, detail: null },
    error: null, message: null, updated: '', timer: null, chart: null,
    fields: {
      cron: [{ name: 'minute', label: 'minute', hint: '0-59, */5' }, { name: 'hour', label: 'hour', hint: '0-23, 3' },
        { name: 'day', label: 'day', hint: '1-31, last' }, { name: 'month', label: 'month', hint: '1-12, jan' },
        { name: 'day_of_week', label: 'day of week', hint: 'mon-fri' }],
      interval: [{ name: 'hours', label: 'hours', hint: '0' }, { name: 'minutes', label: 'minutes', hint: '30' },
        { name: 'seconds', label: 'seconds', hint: '0' }],
      date: [{ name: 'run_date', label: 'run date', hint: '2030-01-31 09:00:00' }]
    },

    start() {
      window.addEventListener('hashchange', () => this.route());
      this.route();
    },
    async route() {
      const hash = location.hash.replace(/^#\/?/, '');
      const [path, query] = hash.split('?');
      const params = new URLSearchParams(query || '');
      this.error = null; this.message = null;
      if (path.startsWith('jobs/')) {
        this.view = 'job';
        this.currentId = decodeURIComponent(path.substring(5));
        this.job = null; this.removed = false; this.runs = [];
        this.form = { type: 'cron', values: {} }; this.formError = { field: null, detail: null };
      } else if (path === 'jobs') {
        this.view = 'jobs';
        if (params.has('state')) this.filter.state = params.get('state');
      } else if (path === 'runs' || path === 'broken') {
        this.view = path;
      } else {
        this.view = 'overview';
      }
      await this.refresh(true);
    },
    schedule() {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.refresh(false), this.o.pollIntervalMillis || 5000);
    },
    async refresh(reset) {
      try {
        this.o = await this.get('api/overview');
        if (this.view === 'jobs') await this.loadJobs(reset);
        if (this.view === 'job') await this.loadJob();
        if (this.view === 'runs') await this.loadRuns();
        if (this.view === 'broken') await this.loadBroken();
        this.updated = new Date().toLocaleTimeString();
      } catch (e) {
        this.error = e.message;
      }
      this.schedule();
    },
    async get(url) {
      const response = await fetch(url, { headers: { Accept: 'application/json' } });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) throw Object.assign(new Error(body.detail || response.status + ' ' + response.statusText), { problem: body });
      return body;
    },
    async send(method, url, body) {
      const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
      if (this.o.csrf && this.o.csrf.header) headers[this.o.csrf.header] = this.o.csrf.token;
      const response = await fetch(url, { method, headers, body: JSON.stringify(body || {}) });
      const answer = response.status === 204 ? {} : await response.json().catch(() => ({}));
      if (!response.ok) throw Object.assign(new Error(answer.detail || response.status + ' ' + response.statusText), { problem: answer });
      return answer;
    },
    query() {
      const params = new URLSearchParams();
      Object.entries(this.filter).forEach(([k, v]) => { if (v) params.set(k, v); });
      return params;
    },
    // The jobs table pages with the listing's cursors: jobPages.at is the cursor of the page shown (null: the
    // first), jobPages.before the cursors of the pages before it. A poll reloads the page shown.
    async loadJobs(reset) {
      if (reset) this.jobPages = { at: null, before: [] };
      const params = this.query();
      params.set('limit', JOBS_PER_PAGE);
      if (this.jobPages.at) params.set('cursor', this.jobPages.at);
      this.jobs = await this.get('api/jobs?' + params);
    },
    async nextJobs() {
      if (!this.jobs.next) return;
      this.jobPages = { at: this.jobs.next, before: this.jobPages.before.concat([this.jobPages.at]) };
      await this.loadJobs(false);
    },
    async previousJobs() {
      if (!this.jobPages.before.length) return;
      this.jobPages = { at: this.jobPages.before[this.jobPages.before.length - 1], before: this.jobPages.before.slice(0, -1) };
      await this.loadJobs(false);
    },
    // A job that is in no store (removed) still has its runs until retention removes them: the page shows them
    // without the job's fields and actions.
    async loadJob() {
      const id = encodeURIComponent(this.currentId);
      const [job, runs] = await Promise.all([
        this.get('api/jobs/' + id).catch(e => { if (e.problem && e.problem.status === 404) return null; throw e; }),
        this.get('api/jobs/' + id + '/runs?limit=50')]);
      this.job = job; this.removed = job === null;
      this.runs = runs.runs;
      this.$nextTick(() => this.drawChart());
    },
    // "Run now" sets the next run time to now, which resumes a paused job (as APScheduler's modify_job does).
    runLabel() {
      return this.job?.job.state === 'PAUSED' ? 'Run now and resume' : 'Run now';
    },
    runTitle() {
      return this.job?.job.state === 'PAUSED'
        ? 'Runs the job now and resumes it: it stays scheduled and fires on its trigger afterwards'
        : 'Runs the job now';
    },
    async loadRuns() {
      this.allRuns = (await this.get('api/runs?limit=100' + (this.runFilter ? '&outcome=' + this.runFilter : ''))).runs;
    },
    async loadBroken() {
      const page = await this.get('api/jobs?state=BROKEN&limit=100');
      this.brokenMore = page.next !== null;
      this.broken = await Promise.all(page.jobs.map(j => this.get('api/jobs/' + encodeURIComponent(j.id))));
    },
    async act(what, action) {
      this.error = null; this.message = null;
      try { await action(); this.message = what; } catch (e) { this.error = e.message; }
      await this.refresh(true);
    },
    jobAction(action) {
      return this.act('Job ' + this.currentId + ': ' + action + ' done',
        () => this.send('POST', 'api/jobs/' + encodeURIComponent(this.currentId) + '/' + action));
    },
    removeJob(id) {
      id = id || this.currentId;
      if (!confirm('Remove job ' + id + '?')) return;
      return this.act('Job ' + id + ' removed', async () => {
        await this.send('DELETE', 'api/jobs/' + encodeURIComponent(id));
        if (this.view === 'job') location.hash = '#/jobs';
      });
    },
    schedulerAction(action) {
      return this.act('Scheduler: ' + action + ' done', () => this.send('POST', 'api/scheduler/' + action));
    },
    async reschedule() {
      const trigger = { type: this.form.type };
      const names = this.fields[this.form.type].map(f => f.name).concat(['timezone']);
      names.forEach(n => { const v = (this.form.values[n] || '').trim(); if (v) trigger[n] = v; });
      this.formError = { field: null, detail: null };
      try {
        await this.send('POST', 'api/jobs/' + encodeURIComponent(this.currentId) + '/reschedule', { trigger });
        this.message = 'Job ' + this.currentId + ' rescheduled';
        await this.refresh(true);
      } catch (e) {
        const p = e.problem || {};
        const known = names.includes(p.field);
        this.formError = { field: known ? p.field : null, detail: e.message };
      }
    },
    fieldError(name) {
      return this.formError.field === name ? this.formError.detail : null;
    },
    drawChart() {
      const el = document.getElementById('duration-chart');
      if (!el || typeof uPlot === 'undefined') return;
      const timed = this.runs.filter(r => r.durationMs != null).slice().reverse();
      if (this.chart) { this.chart.destroy(); this.chart = null; }
      if (timed.length < 2) return;
      const data = [timed.map(r => Date.parse(r.finishedAt) / 1000), timed.map(r => r.durationMs)];
      const dark = matchMedia('(prefers-color-scheme: dark)').matches;
      const axis = { stroke: dark ? '#aab' : '#556', grid: { stroke: dark ? '#334' : '#e4e6eb' } };
      this.chart = new uPlot({ width: Math.min(el.clientWidth || 600, 900), height: 160,
        series: [{}, { label: 'duration ms', stroke: '#3b82f6', fill: 'rgba(59,130,246,0.15)', points: { show: true } }],
        axes: [axis, axis], legend: { show: false } }, data, el);
    },
    // A row's arguments: the previews of args and kwargs the jobs list sends (bounded; the job's page has them whole).
    argumentsText(job) {
      const parts = [job.argsPreview === '[]' ? '' : job.argsPreview, job.kwargsPreview === '{}' ? '' : job.kwargsPreview];
      return (parts.filter(p => p).join(' ') || '—') + (job.argumentsTruncated ? '…' : '');
    },
    local(iso) {
      if (!iso) return '—';
      const d = new Date(iso);
      return isNaN(d) ? iso : d.toLocaleString();
    },
    // a time as the server wrote it, in the job's zone: without fractions of a second
    zoned(iso) {
      return iso ? iso.replace('T', ' ').replace(/\.\d+(?=Z|[+-]\d\d:?\d\d|\[|$)/, '') : '—';
    },
    show(v) {
      return v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    },
    percent(x) { return (x * 100).toFixed(1) + ' %'; },
    duration(ms) { return ms == null ? '—' : ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(1) + ' s'; }
  };
}
