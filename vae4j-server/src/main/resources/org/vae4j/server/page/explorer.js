// vae4j explorer: plain JavaScript over the JSON API of the server that served this page.
'use strict';

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
  '#bcbd22', '#17becf'];
const $ = (id) => document.getElementById(id);

const state = {
  model: null, map: null, view: null, label: null, lastPoint: [0, 0], decodes: 0, base: null,
  busy: false, pending: null, drag: null, selected: null,
};
window.explorer = state;

async function api(path, body) {
  const response = await fetch(path, body === undefined ? {} : {
    method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) {
    throw new Error(json.error || ('HTTP ' + response.status));
  }
  return json;
}

function colour(label) {
  return label === null || label === undefined ? '#555' : PALETTE[label % PALETTE.length];
}

function withLabel(body) {
  if (state.model.classes > 0) {
    body.label = state.label;
  }
  return body;
}

/** Draws a PNG data URL into a canvas at a whole multiple of its size, pixels kept sharp. */
function drawPng(canvas, url, scale) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      canvas.width = img.width * scale;
      canvas.height = img.height * scale;
      const g = canvas.getContext('2d');
      g.imageSmoothingEnabled = false;
      g.drawImage(img, 0, 0, canvas.width, canvas.height);
      resolve();
    };
    img.onerror = () => reject(new Error('bad image'));
    img.src = url;
  });
}

/** Draws images side by side in one canvas, each at {@code scale}, 2 pixels apart. */
async function drawStrip(canvas, urls, scale) {
  const images = await Promise.all(urls.map((url) => new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('bad image'));
    img.src = url;
  })));
  const w = images[0].width * scale;
  const h = images[0].height * scale;
  canvas.width = images.length * (w + 2);
  canvas.height = h;
  const g = canvas.getContext('2d');
  g.imageSmoothingEnabled = false;
  g.fillStyle = '#606060';
  g.fillRect(0, 0, canvas.width, canvas.height);
  images.forEach((img, i) => g.drawImage(img, i * (w + 2), 0, w, h));
}

function imageScale(maxSide) {
  return Math.max(1, Math.floor(maxSide / Math.max(state.model.height, state.model.width)));
}

// ---- the map -------------------------------------------------------------------------------------

function fitView() {
  const p = state.map.points;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < p.length; i += 2) {
    minX = Math.min(minX, p[i]); maxX = Math.max(maxX, p[i]);
    minY = Math.min(minY, p[i + 1]); maxY = Math.max(maxY, p[i + 1]);
  }
  const canvas = $('map');
  const span = Math.max(maxX - minX, maxY - minY, 1e-6) * 1.1;
  state.view = {scale: Math.min(canvas.width, canvas.height) / span, cx: (minX + maxX) / 2, cy: (minY + maxY) / 2};
}

function toScreen(x, y) {
  const c = $('map');
  return [c.width / 2 + (x - state.view.cx) * state.view.scale, c.height / 2 - (y - state.view.cy) * state.view.scale];
}

function toMap(sx, sy) {
  const c = $('map');
  return [state.view.cx + (sx - c.width / 2) / state.view.scale, state.view.cy - (sy - c.height / 2) / state.view.scale];
}

