import { api } from './api.js';
import { historyRow } from './alarms.js';
import { cells, fill, showError } from './dom.js';
import { t } from './i18n.js';
import { formatValue } from './overview.js';
import { ReplayStream } from './replay-stream.js';
import { state } from './state.js';
import { thresholdLines, TrendChart } from './trend.js';
import { wireWhatIf } from './whatif.js';

// The replay view: chosen sensors and period played back through the server's separate rule engine
// (GET /api/replay), drawn on a trend chart with the alarms it raises as markers and in a list, with pause, seek and
// speed; beside it the alarms stored for that period (with who acknowledged them), and the what-if panel below.
const HOUR = 3600000;
const replay = { sensors: [], from: 0, to: 0, series: [], alarms: [], timeMs: null, status: 'idle', stream: null };
let chart = null;
let seeking = false;
let paintRequested = false;

export function wireReplay() {
  element('replay-play').addEventListener('click', play);
  element('replay-pause').addEventListener('click', pause);
  element('replay-speed').addEventListener('change', changeSpeed);
  const slider = element('replay-seek');
  slider.addEventListener('pointerdown', () => seeking = true);
  slider.addEventListener('change', () => {
    seeking = false;
    restartFrom(Number(slider.value));
  });
  wireWhatIf(selection);
}

/** Fills the sensor choice from the registry the page has, and sets the last hour when no period is chosen. */
export function openReplay() {
  const select = element('replay-sensors');
  const chosen = new Set([...select.selectedOptions].map(o => o.value));
  const rows = [...state.sensors.values()].sort((a, b) => a.sensor.localeCompare(b.sensor));
  select.replaceChildren(...rows.map(row => new Option(`${row.sensor} · ${row.location || row.kind}`, row.sensor,
    false, chosen.has(row.sensor))));
  if (!element('replay-from').value) {
    const to = Math.ceil(Date.now() / 60000) * 60000;
    element('replay-to').value = toInputValue(to);
    element('replay-from').value = toInputValue(to - HOUR);
  }
  paint();
}

/** The chosen sensors and period, checked; throws an Error naming what is missing. */
function selection() {
  const sensors = [...element('replay-sensors').selectedOptions].map(o => o.value);
  const from = new Date(element('replay-from').value).getTime();
  const to = new Date(element('replay-to').value).getTime();
  if (sensors.length === 0) {
    throw new Error(t('chooseSensors'));
  }
  if (!(from < to)) {
    throw new Error(t('badPeriod'));
  }
  return { sensors, from, to };
}

async function play() {
  if (replay.status === 'paused') {
    replay.stream.resume();
    setStatus('playing');
    return;
  }
  showError('replay-error', null);
  try {
    Object.assign(replay, selection(), { alarms: [] });
    await showSeries();
    loadStoredAlarms();
    streamFrom(replay.from, false);
  } catch (error) {
    fail(error);
  }
}

function pause() {
  if (replay.status === 'playing') {
    replay.stream.pause();
    setStatus('paused');
  }
}

function changeSpeed() {
  if (replay.status === 'playing' || replay.status === 'paused') {
    restartFrom(replay.timeMs);
  }
}

/** Seek and speed change: keep what is before {@code ms}, ask again from there (paused stays paused). */
function restartFrom(ms) {
  if (replay.status === 'idle' || replay.status === 'error') {
    return;
  }
  const at = Math.min(Math.max(ms, replay.from), replay.to);
  for (const series of replay.series) {
    series.points.splice(firstIndexFrom(series.points, at));
  }
  replay.alarms = replay.alarms.filter(alarm => alarm.t < at);
  fill('replay-alarms', replay.alarms, alarmRow);
  chart.setMarkers(replay.alarms.map(marker));
  replay.timeMs = at;
  streamFrom(at, replay.status === 'paused');
}

function streamFrom(ms, paused) {
  replay.stream?.stop();
  const speed = element('replay-speed').value;
  const url = '/api/replay?' + new URLSearchParams({ sensors: replay.sensors.join(','),
    from: new Date(ms).toISOString(), to: new Date(replay.to).toISOString(), speed });
  const stream = new ReplayStream(url, ms, speed === 'max' ? null : Number(speed));
  replay.stream = stream;
  replay.timeMs = ms;
  if (paused) {
    stream.pause();
  }
  setStatus(paused ? 'paused' : 'playing');
  stream.run(apply).then(finished => {
    if (finished) {
      setStatus('ended');
    }
  }, error => {
    if (replay.stream === stream) {
      fail(error);
    }
  });
}

