import { api } from './api.js';
import { t } from './i18n.js';
import { state } from './state.js';

// The sensor detail: a trend chart (ECharts, from the WebJar) with the profile's value thresholds as lines. An
// engineer sees the last hour from the store before the live values; others see live values since opening.
const COLORS = { blue: '#1565c0', yellow: '#f9a825', orange: '#ef6c00', red: '#c62828' };
const MAX_POINTS = 3600;
let chart = null;
let sensorId = null;
let points = [];
let pending = false;

export async function openSensor(id) {
  sensorId = id;
  points = [];
  const detail = await api('/api/sensors/' + encodeURIComponent(id));
  document.getElementById('sensor-title').textContent = id;
  document.getElementById('sensor-meta').textContent = `${detail.site} · ${detail.location} · ${detail.kind} (${detail.unit})`
    + (detail.profile ? ' · ' + detail.profile : '');
  if (!chart) {
    chart = echarts.init(document.getElementById('chart'), 'dark');
    window.addEventListener('resize', () => chart.resize());
  }
  const lines = [];
  for (const rule of detail.rules.filter(r => r.signal === 'value')) {
    for (const level of rule.levels) {
      lines.push({ yAxis: level.enter, name: `${level.name} ${level.enter}`,
        lineStyle: { color: COLORS[level.level], type: 'dashed' }, label: { formatter: `${level.name} ${level.enter}` } });
    }
  }
  const canHistory = state.session?.permissions.includes('history');
  document.getElementById('sensor-note').textContent = (canHistory ? t('historyTrend') : t('liveTrend'))
    + (lines.length ? ' · ' + t('thresholds') + ': ' + lines.map(l => l.name).join(', ') : '');
  if (canHistory) {
    try {
      const history = await api('/api/history?sensor=' + encodeURIComponent(id) + '&step=10s');
      points = history.points.map(p => [Date.parse(p.time), p.last]);
    } catch (error) {
      document.getElementById('sensor-note').textContent += ' · ' + error.message;
    }
  }
  if (detail.value !== null) {
    points.push([Date.parse(detail.time), detail.value]);
  }
  chart.setOption({
    animation: false,
    grid: { left: 60, right: 120, top: 30, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: detail.unit, scale: true },
    series: [{ type: 'line', showSymbol: false, data: points, markLine: { symbol: 'none', data: lines } }],
  }, true);
}

export function sensorReading(reading) {
  if (reading.sensor !== sensorId || !chart) {
    return;
  }
  points.push([Date.parse(reading.time), reading.value]);
  if (points.length > MAX_POINTS) {
    points.splice(0, points.length - MAX_POINTS);
  }
  if (!pending) {
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      chart.setOption({ series: [{ data: points }] });
    });
  }
}

export function closeSensor() {
  sensorId = null;
}