function drawMap() {
  const canvas = $('map');
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  const p = state.map.points;
  const labels = state.map.labels;
  const [ox, oy] = toScreen(0, 0);
  g.strokeStyle = '#e4e4e4';
  g.beginPath(); g.moveTo(ox, 0); g.lineTo(ox, canvas.height); g.moveTo(0, oy); g.lineTo(canvas.width, oy); g.stroke();
  g.globalAlpha = 0.75;
  for (let i = 0; i < p.length / 2; i++) {
    const [sx, sy] = toScreen(p[2 * i], p[2 * i + 1]);
    if (sx < -3 || sy < -3 || sx > canvas.width + 3 || sy > canvas.height + 3) continue;
    g.fillStyle = colour(labels ? labels[i] : null);
    g.fillRect(sx - 1.5, sy - 1.5, 3, 3);
  }
  g.globalAlpha = 1;
  if (state.selected !== null) {
    const [sx, sy] = toScreen(p[2 * state.selected], p[2 * state.selected + 1]);
    g.strokeStyle = '#000'; g.lineWidth = 2;
    g.beginPath(); g.arc(sx, sy, 6, 0, 2 * Math.PI); g.stroke(); g.lineWidth = 1;
  }
  if (state.segment) {
    const [ax, ay] = toScreen(...state.segment[0]);
    const [bx, by] = toScreen(...state.segment[1]);
    g.strokeStyle = '#000'; g.setLineDash([4, 3]);
    g.beginPath(); g.moveTo(ax, ay); g.lineTo(bx, by); g.stroke(); g.setLineDash([]);
  }
  const [qx, qy] = toScreen(...state.lastPoint);
  g.strokeStyle = '#d00';
  g.beginPath(); g.moveTo(qx - 6, qy); g.lineTo(qx + 6, qy); g.moveTo(qx, qy - 6); g.lineTo(qx, qy + 6); g.stroke();
}

function nearestExample(sx, sy, radius) {
  const p = state.map.points;
  let best = null, bestD = radius * radius;
  for (let i = 0; i < p.length / 2; i++) {
    const [x, y] = toScreen(p[2 * i], p[2 * i + 1]);
    const d = (x - sx) * (x - sx) + (y - sy) * (y - sy);
    if (d <= bestD) { bestD = d; best = i; }
  }
  return best;
}

function canvasXY(event) {
  const canvas = $('map');
  const r = canvas.getBoundingClientRect();
  return [event.clientX - r.left - canvas.clientLeft, event.clientY - r.top - canvas.clientTop];
}

// ---- decoding a point ------------------------------------------------------------------------------

/** Decodes map point p; one request at a time, the latest asked for runs next. */
function decodePoint(p) {
  state.pending = p;
  if (state.busy) return Promise.resolve();
  return runDecode();
}

async function runDecode() {
  state.busy = true;
  try {
    while (state.pending) {
      const p = state.pending;
      state.pending = null;
      const answer = await api('/api/decode', withLabel({points: [p], values: false}));
      await drawPng($('decoded'), answer.images[0].png, imageScale(168));
      state.lastPoint = p;
      state.lastCode = answer.codes[0];
      $('point-text').textContent = 'point (' + p.map((v) => v.toFixed(3)).join(', ') + ')  z = ['
        + answer.codes[0].map((v) => v.toFixed(3)).join(', ') + ']';
      state.decodes++;
      drawMap();
    }
  } catch (e) {
    showError(e);
  } finally {
    state.busy = false;
  }
}

// ---- an example -----------------------------------------------------------------------------------

async function openExample(i) {
  try {
    const q = state.model.classes > 0 ? '?label=' + state.label : '';
    const e = await api('/api/examples/' + i + q);
    const scale = imageScale(112);
    await drawPng($('original'), e.original.png, scale);
    await drawPng($('reconstruction'), e.reconstruction.png, scale);
    state.selected = i;
    $('example-index').value = i;
    const name = e.label === null ? 'unlabelled' : 'label ' + e.label + (e.className && e.className !== String(e.label)
      ? ' (' + e.className + ')' : '');
    const iwae = e.nll === null ? 'no likelihood (auto-encoder)'
      : 'IWAE -log p(x) ≈ ' + e.nll.toFixed(2) + ' nats (' + e.bitsPerDim.toFixed(4) + ' bits/dim, k = ' + state.model.k + ')';
    $('example-text').textContent = 'example ' + i + ', ' + name + ': -ELBO = ' + e.negElbo.toFixed(2)
      + ' nats (recon ' + e.recon.toFixed(2) + ', KL ' + e.kl.toFixed(2) + '); ' + iwae
      + (state.model.classes > 0 ? '; reconstructed with label ' + state.label : '');
    state.examplesOpened = (state.examplesOpened || 0) + 1;
    drawMap();
  } catch (err) {
    showError(err);
  }
}

