import { postText } from './api.js';
import { cells, showError } from './dom.js';
import { t } from './i18n.js';
import { formatValue } from './overview.js';

// The what-if panel: a proposed rule set (YAML, the `profiles:` section of the configuration) replayed with the
// current rules over the chosen sensors and period (POST /api/whatif), shown as a table per sensor, or as CSV.
const EXAMPLE_RULES = `# CH4 at the working face: alarm at 0.8 % instead of 1.0 %
profiles:
  coal_ch4_working_face:
    kind: ch4
    rules:
      - id: ch4
        direction: above
        levels:
          - { name: alarm, level: orange, enter: 0.8, exit: 0.8 }
          - { name: power_cut, level: red, enter: 1.5, exit: 0.8 }
`;

/** @param selection returns the chosen {sensors, from, to}, or throws naming what is missing */
export function wireWhatIf(selection) {
  document.getElementById('whatif-rules').value = EXAMPLE_RULES;
  document.getElementById('whatif-compare').addEventListener('click', () => run(selection, showReport));
  document.getElementById('whatif-csv').addEventListener('click', () => run(selection, download, 'csv'));
}

async function run(selection, handle, format) {
  showError('whatif-error', null);
  try {
    const { sensors, from, to } = selection();
    const query = new URLSearchParams({ sensors: sensors.join(','), from: new Date(from).toISOString(),
      to: new Date(to).toISOString(), ...(format ? { format } : {}) });
    await handle(await postText('/api/whatif?' + query, document.getElementById('whatif-rules').value));
  } catch (error) {
    showError('whatif-error', error);
  }
}

async function showReport(response) {
  const report = await response.json();
  const totals = document.createElement('p');
  totals.className = 'whatif-totals';
  totals.textContent = `${t('current')}: ${report.totals.current} · ${t('proposed')}: ${report.totals.proposed}`
    + ` · ${t('added')}: ${report.totals.added} · ${t('removed')}: ${report.totals.removed}`;
  const sections = report.sensors.map(sensorSection);
  if (sections.length === 0) {
    totals.textContent += ' · ' + t('noAlarmsEither');
  }
  document.getElementById('whatif-report').replaceChildren(totals, ...sections);
}

async function download(response) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = 'whatif.csv';
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
}

function sensorSection(sensor) {
  const section = document.createElement('section');
  section.className = 'whatif-sensor';
  section.dataset.sensor = sensor.sensor;
  const title = document.createElement('h4');
  title.textContent = `${sensor.sensor} (${sensor.kind})`;
  section.append(title, table(['', t('count'), t('duration')], [
    sideRow('current', sensor.current), sideRow('proposed', sensor.proposed)]), changesTable(sensor));
  return section;
}

function sideRow(side, summary) {
  const tr = cells(document.createElement('tr'), [t(side), summary.count, formatDuration(summary.duration_s)]);
  tr.dataset.side = side;
  tr.dataset.count = String(summary.count);
  return tr;
}

function changesTable(sensor) {
  const rows = [...sensor.added.map(alarm => changeRow('added', alarm)),
    ...sensor.removed.map(alarm => changeRow('removed', alarm))];
  return table([t('change'), t('raised'), t('cleared'), t('duration'), t('level'), t('peak'), t('threshold')], rows);
}

function changeRow(change, alarm) {
  const tr = cells(document.createElement('tr'), [t(change), new Date(alarm.raised).toLocaleString(),
    alarm.cleared ? new Date(alarm.cleared).toLocaleString() : '–', formatDuration(alarm.duration_s),
    `${alarm.peak_level} · ${alarm.peak_level_name}`, formatValue(alarm.peak_value), alarm.threshold]);
  tr.className = 'level-' + alarm.peak_level;
  tr.children[4].className = 'level';
  Object.assign(tr.dataset, { change, raised: alarm.raised });
  return tr;
}

function table(headings, rows) {
  const element = document.createElement('table');
  element.className = 'alarms';
  const head = cells(document.createElement('tr'), headings);
  element.createTHead().appendChild(head);
  element.createTBody().append(...rows);
  return element;
}

function formatDuration(seconds) {
  const s = Math.round(seconds);
  return s < 60 ? s + ' s' : s < 3600 ? `${Math.floor(s / 60)} min ${s % 60} s`
    : `${Math.floor(s / 3600)} h ${Math.floor(s % 3600 / 60)} min`;
}
