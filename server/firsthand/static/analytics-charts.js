/* Draw each analytics table that asks for a chart (data-chart="line"|"bar") with the vendored
   Chart.js. The table stays the source and the accessible version; without scripts the page
   shows the tables alone. */
(function () {
  'use strict';
  if (!window.Chart) return;
  const number = (text) => Number(String(text).replace(/[^0-9.-]/g, ''));
  const palette = ['#4f46e5', '#0891b2', '#16a34a', '#d97706', '#db2777', '#7c3aed'];
  // Lines with equal figures lie on one another ("sharing" and "sharing in own voice" both 2
  // hid under "connected"): each line its own dash and point, the first drawn widest, so one
  // on top of another still shows both (and colour is not the only way to tell them apart).
  const dashes = [[], [8, 4], [2, 3], [12, 3, 2, 3], [4, 4], [1, 2]];
  const points = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot'];
  for (const table of document.querySelectorAll('table[data-chart]')) {
    const kind = table.dataset.chart;
    const canvas = document.querySelector(`canvas[data-chart-for="${table.id.replace('table-', '')}"]`);
    if (!kind || !canvas) continue;
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    const trs = [...table.querySelectorAll('tbody tr')];
    const rows = trs.map((tr) => [...tr.children].map((c) => c.textContent.trim()));
    // The week or month in progress (its row says "so far"): its point is hollow and the line
    // to it dotted and faint, so a half week does not read as a drop.
    const partial = trs.findIndex((tr) => tr.dataset.inProgress === '0');
    const faint = (colour) => `${colour}80`;
    // Only the columns the server chose: they share one scale (counts, not percentages).
    const columns = (table.dataset.chartColumns || '1').split(',').map(Number);
    const series = columns.map((column, i) => ({
      label: heads[column],
      data: rows.map((r) => number(r[column])),
      backgroundColor: palette[i % palette.length],
      borderColor: palette[i % palette.length],
      ...(kind === 'line' ? {
        borderDash: dashes[i % dashes.length],
        borderWidth: Math.max(2, 5 - i),
        pointStyle: points[i % points.length],
        pointRadius: rows.map((_, r) => (r === partial ? 6 : 4)),
        pointBackgroundColor: rows.map((_, r) => (r === partial ? 'transparent' : palette[i % palette.length])),
        segment: {
          borderDash: (ctx) => (ctx.p1DataIndex === partial ? [2, 4] : undefined),
          borderColor: (ctx) => (ctx.p1DataIndex === partial ? faint(palette[i % palette.length]) : undefined)
        }
      } : {})
    }));
    new window.Chart(canvas, {
      type: kind,
      // "week of 30 Nov 2026": the axis says "30 Nov 2026", the legend what the lines are.
      data: { labels: rows.map((r) => r[0].replace(/^week of /, '')), datasets: series },
      // Counts: the axis starts at 0 and steps in whole numbers, so an empty chart runs 0 to 1
      // (Chart.js centres a flat line of zeros on an axis from -1 to 1 otherwise).
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { labels: { usePointStyle: kind === 'line' } } },
        scales: { y: { beginAtZero: true, suggestedMax: 1, ticks: { precision: 0 } } }
      }
    });
  }
})();