// ---- interpolation ---------------------------------------------------------------------------------

async function interpolate(from, to) {
  const steps = Number($('steps').value);
  const body = {from, to, steps, kind: $('interp-kind').value, values: false};
  if (state.model.classes > 0) {
    body.label = state.label;
  }
  try {
    const answer = await api('/api/interpolate', body);
    await drawStrip($('strip'), answer.images.map((im) => im.png), imageScale(56));
    const describe = (end) => end.index !== undefined ? 'example ' + end.index
      : 'point (' + end.point.map((v) => v.toFixed(2)).join(', ') + ')';
    $('interp-text').textContent = body.kind + ', ' + steps + ' steps, ' + describe(from) + ' → ' + describe(to)
      + (body.label !== undefined ? ', label ' + body.label : '');
    state.lastInterpolation = {from, to};
    state.interpolations = (state.interpolations || 0) + 1;
  } catch (e) {
    showError(e);
  }
}

function interpolateByIndex() {
  const n = state.model.examples;
  const a = Math.min(n - 1, Math.max(0, Number($('from-index').value)));
  const b = Math.min(n - 1, Math.max(0, Number($('to-index').value)));
  state.segment = [[state.map.points[2 * a], state.map.points[2 * a + 1]], [state.map.points[2 * b], state.map.points[2 * b + 1]]];
  drawMap();
  return interpolate({index: a}, {index: b});
}

// ---- latent grid ---------------------------------------------------------------------------------

async function drawGrid() {
  const l = state.model.latentDim;
  const across = Number($('across').value);
  const up = Number($('up').value);
  if (across === up) {
    $('grid-base').textContent = 'pick two different dimensions';
    return;
  }
  const base = state.lastCode && state.lastCode.length === l ? state.lastCode : new Array(l).fill(0);
  const body = withLabel({size: Number($('side').value), range: Number($('range').value), across, up, base});
  try {
    const answer = await api('/api/grid', body);
    const img = new Image();
    await new Promise((resolve, reject) => { img.onload = resolve; img.onerror = reject; img.src = answer.png; });
    // a whole multiple of the picture's size: every pixel of every cell drawn equally (no moiré)
    const scale = Math.max(1, Math.floor(720 / img.width));
    const canvas = $('grid');
    state.gridPicture = {side: answer.size, width: img.width, scale};
    canvas.width = img.width * scale;
    canvas.height = img.height * scale;
    const g = canvas.getContext('2d');
    g.imageSmoothingEnabled = false;
    g.drawImage(img, 0, 0, canvas.width, canvas.height);
    $('grid-base').textContent = l === 2 ? 'z' + across + ' grows to the right, z' + up + ' upwards'
      : 'z' + across + ' grows to the right, z' + up + ' upwards; the other dimensions held at the last decoded code'
        + (state.model.classes > 0 ? '; label ' + state.label : '');
    state.grids = (state.grids || 0) + 1;
  } catch (e) {
    showError(e);
  }
}

// ---- samples and the least likely ---------------------------------------------------------------------

function thumbnail(url, caption, onClick) {
  const figure = document.createElement('figure');
  const img = document.createElement('img');
  img.src = url;
  const scale = imageScale(56);
  img.width = state.model.width * scale;
  img.height = state.model.height * scale;
  figure.appendChild(img);
  if (caption) {
    const c = document.createElement('figcaption');
    c.textContent = caption;
    figure.appendChild(c);
  }
  if (onClick) figure.addEventListener('click', onClick);
  return figure;
}