function apply(line) {
  if (line.type === 'reading') {
    replay.series.find(s => s.name === line.sensor)?.points.push([line.t, line.value]);
    replay.timeMs = line.t;
    chart.redraw();
  } else if (line.type === 'alarm') {
    replay.alarms.push(line);
    element('replay-alarms').appendChild(alarmRow(line));
    chart.addMarker(marker(line));
  }
  schedulePaint();
}

/** A new chart of the chosen sensors, with each one's value thresholds, over the whole period. */
async function showSeries() {
  const details = await Promise.all(replay.sensors.map(id => api('/api/sensors/' + encodeURIComponent(id))));
  replay.series = details.map(detail => ({ name: detail.sensor, points: [],
    thresholds: thresholdLines(detail) }));
  const units = [...new Set(details.map(detail => detail.unit))].join(' / ');
  chart ??= new TrendChart(element('replay-chart'));
  chart.show(replay.series, { unit: units, range: [replay.from, replay.to] });
  fill('replay-alarms', [], alarmRow);
}

/** The alarm events stored for the period (from the live engine), with who acknowledged them and their notes. */
async function loadStoredAlarms() {
  const period = { from: new Date(replay.from).toISOString(), to: new Date(replay.to).toISOString() };
  try {
    const lists = await Promise.all(replay.sensors.map(sensor => api('/api/alarms/history?'
      + new URLSearchParams({ sensor, ...period }))));
    const events = lists.flat().sort((a, b) => Date.parse(a.event_time) - Date.parse(b.event_time));
    fill('replay-alarm-history', events, historyRow);
  } catch (error) {
    fail(error);
  }
}

function alarmRow(alarm) {
  const tr = cells(document.createElement('tr'), [new Date(alarm.t).toLocaleString(), alarm.sensor,
    t(alarm.transition), alarm.level + ' · ' + alarm.level_name, formatValue(alarm.value) + ' ' + alarm.unit]);
  tr.className = 'level-' + alarm.level;
  tr.children[3].className = 'level';
  Object.assign(tr.dataset, { t: String(alarm.t), transition: alarm.transition, level: alarm.level });
  return tr;
}

function marker(alarm) {
  return { sensor: alarm.sensor, t: alarm.t, value: alarm.value, transition: alarm.transition, level: alarm.level,
    title: `${new Date(alarm.t).toLocaleString()} ${alarm.sensor} ${t(alarm.transition)} ${alarm.level_name}`
      + ` ${formatValue(alarm.value)} ${alarm.unit}` };
}

/** The index of the first point at or after {@code ms} (points are in time order). */
function firstIndexFrom(points, ms) {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (points[middle][0] < ms) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

function setStatus(status) {
  replay.status = status;
  schedulePaint();
}

function fail(error) {
  replay.stream?.stop();
  setStatus('error');
  showError('replay-error', error);
}

function schedulePaint() {
  if (!paintRequested) {
    paintRequested = true;
    requestAnimationFrame(() => {
      paintRequested = false;
      paint();
    });
  }
}

/** The replay time, state and slider; the buttons that make sense in that state. */
function paint() {
  const time = element('replay-time');
  time.dataset.t = replay.timeMs === null ? '' : String(replay.timeMs);
  time.textContent = replay.timeMs === null ? '–' : new Date(replay.timeMs).toLocaleString();
  const status = element('replay-state');
  status.dataset.state = replay.status;
  status.textContent = t(replay.status);
  const slider = element('replay-seek');
  slider.disabled = replay.status === 'idle' || replay.status === 'error';
  slider.min = String(replay.from);
  slider.max = String(replay.to);
  if (!seeking && replay.timeMs !== null) {
    slider.value = String(replay.timeMs);
  }
  element('replay-pause').disabled = replay.status !== 'playing';
  element('replay-play').disabled = replay.status === 'playing';
}

/** A datetime-local value (local time, to the second). */
function toInputValue(ms) {
  const local = new Date(ms - new Date(ms).getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 19);
}

function element(id) {
  return document.getElementById(id);
}
