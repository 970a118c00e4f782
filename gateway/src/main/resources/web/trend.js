// A trend chart (ECharts, from the WebJar): one line per sensor, the profile's value thresholds as dashed lines, and
// alarm markers as elements laid over the chart at (time, value), so they carry their transition and level as data
// attributes. Data arrays belong to the caller, who changes them and asks for a redraw; redraws are coalesced into
// one per animation frame.
export const LEVEL_COLORS = { blue: '#1565c0', yellow: '#f9a825', orange: '#ef6c00', red: '#c62828' };

/** The markLine entries for the value thresholds of a sensor (as GET /api/sensors/{id} describes them). */
export function thresholdLines(detail) {
  const lines = [];
  for (const rule of detail.rules.filter(r => r.signal === 'value')) {
    for (const level of rule.levels) {
      const name = `${level.name} ${level.enter}`;
      lines.push({ yAxis: level.enter, name, lineStyle: { color: LEVEL_COLORS[level.level], type: 'dashed' },
        label: { formatter: name } });
    }
  }
  return lines;
}

export class TrendChart {
  #element;
  #chart = null;
  #layer;
  #series = [];
  #markers = [];
  #pending = false;

  constructor(element) {
    this.#element = element;
    this.#layer = document.createElement('div');
    this.#layer.className = 'trend-markers';
  }

  /**
   * Starts over with these series ({name, points: [[ms, value], ...], thresholds}) and no markers; {@code range}
   * ([fromMs, toMs]) fixes the time axis, else it follows the data.
   */
  show(series, { unit = '', range = null } = {}) {
    this.#init();
    this.#series = series;
    this.#chart.setOption({
      animation: false,
      grid: { left: 60, right: 120, top: 30, bottom: 40 },
      tooltip: { trigger: 'axis' },
      legend: series.length > 1 ? { top: 0 } : undefined,
      xAxis: { type: 'time', min: range?.[0], max: range?.[1] },
      yAxis: { type: 'value', name: unit, scale: true },
      series: series.map(s => ({ type: 'line', name: s.name, showSymbol: false, data: s.points,
        markLine: { symbol: 'none', data: s.thresholds ?? [] } })),
    }, true);
    this.setMarkers([]);
  }

  /** The alarm markers: {sensor, t, value, transition, level, title}; their elements are made here, once. */
  setMarkers(markers) {
    this.#markers = [];
    this.#layer.replaceChildren();
    markers.forEach(marker => this.addMarker(marker));
  }

  addMarker(marker) {
    const placed = { ...marker, element: markerElement(marker) };
    this.#markers.push(placed);
    this.#layer.appendChild(placed.element);
    this.redraw();
  }

  redraw() {
    if (this.#pending || !this.#chart) {
      return;
    }
    this.#pending = true;
    requestAnimationFrame(() => {
      this.#pending = false;
      this.#chart.setOption({ series: this.#series.map(s => ({ data: s.points })) });
      this.#placeMarkers();
    });
  }

  #init() {
    if (this.#chart) {
      return;
    }
    this.#chart = echarts.init(this.#element, 'dark');
    this.#element.appendChild(this.#layer);
    window.addEventListener('resize', () => {
      this.#chart.resize();
      this.#placeMarkers();
    });
  }

  /** Moves the markers to where their points are now; data-points says how many points are drawn (for tests). */
  #placeMarkers() {
    this.#element.dataset.points = String(this.#series.reduce((sum, s) => sum + s.points.length, 0));
    for (const marker of this.#markers) {
      const seriesIndex = Math.max(0, this.#series.findIndex(s => s.name === marker.sensor));
      const [x, y] = this.#chart.convertToPixel({ seriesIndex }, [marker.t, marker.value]);
      marker.element.style.left = x + 'px';
      marker.element.style.top = y + 'px';
    }
  }
}

function markerElement(marker) {
  const element = document.createElement('span');
  element.className = 'alarm-marker';
  Object.assign(element.dataset, { sensor: marker.sensor, transition: marker.transition, level: marker.level,
    t: String(marker.t) });
  element.title = marker.title;
  return element;
}