async function drawSamples() {
  if (!state.model.variational) {
    $('sample-text').textContent = 'an auto-encoder has no prior to sample from';
    $('sample-go').disabled = true;
    return;
  }
  try {
    state.seed = (state.seed || 0) + 1;
    const answer = await api('/api/sample', {n: 16, seed: state.seed, values: false});
    const box = $('samples');
    box.replaceChildren(...answer.images.map((im) => thumbnail(im.png)));
    $('sample-text').textContent = 'seed ' + state.seed + (state.model.classes > 0 ? '; sample i has label i mod '
      + state.model.classes : '');
  } catch (e) {
    showError(e);
  }
}

async function drawLeastLikely() {
  try {
    const answer = await api('/api/least-likely?n=24');
    $('least-text').textContent = 'ranked by ' + answer.by + '; click one to open it';
    $('least').replaceChildren(...answer.examples.map((e) => thumbnail(e.png,
      '#' + e.index + ' ' + (e.nll === null ? e.negElbo : e.nll).toFixed(1), () => openExample(e.index))));
  } catch (e) {
    showError(e);
  }
}

function showError(e) {
  $('note').hidden = false;
  $('note').textContent = 'request failed: ' + e.message;
}

// ---- wiring ----------------------------------------------------------------------------------------

function wireMap() {
  const canvas = $('map');
  canvas.addEventListener('mousemove', (event) => {
    const [sx, sy] = canvasXY(event);
    if (state.drag && state.drag.mode === 'pan') {
      state.view.cx -= (sx - state.drag.x) / state.view.scale;
      state.view.cy += (sy - state.drag.y) / state.view.scale;
      state.drag.x = sx; state.drag.y = sy; state.drag.moved = true;
      drawMap();
    } else if (state.drag && state.drag.mode === 'interp') {
      state.segment = [state.drag.start, toMap(sx, sy)];
      drawMap();
    } else if (!state.drag) {
      decodePoint(toMap(sx, sy));
    }
  });
  canvas.addEventListener('mousedown', (event) => {
    const [sx, sy] = canvasXY(event);
    state.drag = {mode: event.shiftKey ? 'interp' : 'pan', x: sx, y: sy, start: toMap(sx, sy), moved: false};
  });
  window.addEventListener('mouseup', (event) => {
    const drag = state.drag;
    state.drag = null;
    if (!drag || event.target !== canvas && drag.mode === 'pan') return;
    const [sx, sy] = canvasXY(event);
    if (drag.mode === 'interp') {
      const end = toMap(sx, sy);
      state.segment = [drag.start, end];
      drawMap();
      interpolate({point: drag.start}, {point: end});
    } else if (!drag.moved) {
      decodePoint(toMap(sx, sy));
      const hit = nearestExample(sx, sy, 4);
      if (hit !== null) openExample(hit);
    }
  });
  canvas.addEventListener('wheel', (event) => {
    event.preventDefault();
    const [sx, sy] = canvasXY(event);
    const before = toMap(sx, sy);
    state.view.scale *= Math.exp(-event.deltaY * 0.0015);
    const after = toMap(sx, sy);
    state.view.cx += before[0] - after[0];
    state.view.cy += before[1] - after[1];
    drawMap();
  }, {passive: false});
  $('reset-view').addEventListener('click', () => { fitView(); drawMap(); });
}

function wireControls() {
  $('example-open').addEventListener('click', () => openExample(Number($('example-index').value)));
  $('interp-go').addEventListener('click', interpolateByIndex);
  $('steps').addEventListener('input', () => { $('steps-text').textContent = $('steps').value; });
  $('steps').addEventListener('change', () => redoInterpolation());
  $('interp-kind').addEventListener('change', () => redoInterpolation());
  $('range').addEventListener('input', () => { $('range-text').textContent = $('range').value; drawGrid(); });
  $('side').addEventListener('input', () => { $('side-text').textContent = $('side').value; drawGrid(); });
  $('across').addEventListener('change', drawGrid);
  $('up').addEventListener('change', drawGrid);
  $('sample-go').addEventListener('click', drawSamples);
  $('label').addEventListener('change', () => {
    state.label = Number($('label').value);
    state.pending = state.lastPoint;
    runDecode();
    if (state.selected !== null) openExample(state.selected);
    redoInterpolation();
    drawGrid();
  });
}

