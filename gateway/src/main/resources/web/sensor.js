import { api } from './api.js';
import { t } from './i18n.js';
import { state } from './state.js';
import { thresholdLines, TrendChart } from './trend.js';

// The sensor detail: a trend chart with the profile's value thresholds as lines. An engineer sees the last hour from
// the store before the live values; others see live values since opening.
const MAX_POINTS = 3600;
let chart = null;
let sensorId = null;
let points = [];

export async function openSensor(id) {
  sensorId = id;
  points = [];
  const detail = await api('/api/sensors/' + encodeURIComponent(id));
  document.getElementById('sensor-title').textContent = id;
  document.getElementById('sensor-meta').textContent = `${detail.site} · ${detail.location} · ${detail.kind} (${detail.unit})`
    + (detail.profile ? ' · ' + detail.profile : '');
  chart ??= new TrendChart(document.getElementById('chart'));
  const lines = thresholdLines(detail);
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
  chart.show([{ name: id, points, thresholds: lines }], { unit: detail.unit });
}

export function sensorReading(reading) {
  if (reading.sensor !== sensorId || !chart) {
    return;
  }
  points.push([Date.parse(reading.time), reading.value]);
  if (points.length > MAX_POINTS) {
    points.splice(0, points.length - MAX_POINTS);
  }
  chart.redraw();
}

export function closeSensor() {
  sensorId = null;
}
