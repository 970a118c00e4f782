import { api, ApiError, post } from './api.js';
import { applyLabels, t, toggleLanguage } from './i18n.js';
import { renderAlarms, wireAckDialog } from './alarms.js';
import { currentSite, renderAges, renderDirty, showSite } from './overview.js';
import { renderPonds } from './pond.js';
import { openReplay, wireReplay } from './replay.js';
import { closeSensor, openSensor, sensorReading } from './sensor.js';
import { applyAlarm, applyReading, applySnapshot, state } from './state.js';

// The control room: log in, open /ws/live, subscribe to everything, and render changes once per animation frame.
let socket = null;
let view = 'overview';
let frameRequested = false;
let alarmsChanged = false;

async function start() {
  applyLabels();
  for (const button of document.querySelectorAll('.lang-toggle')) {
    button.addEventListener('click', () => {
      toggleLanguage();
      rerender();
    });
  }
  document.getElementById('login-form').addEventListener('submit', login);
  document.getElementById('logout').addEventListener('click', logout);
  document.getElementById('sensor-back').addEventListener('click', () => show('overview'));
  document.getElementById('site-select').addEventListener('change', event => showSite(event.target.value, openDetail));
  for (const button of document.querySelectorAll('nav button')) {
    button.addEventListener('click', () => show(button.dataset.view));
  }
  wireReplay();
  wireAckDialog(event => {
    applyAlarm(event);
    scheduleFrame(true);
  });
  try {
    state.session = await api('/api/session');
    await enter();
  } catch (error) {
    showLogin();
  }
}

function showLogin() {
  document.getElementById('app-view').hidden = true;
  document.getElementById('login-view').hidden = false;
}

async function login(event) {
  event.preventDefault();
  const error = document.getElementById('login-error');
  error.textContent = '';
  try {
    state.session = await post('/api/login', {
      name: document.getElementById('login-name').value,
      password: document.getElementById('login-password').value,
    });
    document.getElementById('login-password').value = '';
    await enter();
  } catch (e) {
    error.textContent = e instanceof ApiError && e.status === 401 ? t('loginFailed') : e.message;
  }
}

async function logout() {
  try {
    await post('/api/logout');
  } finally {
    socket?.close();
    socket = null;
    state.session = null;
    showLogin();
  }
}

async function enter() {
  document.getElementById('login-view').hidden = true;
  document.getElementById('app-view').hidden = false;
  document.getElementById('whoami').textContent = `${state.session.user} (${state.session.role})`;
  const canView = state.session.permissions.includes('view_live');
  document.getElementById('nav-overview').hidden = !canView;
  document.getElementById('nav-pond').hidden = !canView;
  document.getElementById('nav-replay').hidden = !state.session.permissions.includes('history');
  state.sites = await api('/api/sites');
  const select = document.getElementById('site-select');
  select.replaceChildren(...state.sites.map(site => new Option(`${site.name} (${site.id})`, site.id)));
  state.history = await api('/api/alarms?state=all&limit=500');
  connect();
  show(canView ? 'overview' : 'alarms');
}

function connect() {
  const status = document.getElementById('connection');
  socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/live');
  socket.onopen = () => socket.send(JSON.stringify({ type: 'subscribe', sites: ['*'] }));
  socket.onmessage = message => receive(JSON.parse(message.data));
  socket.onclose = () => {
    status.textContent = t('disconnected');
    status.className = 'connection down';
    if (state.session) {
      // Reconnect with a fresh snapshot; an expired session lands on the login form.
      setTimeout(() => api('/api/session').then(connect, showLogin), 2000);
    }
  };
  status.textContent = t('live');
  status.className = 'connection live';
}

function receive(frame) {
  if (frame.type === 'snapshot') {
    applySnapshot(frame);
    showSite(currentSite() ?? document.getElementById('site-select').value, openDetail);
    if (view === 'replay') {
      openReplay();
    }
    scheduleFrame(true);
  } else if (frame.type === 'changes') {
    for (const reading of frame.readings) {
      applyReading(reading);
      sensorReading(reading);
    }
    for (const event of frame.alarms) {
      applyAlarm(event);
    }
    scheduleFrame(frame.alarms.length > 0);
  } else if (frame.type === 'error') {
    console.warn('live stream:', frame.error);
  }
}

function scheduleFrame(alarms) {
  alarmsChanged ||= alarms;
  if (frameRequested) {
    return;
  }
  frameRequested = true;
  requestAnimationFrame(() => {
    frameRequested = false;
    const now = Date.now();
    if (alarmsChanged) {
      // A level can change without a reading of that sensor: repaint every tile's level.
      renderAges(now);
      renderAlarms();
      if (view === 'pond') {
        renderPonds();
      }
      alarmsChanged = false;
    } else {
      renderDirty(state.dirty, now);
    }
    state.dirty.clear();
  });
}

function show(next) {
  view = next;
  for (const section of document.querySelectorAll('.view')) {
    section.hidden = section.id !== next + '-view';
  }
  for (const button of document.querySelectorAll('nav button')) {
    button.classList.toggle('active', button.dataset.view === next);
  }
  if (next !== 'sensor') {
    closeSensor();
  }
  rerender();
}

function rerender() {
  applyLabels();
  if (view === 'alarms') {
    renderAlarms();
  } else if (view === 'pond') {
    renderPonds();
  } else if (view === 'replay') {
    openReplay();
  }
}

async function openDetail(id) {
  show('sensor');
  await openSensor(id);
}

setInterval(() => {
  if (state.session) {
    renderAges(Date.now());
    if (view === 'pond') {
      renderPonds();
    }
  }
}, 1000);

start();