function redoInterpolation() {
  if (state.lastInterpolation) interpolate(state.lastInterpolation.from, state.lastInterpolation.to);
}

function describeModel(m) {
  const kinds = {vae: 'VAE', ae: 'auto-encoder', cvae: 'class-conditional VAE', hvae: 'hierarchical VAE'};
  const prior = m.model.model.prior && m.model.model.prior !== 'standard' ? ', prior ' + m.model.model.prior : '';
  $('summary').textContent = (kinds[m.kind] || m.kind) + prior + ', latent ' + m.latentDim + ', '
    + m.parameters.toLocaleString('en') + ' parameters, trained on ' + m.data + '; ' + m.examples
    + ' test examples mapped' + (m.variational ? ', scored with IWAE k = ' + m.k : '');
  $('map-title').textContent = m.projection.pca
    ? 'Map: PCA of the ' + m.latentDim + '-D codes (the first two components keep '
      + (100 * m.projection.explained).toFixed(1) + '% of their variance)'
    : 'Map: the 2-D latent codes as they are';
  if (!m.variational) {
    $('note').hidden = false;
    $('note').textContent = 'An auto-encoder has no prior and no likelihood: the map shows its codes f(x)'
      + (m.projection.pca ? ' (a PCA of them)' : '') + ', there are no samples, and the least likely list ranks by'
      + ' reconstruction loss.';
  }
}

function fillPickers(m) {
  // the two dimensions whose codes vary most across the test set first: an inactive one decodes the same everywhere
  const order = [...Array(m.latentDim).keys()].sort((a, b) => m.codeVariance[b] - m.codeVariance[a]);
  for (const [id, chosen] of [['across', order[0]], ['up', order[1]]]) {
    const select = $(id);
    for (const k of order) {
      const option = document.createElement('option');
      option.value = k; option.textContent = k + ' (var ' + m.codeVariance[k].toFixed(2) + ')';
      option.selected = k === chosen;
      select.appendChild(option);
    }
  }
  if (m.classes > 0) {
    $('label-row').hidden = false;
    for (let y = 0; y < m.classes; y++) {
      const option = document.createElement('option');
      option.value = y; option.textContent = y + (m.classNames[y] !== String(y) ? ' ' + m.classNames[y] : '');
      $('label').appendChild(option);
    }
    state.label = 0;
  }
  const legend = $('legend');
  const present = new Set(state.map.labels || []);
  m.classNames.forEach((name, y) => {
    if (!present.has(y)) return;
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch'; swatch.style.background = colour(y);
    li.appendChild(swatch);
    li.appendChild(document.createTextNode(name));
    legend.appendChild(li);
  });
  if (!state.map.labels) legend.hidden = true;
}

async function start() {
  try {
    const [model, map] = await Promise.all([api('/api/model'), api('/api/map')]);
    state.model = model;
    state.map = map;
    describeModel(model);
    fillPickers(model);
    fitView();
    drawMap();
    requestAnimationFrame(() => {
      state.mapPaintedAt = performance.now();
      document.body.dataset.map = 'ready';
    });
    wireMap();
    wireControls();
    // no empty panel on load: the origin decoded, a default pair interpolated, the grid, samples, the gallery
    $('to-index').value = Math.min(model.examples - 1, Math.floor(model.examples / 2));
    await Promise.all([decodePoint([0, 0]), interpolateByIndex(), drawSamples(), drawLeastLikely(), openExample(0)]);
    await drawGrid();
    document.body.dataset.ready = 'yes';
  } catch (e) {
    showError(e);
  }
}

start();
