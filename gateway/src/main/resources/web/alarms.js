import { t } from './i18n.js';
import { post } from './api.js';
import { cells, fill } from './dom.js';
import { formatValue } from './overview.js';
import { severity, state } from './state.js';

// The alarm lists: unacknowledged active alarms (with the acknowledge button), acknowledged ones still active, and
// the history of transitions (loaded once, then appended live).
let pendingAck = null;

export function renderAlarms() {
  const active = [...state.alarms.values()].sort((a, b) => severity(b.level) - severity(a.level)
    || Date.parse(a.reading_time) - Date.parse(b.reading_time));
  const canAck = state.session?.permissions.includes('acknowledge');
  fill('active-alarms', active.filter(a => !a.acknowledged), alarm => activeRow(alarm, canAck));
  fill('acked-alarms', active.filter(a => a.acknowledged && a.active), alarm => activeRow(alarm, false));
  fill('alarm-history', state.history.slice(0, 200), historyRow);
  const unacknowledged = active.filter(a => !a.acknowledged).length;
  document.getElementById('alarm-count').textContent = String(unacknowledged);
}

function activeRow(alarm, canAck) {
  const tr = document.createElement('tr');
  tr.className = 'level-' + alarm.level;
  tr.dataset.alarm = alarm.alarm_id;
  cells(tr, [alarm.level + ' · ' + alarm.level_name + (alarm.active ? '' : ' · ' + t('cleared')), alarm.sensor,
    alarm.rule,
    formatValue(alarm.value) + ' ' + alarm.unit + ' (≥ ' + alarm.threshold + ')',
    new Date(alarm.reading_time).toLocaleString()]);
  tr.firstChild.className = 'level';
  const action = document.createElement('td');
  if (canAck) {
    const button = document.createElement('button');
    button.className = 'ack-button';
    button.textContent = t('acknowledge');
    button.addEventListener('click', () => openAck(alarm));
    action.appendChild(button);
  } else if (alarm.acknowledged) {
    action.textContent = (alarm.acknowledged.acknowledged_by ?? '') + (alarm.acknowledged.note
      ? ': ' + alarm.acknowledged.note : '');
  }
  tr.appendChild(action);
  return tr;
}

/** A row of the alarm history: time, transition, level, sensor, value, who acknowledged, note. */
export function historyRow(event) {
  const tr = document.createElement('tr');
  tr.className = 'level-' + event.level;
  cells(tr, [new Date(event.event_time).toLocaleString(), t(event.transition), event.level, event.sensor,
    formatValue(event.value) + ' ' + event.unit, event.details?.acknowledged_by ?? '', event.details?.note ?? '']);
  tr.children[2].className = 'level';
  return tr;
}

function openAck(alarm) {
  pendingAck = alarm;
  document.getElementById('ack-alarm').textContent = `${alarm.sensor} · ${alarm.level_name} · ${alarm.rule}`;
  document.getElementById('ack-note').value = '';
  document.getElementById('ack-error').textContent = '';
  document.getElementById('ack-dialog').showModal();
}

export function wireAckDialog(onDone) {
  document.getElementById('ack-confirm').addEventListener('click', async event => {
    event.preventDefault();
    const note = document.getElementById('ack-note').value.trim();
    try {
      const acknowledged = await post(`/api/alarms/${encodeURIComponent(pendingAck.alarm_id)}/ack`,
        note ? { note } : {});
      document.getElementById('ack-dialog').close();
      onDone(acknowledged);
    } catch (error) {
      document.getElementById('ack-error').textContent = error.message;
    }
  });
}
