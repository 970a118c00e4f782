import { t } from './i18n.js';
import { freshness, levelOf, state } from './state.js';

// The site grid: one tile per sensor, built once per site, then only changed tiles are touched, in one animation
// frame per batch of changes (2,000 sensors at a reading a second each stay smooth).
const tiles = new Map();
let shownSite = null;

export function showSite(siteId, onOpen) {
  shownSite = siteId;
  const grid = document.getElementById('grid');
  grid.replaceChildren();
  tiles.clear();
  const rows = [...state.sensors.values()].filter(row => row.site === siteId)
    .sort((a, b) => a.sensor.localeCompare(b.sensor));
  const fragment = document.createDocumentFragment();
  for (const row of rows) {
    const tile = document.createElement('div');
    tile.className = 'tile';
    tile.dataset.sensor = row.sensor;
    tile.innerHTML = '<div class="name"></div><div class="loc"></div><span class="value"></span>'
      + '<span class="age"></span>';
    tile.querySelector('.name').textContent = row.sensor;
    tile.querySelector('.loc').textContent = row.location || row.kind;
    tile.addEventListener('click', () => onOpen(row.sensor));
    tiles.set(row.sensor, { tile, value: tile.querySelector('.value'), age: tile.querySelector('.age'),
      level: null, fresh: null, text: null, maintenance: null });
    fragment.appendChild(tile);
  }
  grid.appendChild(fragment);
  for (const id of tiles.keys()) {
    renderTile(id, Date.now());
  }
  summarize();
}

export function renderDirty(dirty, nowMs) {
  for (const id of dirty) {
    renderTile(id, nowMs);
  }
  summarize();
}

/** Ages tick every second; only tiles whose text or freshness class changes are written. */
export function renderAges(nowMs) {
  for (const id of tiles.keys()) {
    renderTile(id, nowMs);
  }
}

function renderTile(id, nowMs) {
  const view = tiles.get(id);
  const row = state.sensors.get(id);
  if (!view || !row) {
    return;
  }
  const level = levelOf(id);
  if (level !== view.level) {
    if (view.level) {
      view.tile.classList.remove('level-' + view.level);
    }
    if (level) {
      view.tile.classList.add('level-' + level);
    }
    view.tile.dataset.level = level ?? '';
    view.level = level;
  }
  const fresh = freshness(row, nowMs);
  if (fresh !== view.fresh) {
    view.tile.classList.toggle('stale', fresh === 'stale');
    view.tile.classList.toggle('offline', fresh === 'offline');
    view.fresh = fresh;
  }
  if (row.maintenance !== view.maintenance) {
    view.tile.classList.toggle('maintenance', !!row.maintenance);
    view.maintenance = row.maintenance;
  }
  const text = row.value === null || row.value === undefined ? t('noValue') : formatValue(row.value) + ' ' + row.unit;
  if (text !== view.text) {
    view.value.textContent = text;
    view.text = text;
  }
  const age = row.time ? formatAge(nowMs - Date.parse(row.time)) : '';
  const mark = fresh === 'fresh' ? '' : ' ' + t(fresh);
  const ageText = age + mark + (row.maintenance ? ' ' + t('maintenance') : '');
  if (view.age.textContent !== ageText) {
    view.age.textContent = ageText;
  }
}

function summarize() {
  const inSite = [...tiles.keys()];
  const alarmed = inSite.filter(id => levelOf(id)).length;
  document.getElementById('site-summary').textContent = `${inSite.length} ${t('sensors')}, ${alarmed} ${t('inAlarm')}`;
}

export function formatValue(value) {
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export function formatAge(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? s + 's' : s < 3600 ? Math.floor(s / 60) + 'm' : Math.floor(s / 3600) + 'h';
}

export function currentSite() {
  return shownSite;
}
