// Labels in Chinese and English; the choice is kept in localStorage.
const LABELS = {
  zh: {
    user: '用户名', password: '密码', login: '登录', logout: '退出', overview: '总览', alarms: '报警', pond: '尾矿库',
    connecting: '连接中', live: '实时', disconnected: '已断开', site: '矿区', back: '返回', level: '级别', sensor: '传感器',
    rule: '规则', value: '数值', since: '开始时间', time: '时间', transition: '变化', who: '确认人', note: '处理说明',
    activeAlarms: '未确认的报警', ackedAlarms: '已确认、仍在报警', history: '报警记录', acknowledge: '确认',
    cancel: '取消', stale: '数据过时', offline: '离线', maintenance: '维护中', noValue: '无数据',
    loginFailed: '用户名或密码错误', combinedLevel: '综合库水位（各水位计最大值）', pondAlarms: '库水位报警',
    noPondAlarms: '无库水位报警', sensors: '个传感器', inAlarm: '个报警', liveTrend: '实时趋势（打开后开始记录）',
    historyTrend: '最近一小时历史 + 实时', ago: '前', raised: '触发', escalated: '升级', deescalated: '降级',
    acknowledged: '已确认', cleared: '解除', noPonds: '没有尾矿库', thresholds: '阈值',
    sensorChoice: '传感器', replay: '历史回放', from: '开始', to: '结束', speed: '速度', asFastAsPossible: '最快', play: '播放',
    pause: '暂停', idle: '未开始', playing: '播放中', paused: '已暂停', ended: '已结束', error: '出错',
    replayAlarms: '回放中的报警', storedAlarms: '该时段记录的报警', chooseSensors: '请选择传感器',
    badPeriod: '结束时间须晚于开始时间', whatIf: '假设分析（换一套阈值）',
    whatIfHelp: '规则集（配置文件的 profiles: 部分），用同一段历史与当前规则对比', compare: '对比',
    downloadCsv: '下载 CSV', current: '当前规则', proposed: '拟用规则', added: '新增', removed: '减少',
    count: '次数', duration: '持续时间', change: '差异', peak: '峰值', threshold: '阈值',
    noAlarmsEither: '两套规则均无报警',
  },
  en: {
    user: 'User', password: 'Password', login: 'Log in', logout: 'Log out', overview: 'Overview', alarms: 'Alarms',
    pond: 'Tailings pond', connecting: 'connecting', live: 'live', disconnected: 'disconnected', site: 'Site',
    back: 'Back', level: 'Level', sensor: 'Sensor', rule: 'Rule', value: 'Value', since: 'Since', time: 'Time',
    transition: 'Transition', who: 'By', note: 'Note', activeAlarms: 'Unacknowledged alarms',
    ackedAlarms: 'Acknowledged, still active', history: 'Alarm history', acknowledge: 'Acknowledge',
    cancel: 'Cancel', stale: 'stale', offline: 'offline', maintenance: 'maintenance', noValue: 'no data',
    loginFailed: 'Name or password is wrong', combinedLevel: 'Combined pond level (highest gauge)',
    pondAlarms: 'Pond level alarms', noPondAlarms: 'No pond level alarm', sensors: 'sensors', inAlarm: 'in alarm',
    liveTrend: 'Live trend (recorded since opened)', historyTrend: 'Last hour of history + live', ago: 'ago',
    raised: 'raised', escalated: 'escalated', deescalated: 'de-escalated', acknowledged: 'acknowledged',
    cleared: 'cleared', noPonds: 'No tailings pond', thresholds: 'Thresholds',
    sensorChoice: 'Sensors', replay: 'Replay', from: 'From', to: 'To', speed: 'Speed', asFastAsPossible: 'as fast as possible', play: 'Play',
    pause: 'Pause', idle: 'not started', playing: 'playing', paused: 'paused', ended: 'ended', error: 'error',
    replayAlarms: 'Alarms in this replay', storedAlarms: 'Alarms recorded in this period',
    chooseSensors: 'Choose one or more sensors', badPeriod: 'The end must be after the start',
    whatIf: 'What-if (other thresholds)',
    whatIfHelp: 'A rule set (the profiles: section of the configuration), compared with the current rules over the same history',
    compare: 'Compare', downloadCsv: 'Download CSV', current: 'current rules', proposed: 'proposed rules',
    added: 'added', removed: 'removed', count: 'Count', duration: 'Duration', change: 'Change', peak: 'Peak',
    threshold: 'Threshold', noAlarmsEither: 'no alarm under either rule set',
  },
};

let language = localStorage.getItem('minewatch.lang') || 'zh';

export function t(key) {
  return LABELS[language][key] ?? key;
}

export function lang() {
  return language;
}

export function applyLabels(root = document) {
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  for (const element of root.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
}

export function toggleLanguage() {
  language = language === 'zh' ? 'en' : 'zh';
  localStorage.setItem('minewatch.lang', language);
  applyLabels();
}
