// The dashboard: plain DOM and SVG, no library and no build step. Reads /v1 of the API that serves it.
'use strict';
(() => {
  const svgNs = 'http://www.w3.org/2000/svg';
  // With authentication on, open the page as /?api_key=KEY: every request and stream carries it.
  const apiKey = new URLSearchParams(location.search).get('api_key');
  const withKey = url => apiKey ? url + (url.includes('?') ? '&' : '?') + 'api_key=' + encodeURIComponent(apiKey) : url;
  const $ = id => document.getElementById(id);
  const money = v => v.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const pct = v => (100 * v).toFixed(1) + '%';
  const maxAlerts = 200;
  const alerts = [];
  let alertStream;
  let renderQueued = false;

  async function getJson(url) {
    const response = await fetch(withKey(url), { headers: { accept: 'application/json' } });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new Error(problem.detail || problem.title || response.statusText);
    }
    return response.json();
  }

  function el(name, attributes, parent, text) {
    const node = document.createElementNS(svgNs, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    parent.appendChild(node);
    return node;
  }

  // ---- alert feed (server-sent events; EventSource resumes with Last-Event-ID by itself) ----
  function connectAlerts() {
    if (alertStream) alertStream.close();
    alerts.length = 0;
    renderAlerts();
    const severity = $('severity').value;
    alertStream = new EventSource(withKey('/v1/streams/alerts' + (severity ? '?severity=' + severity : '')));
    alertStream.onopen = () => { $('stream-state').textContent = 'live'; };
    alertStream.onerror = () => { $('stream-state').textContent = 'reconnecting'; };
    alertStream.addEventListener('alert', event => {
      const alert = JSON.parse(event.data);
      alert._id = event.lastEventId;
      alerts.unshift(alert);
      if (alerts.length > maxAlerts) alerts.pop();
      // A burst (a reconnect's backlog, a silence sweep) is drawn once per frame, not once per alert.
      if (!renderQueued) {
        renderQueued = true;
        requestAnimationFrame(() => { renderQueued = false; renderAlerts(); });
      }
    });
  }

  function renderAlerts() {
    const list = $('alerts');
    const byValue = $('order').value === 'value';
    const shown = byValue ? [...alerts].sort((a, b) => (b.clv_at_risk ?? b.clv ?? 0) - (a.clv_at_risk ?? a.clv ?? 0)) : alerts;
    list.replaceChildren(...shown.map(alert => {
      const item = document.createElement('li');
      item.dataset.customer = alert.customer_id;
      const severity = document.createElement('span');
      severity.className = 'sev ' + (alert.severity || '');
      severity.textContent = alert.severity || alert.cause || 'alert';
      const what = document.createElement('span');
      const link = document.createElement('a');
      link.href = '#';
      link.textContent = alert.customer_id;
      link.onclick = event => { event.preventDefault(); $('customer-id').value = alert.customer_id; showCustomer(alert.customer_id); };
      what.append(link, ` churn ${pct(alert.churn_before ?? 0)} → ${pct(alert.churn_after ?? 0)} (${alert.cause}) as of ${String(alert.as_of).slice(0, 10)}`);
      const value = document.createElement('span');
      value.textContent = money(alert.clv_at_risk ?? alert.clv ?? 0);
      value.title = alert.clv_at_risk !== undefined ? 'CLV at risk' : 'CLV';
      item.append(severity, what, value);
      return item;
    }));
  }

  // ---- summary: KPIs, distributions, top movers ----
  function histogram(svg, counts, labels, riskFrom) {
    svg.replaceChildren();
    const width = 400, height = 180, bottom = 20, max = Math.max(1, ...counts), bar = width / counts.length;
    counts.forEach((count, i) => {
      const h = (height - bottom - 10) * count / max;
      el('rect', { class: 'bar' + (riskFrom !== undefined && i >= riskFrom ? ' risk' : ''), x: i * bar + 2, y: height - bottom - h, width: bar - 4, height: h }, svg)
        .appendChild(document.createElementNS(svgNs, 'title')).textContent = `${labels[i]}: ${count}`;
      el('text', { x: i * bar + bar / 2, y: height - 6, 'text-anchor': 'middle' }, svg, labels[i]);
    });
  }

  async function refreshSummary() {
    try {
      const s = await getJson('/v1/dashboard/summary');
      $('model').textContent = s.model_version ?? 'none';
      $('throughput').textContent = s.updates_per_second.toFixed(0);
      $('lag').textContent = s.consumer_lag ?? 'unknown';
      $('customers').textContent = s.customers.toLocaleString('en-US');
      $('clv-at-risk').textContent = money(s.clv_at_risk) + ` (${s.customers_at_risk})`;
      $('at-risk-label').textContent = `CLV at risk (P(churn) ≥ ${s.at_risk_churn})`;
      histogram($('churn-histogram'), s.churn_histogram, s.churn_histogram.map((_, i) => (i / 10).toFixed(1)), Math.round(s.at_risk_churn * 10));
      const edges = s.clv_bin_edges;
      histogram($('clv-histogram'), s.clv_histogram, s.clv_histogram.map((_, i) => i === 0 ? '<' + edges[0] : i === edges.length ? '≥' + edges[i - 1] : String(edges[i - 1])));
      $('movers').tBodies[0].replaceChildren(...s.top_movers.map(m => {
        const row = document.createElement('tr');
        row.innerHTML = '<td></td><td></td><td></td><td></td>';
        row.cells[0].textContent = m.customer_id;
        row.cells[1].textContent = pct(m.churn_before);
        row.cells[2].textContent = pct(m.churn_after);
        row.cells[3].textContent = money(m.clv);
        return row;
      }));
    } catch (error) {
      $('model').textContent = 'API unavailable';
    }
  }

  // ---- customer search: latest score and the score history chart with the events marked ----
  async function showCustomer(id) {
    const card = $('customer-card');
    const chart = $('history-chart');
    chart.replaceChildren();
    try {
      const [score, history] = await Promise.all([
        getJson('/v1/customers/' + encodeURIComponent(id)),
        getJson('/v1/customers/' + encodeURIComponent(id) + '/history'),
      ]);
      card.textContent = `${id}: churn ${pct(score.churn_probability)} over ${score.horizon_days} days, ` +
        `CLV ${money(score.clv)} (P10 ${money(score.clv_p10)}, P90 ${money(score.clv_p90)}), model ${score.model_version}, ` +
        `as of ${score.as_of.slice(0, 10)}, last purchase ${score.last_purchase_at ? score.last_purchase_at.slice(0, 10) : 'none'}`;
      drawHistory(chart, history.points);
      chart.dataset.points = history.points.length;
    } catch (error) {
      card.textContent = `${id}: ${error.message}`;
    }
  }

  function drawHistory(svg, points) {
    const width = 800, height = 260, left = 40, right = 60, top = 10, bottom = 30;
    if (points.length === 0) return;
    const times = points.map(p => Date.parse(p.occurred_at));
    const t0 = Math.min(...times), t1 = Math.max(...times, t0 + 1);
    const clvMax = Math.max(1, ...points.map(p => p.clv_p90));
    const x = t => left + (width - left - right) * (t - t0) / (t1 - t0);
    const yChurn = v => top + (height - top - bottom) * (1 - v);
    const yClv = v => top + (height - top - bottom) * (1 - v / clvMax);
    el('line', { x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, stroke: '#ccc' }, svg);
    [0, 0.5, 1].forEach(v => el('text', { x: left - 6, y: yChurn(v) + 3, 'text-anchor': 'end' }, svg, v.toFixed(1)));
    [0, clvMax].forEach(v => el('text', { x: width - right + 6, y: yClv(v) + 3 }, svg, money(v)));
    el('text', { x: left, y: height - 8 }, svg, new Date(t0).toISOString().slice(0, 10));
    el('text', { x: width - right, y: height - 8, 'text-anchor': 'end' }, svg, new Date(t1).toISOString().slice(0, 10));
    const path = (f) => points.map((p, i) => (i ? 'L' : 'M') + x(times[i]).toFixed(1) + ',' + f(p).toFixed(1)).join(' ');
    el('path', { class: 'line-churn', d: path(p => yChurn(p.churn_probability)) }, svg);
    el('path', { class: 'line-clv', d: path(p => yClv(p.clv)) }, svg);
    points.forEach((p, i) => {
      const marker = el('circle', { class: 'event event-' + p.kind, cx: x(times[i]), cy: height - bottom, r: 4 }, svg);
      el('title', {}, marker, `${p.occurred_at.slice(0, 10)} ${p.kind} ${p.amount} (seq ${p.seq_no}): churn ${pct(p.churn_probability)}, CLV ${money(p.clv)}`);
    });
  }

  $('severity').onchange = connectAlerts;
  $('order').onchange = renderAlerts;
  $('search').onsubmit = event => { event.preventDefault(); showCustomer($('customer-id').value.trim()); };
  connectAlerts();
  refreshSummary();
  // A link can open a customer: /#customer=ID
  const linked = new URLSearchParams(location.hash.slice(1)).get('customer');
  if (linked) { $('customer-id').value = linked; showCustomer(linked); }
  setInterval(refreshSummary, 2000);
})();
