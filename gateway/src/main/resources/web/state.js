// What the page knows: sensors by id (the live rows), active alarms by alarm id, and which tiles changed.
export const state = {
  session: null,
  sites: [],
  sensors: new Map(),
  periods: new Map(),
  alarms: new Map(),
  history: [],
  staleAfterMs: 30000,
  dirty: new Set(),
};

const SEVERITY = { blue: 1, yellow: 2, orange: 3, red: 4 };
const LEVEL_SETTING = new Set(['raised', 'escalated', 'deescalated']);

export function severity(level) {
  return SEVERITY[level] ?? 0;
}

let levels = null;

/** The most severe level in force on a sensor, from the active alarms (computed once per change of alarms). */
export function levelOf(sensor) {
  if (levels === null) {
    levels = new Map();
    for (const alarm of state.alarms.values()) {
      if (alarm.active && severity(alarm.level) > severity(levels.get(alarm.sensor))) {
        levels.set(alarm.sensor, alarm.level);
      }
    }
  }
  return levels.get(sensor) ?? null;
}

export function applySnapshot(frame) {
  state.sensors.clear();
  state.alarms.clear();
  state.staleAfterMs = frame.stale_after_ms;
  levels = null;
  for (const row of frame.sensors) {
    state.sensors.set(row.sensor, row);
  }
  // Standing alarms (ISA-18.2): active, or cleared and waiting for acknowledgement.
  for (const alarm of frame.alarms) {
    state.alarms.set(alarm.alarm_id, { ...alarm, active: alarm.active !== false, acknowledged: alarm.acknowledged
      ? { acknowledged_by: alarm.acknowledgement?.by, note: alarm.acknowledgement?.note } : null });
  }
}

export function applyReading(reading) {
  const row = state.sensors.get(reading.sensor) ?? { sensor: reading.sensor, site: reading.site, location: '',
    registered: false, maintenance: false };
  const previous = row.time ? Date.parse(row.time) : null;
  const now = Date.parse(reading.time);
  if (previous !== null && now > previous) {
    // The sensor's own period, smoothed: a value is stale after a few missed periods.
    const period = state.periods.get(reading.sensor);
    state.periods.set(reading.sensor, period ? period * 0.8 + (now - previous) * 0.2 : now - previous);
  }
  Object.assign(row, reading);
  state.sensors.set(reading.sensor, row);
  state.dirty.add(reading.sensor);
}

const seenEvents = new Set();

/** Applies an alarm event once, whether it came from the stream or from the answer to an acknowledgement. */
export function applyAlarm(event) {
  if (seenEvents.has(event.id)) {
    return;
  }
  if (seenEvents.size > 10000) {
    seenEvents.clear();
  }
  seenEvents.add(event.id);
  const known = state.alarms.get(event.alarm_id);
  levels = null;
  if (LEVEL_SETTING.has(event.transition)) {
    state.alarms.set(event.alarm_id, { ...event, active: true, acknowledged: known?.acknowledged ?? null });
  } else if (event.transition === 'cleared' && known) {
    if (known.acknowledged) {
      state.alarms.delete(event.alarm_id);
    } else {
      state.alarms.set(event.alarm_id, { ...known, active: false });
    }
  } else if (event.transition === 'acknowledged' && known) {
    if (known.active) {
      state.alarms.set(event.alarm_id, { ...known, acknowledged: event.details });
    } else {
      state.alarms.delete(event.alarm_id);
    }
  }
  state.history.unshift(event);
  state.history.length = Math.min(state.history.length, 500);
  state.dirty.add(event.sensor);
}

/**
 * stale: older than three of the sensor's periods, at least 3 s, as the server's Staleness decides it; until this page
 * has seen two readings of a sensor, the server's limit for that sensor (stale_after_ms of its row).
 */
export function freshness(row, nowMs) {
  if (row.value === null || row.value === undefined || !row.time) {
    return 'offline';
  }
  const age = nowMs - Date.parse(row.time);
  const period = state.periods.get(row.sensor);
  const staleAfter = period ? Math.max(3 * period, 3000) : (row.stale_after_ms ?? state.staleAfterMs);
  if (age > Math.max(10 * staleAfter, 300000)) {
    return 'offline';
  }
  return age > staleAfter ? 'stale' : 'fresh';
}
