import { t } from './i18n.js';
import { formatValue } from './overview.js';
import { freshness, levelOf, state } from './state.js';

// Each tailings pond: the combined pond level (the highest water-level gauge), its gauges and phreatic lines, and
// its pond-level alarms (rule pond_level, or any alarm of a water-level gauge).
const POND_KINDS = new Set(['water_level', 'phreatic_line']);

export function renderPonds() {
  const view = document.getElementById('pond-view');
  const ponds = state.sites.filter(site => site.type === 'tailings_pond');
  if (ponds.length === 0) {
    view.textContent = t('noPonds');
    return;
  }
  const now = Date.now();
  view.replaceChildren(...ponds.map(site => {
    const section = document.createElement('div');
    section.className = 'pond';
    section.dataset.site = site.id;
    const gauges = [...state.sensors.values()].filter(r => r.site === site.id && POND_KINDS.has(r.kind))
      .sort((a, b) => a.sensor.localeCompare(b.sensor));
    const levels = gauges.filter(r => r.kind === 'water_level' && freshness(r, now) !== 'offline');
    const combined = levels.length ? Math.max(...levels.map(r => r.value)) : null;
    const h = document.createElement('h2');
    h.textContent = site.name;
    const total = document.createElement('p');
    total.className = 'combined';
    total.textContent = t('combinedLevel') + ': ' + (combined === null ? t('noValue')
      : formatValue(combined) + ' ' + levels[0].unit);
    const list = document.createElement('ul');
    for (const gauge of gauges) {
      const li = document.createElement('li');
      const level = levelOf(gauge.sensor);
      li.className = level ? 'level-' + level : '';
      li.textContent = `${gauge.sensor} (${gauge.location || gauge.kind}): `
        + (gauge.value === null ? t('noValue') : formatValue(gauge.value) + ' ' + gauge.unit)
        + (freshness(gauge, now) === 'fresh' ? '' : ' · ' + t(freshness(gauge, now)));
      list.appendChild(li);
    }
    const alarms = [...state.alarms.values()].filter(a => a.active && a.site === site.id
      && (a.rule === 'pond_level' || POND_KINDS.has(a.kind)));
    const alarmList = document.createElement('p');
    alarmList.className = 'pond-alarms';
    alarmList.textContent = alarms.length === 0 ? t('noPondAlarms') : t('pondAlarms') + ': ' + alarms
      .map(a => `${a.sensor} ${a.level} (${a.rule}) ${formatValue(a.value)} ${a.unit}`).join('; ');
    section.append(h, total, alarmList, list);
    return section;
  }));
}
