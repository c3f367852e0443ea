// The registry's console: a few views over the same REST API every client uses (and two answers of
// /ui/api), so what it shows is what a client gets, with the caller's own permissions.
'use strict';
const view = document.getElementById('view');
const enc = encodeURIComponent;
const PAGE = 50;

async function api(path) {
  const response = await fetch(path, { headers: { Accept: 'application/vnd.schemaregistry.v1+json' } });
  const text = await response.text();
  let body;
  try { body = JSON.parse(text); } catch (e) { body = text; }
  if (!response.ok) {
    throw new Error((body && body.message) || ('HTTP ' + response.status));
  }
  return body;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') node.className = v; else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children.flat()) {
    if (child != null) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function show(...nodes) { view.replaceChildren(...nodes); }
function fail(e) { show(el('p', { class: 'error', role: 'alert' }, e.message)); }
const subjectLink = (s, v) => '#/s/' + enc(s) + (v ? '/v/' + v : '');

// ---- subjects ---------------------------------------------------------------------------------
let listState = { q: '', type: '', offset: 0, deleted: false };

async function subjects() {
  const search = el('input', { id: 'search', type: 'search', placeholder: 'Search subjects', value: listState.q,
    'aria-label': 'search subjects' });
  const type = el('select', { id: 'type', 'aria-label': 'schema type' },
    ['', 'AVRO', 'PROTOBUF', 'JSON'].map(t => el('option', { value: t }, t || 'All types')));
  type.value = listState.type;
  const deleted = el('input', { id: 'deleted', type: 'checkbox' });
  deleted.checked = listState.deleted;
  const table = el('table', { id: 'subjects' });
  const pager = el('div', { class: 'pager' });
  let timer;
  const reload = () => { listState.offset = 0; load(); };
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => { listState.q = search.value; reload(); }, 200); });
  type.addEventListener('change', () => { listState.type = type.value; reload(); });
  deleted.addEventListener('change', () => { listState.deleted = deleted.checked; reload(); });
  show(el('h1', {}, 'Subjects'), el('div', { class: 'filters' }, search, type,
    el('label', {}, deleted, ' deleted too')), table, pager);
  search.focus();

  async function load() {
    const page = await api('/ui/api/subjects?q=' + enc(listState.q) + '&type=' + enc(listState.type) + '&offset='
      + listState.offset + '&limit=' + PAGE + (listState.deleted ? '&deleted=true' : ''));
    table.replaceChildren(el('thead', {}, el('tr', {}, ['Subject', 'Type', 'Version', 'Id', 'Compatibility', 'Mode']
      .map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, page.items.map(s => el('tr', {},
        el('td', {}, el('a', { href: subjectLink(s.subject) }, s.subject), s.referenced ? el('span', { class: 'tag', title: 'other schemas reference it' }, ' referenced') : null),
        el('td', {}, s.type), el('td', {}, s.version), el('td', {}, el('a', { href: '#/id/' + s.id }, s.id)),
        el('td', {}, s.compatibility), el('td', {}, s.mode)))));
    const last = Math.min(page.total, page.offset + page.items.length);
    pager.replaceChildren(
      el('button', { type: 'button', onclick: () => { listState.offset = Math.max(0, page.offset - PAGE); load(); }, ...(page.offset === 0 ? { disabled: '' } : {}) }, 'Previous'),
      el('span', { id: 'count' }, page.total === 0 ? 'no subjects' : (page.offset + 1) + '–' + last + ' of ' + page.total),
      el('button', { type: 'button', onclick: () => { listState.offset = page.offset + PAGE; load(); }, ...(last >= page.total ? { disabled: '' } : {}) }, 'Next'));
  }
  await load();
}

// ---- a subject ----------------------------------------------------------------------------------
function highlight(text, type) {
  const words = type === 'PROTOBUF'
    ? /\b(syntax|package|import|option|message|enum|oneof|map|repeated|optional|reserved|service|rpc|returns|string|bytes|bool|double|float|int32|int64|uint32|uint64|sint32|sint64|fixed32|fixed64|sfixed32|sfixed64)\b/g
    : /("type"|"name"|"namespace"|"fields"|"symbols"|"items"|"values"|"default"|"doc"|"logicalType")/g;
  return (line) => {
    const out = [];
    let last = 0;
    const pattern = new RegExp('(' + words.source + ')|("(?:[^"\\\\]|\\\\.)*")|(\\b\\d+\\b)', 'g');
    for (const m of line.matchAll(pattern)) {
      out.push(line.slice(last, m.index));
      out.push(el('span', { class: m[1] ? 'k' : m[3] ? 's' : 'n' }, m[0]));
      last = m.index + m[0].length;
    }
    out.push(line.slice(last));
    return out;
  };
}

/** JSON schemas indented, a field a line (the registry stores them on one); a .proto as written. */
function readable(text, type) {
  if (type === 'PROTOBUF') return text;
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return text; }
}

function code(text, type, marks, prefix) {
  const paint = highlight(text, type);
  return el('pre', { class: 'code', tabindex: '0' }, text.split('\n').map((line, i) =>
    el('span', { class: 'row' + (marks && marks[i + 1] ? ' ' + marks[i + 1] : ''), id: prefix ? prefix + (i + 1) : null },
      el('span', { class: 'ln' }, i + 1), paint(line))));
}

async function subject(name, version) {
  const versions = await api('/subjects/' + enc(name) + '/versions');
  const chosen = version || String(versions[versions.length - 1]);
  const [v, config, referencedBy] = await Promise.all([
    api('/subjects/' + enc(name) + '/versions/' + chosen),
    api('/config/' + enc(name) + '?defaultToGlobal=true'),
    api('/subjects/' + enc(name) + '/versions/' + chosen + '/referencedby')]);
  const type = v.schemaType || 'AVRO';
  const users = (await Promise.all(referencedBy.map(id => api('/schemas/ids/' + id + '/versions').catch(() => []))))
    .flat().filter(u => u.subject !== name);
  // each version's id (the last 50: a long history shows its recent end)
  const ids = Object.fromEntries(await Promise.all(versions.slice(-50).map(n =>
    api('/subjects/' + enc(name) + '/versions/' + n).then(x => [n, x.id]).catch(() => [n, '?']))));
  const references = v.references || [];
  const parts = [el('h1', {}, name),
    el('p', { class: 'meta' }, type + ' · version ' + v.version + ' · id ' + v.id + ' · ' + config.compatibilityLevel),
    el('p', { class: 'versions', id: 'versions', 'aria-label': 'versions' }, 'Versions: ', versions.map(n =>
      el('a', { href: subjectLink(name, n), class: String(n) === String(v.version) ? 'current' : '' },
        'v' + n + (ids[n] !== undefined ? ' (id ' + ids[n] + ')' : ''))),
      versions.length > 1 ? el('a', { href: '#/diff/' + enc(name) + '/' + versions[versions.length - 2] + '/' + versions[versions.length - 1], id: 'diff-link' }, 'compare the last two') : null),
    code(readable(v.schema, type), type)];
  if (v.metadata || v.ruleSet) {
    parts.push(el('h2', {}, 'Data contract'));
    if (v.metadata) parts.push(el('h3', {}, 'Metadata'), code(JSON.stringify(v.metadata, null, 2), 'JSON'));
    if (v.ruleSet) parts.push(el('h3', {}, 'Rules'), code(JSON.stringify(v.ruleSet, null, 2), 'JSON'));
  }
  parts.push(el('h2', {}, 'References'), graph(name, v.version, references, users));
  show(...parts);
}

/** Who references this version (left), this version, what it references (right): a picture, each node a link. */
function graph(name, version, references, users) {
  const ns = 'http://www.w3.org/2000/svg';
  const node = (tag, attrs) => { const n = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v); return n; };
  const rows = Math.max(1, users.length, references.length);
  const width = 900, boxW = 250, boxH = 34, gap = 14, height = rows * (boxH + gap) + gap;
  const svg = node('svg', { class: 'graph', id: 'graph', viewBox: '0 0 ' + width + ' ' + height, role: 'img',
    'aria-label': 'references of ' + name });
  const center = { x: (width - boxW) / 2, y: (height - boxH) / 2 };
  const box = (x, y, label, href, fill) => {
    const link = node('a', { href });
    link.setAttribute('tabindex', '0');
    link.append(node('rect', { x, y, width: boxW, height: boxH, rx: 6, fill, stroke: '#8a93a6' }));
    const t = node('text', { x: x + 10, y: y + 22 });
    t.textContent = label.length > 34 ? label.slice(0, 33) + '…' : label;
    link.append(t);
    svg.append(link);
  };
  const arrow = (x1, y1, x2, y2) => svg.append(node('line', { x1, y1, x2, y2, stroke: '#8a93a6', 'stroke-width': 1.5, 'marker-end': 'url(#head)' }));
  const defs = node('defs', {});
  const marker = node('marker', { id: 'head', markerWidth: 10, markerHeight: 8, refX: 10, refY: 4, orient: 'auto' });
  marker.append(node('path', { d: 'M0,0 L10,4 L0,8 z', fill: '#8a93a6' }));
  defs.append(marker);
  svg.append(defs);
  users.forEach((u, i) => {
    const y = gap + i * (boxH + gap);
    arrow(10 + boxW, y + boxH / 2, center.x, center.y + boxH / 2);
    box(10, y, u.subject + ' v' + u.version, subjectLink(u.subject, u.version), '#eef3fb');
  });
  references.forEach((r, i) => {
    const y = gap + i * (boxH + gap);
    arrow(center.x + boxW, center.y + boxH / 2, width - 10 - boxW, y + boxH / 2);
    box(width - 10 - boxW, y, r.subject + ' v' + r.version, subjectLink(r.subject, r.version), '#f3f8ee');
  });
  box(center.x, center.y, name + ' v' + version, subjectLink(name, version), '#fff4d6');
  const caption = el('p', { class: 'meta' }, users.length ? users.length + ' schema(s) reference this version (left)' : 'nothing references this version',
    ' · ', references.length ? 'it references ' + references.length + ' (right)' : 'it references nothing');
  return el('div', {}, svg, caption);
}

// ---- a diff -------------------------------------------------------------------------------------
/** Lines of a and b paired by their longest common subsequence: what changed, line by line. */
function diffLines(a, b) {
  const n = a.length, m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--)
    lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const left = {}, right = {};
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { i++; j++; } else if (lcs[i + 1][j] >= lcs[i][j + 1]) { left[++i] = 'del'; } else { right[++j] = 'add'; }
  }
  while (i < n) left[++i] = 'del';
  while (j < m) right[++j] = 'add';
  return { left, right };
}

async function diff(name, from, to) {
  const versions = await api('/subjects/' + enc(name) + '/versions');
  const [b, compared] = await Promise.all([api('/subjects/' + enc(name) + '/versions/' + to),
    api('/ui/api/subjects/' + enc(name) + '/compare?from=' + from + '&to=' + to)]);
  const type = b.schemaType || 'AVRO';
  // the texts the engine compared (JSON indented, a field a line), so each finding's line is there
  const before = compared.fromText, after = compared.toText;
  const marks = diffLines(before.split('\n'), after.split('\n'));
  for (const f of compared.findings) if (f.line > 0 && !marks.right[f.line]) marks.right[f.line] = 'hit';
  const pick = (id, value) => { const s = el('select', { id, 'aria-label': id }, versions.map(v => el('option', { value: v }, 'v' + v))); s.value = value; return s; };
  const fromSel = pick('from', from), toSel = pick('to', to);
  const go = () => { location.hash = '#/diff/' + enc(name) + '/' + fromSel.value + '/' + toSel.value; };
  fromSel.addEventListener('change', go); toSel.addEventListener('change', go);
  show(el('h1', {}, el('a', { href: subjectLink(name) }, name), ': v' + from + ' → v' + to),
    el('div', { class: 'filters' }, el('label', {}, 'from ', fromSel), el('label', {}, 'to ', toSel)),
    el('p', { id: 'verdict', class: compared.compatible ? 'ok' : 'bad' }, (compared.compatible ? 'Compatible' : 'Incompatible')
      + ' at ' + compared.level + ' (v' + to + ' read against v' + from + ')'),
    el('ol', { class: 'findings', id: 'findings' }, compared.findings.map(f => el('li', {},
      el('a', { href: '#', onclick: (e) => { e.preventDefault(); const row = document.getElementById('r' + f.line); if (row) { row.scrollIntoView({ block: 'center' }); row.focus && row.focus(); } } },
        'line ' + f.line), ' ', el('code', {}, f.rule), ' ', f.path ? el('code', {}, f.path) : null, f.path ? ': ' : '',
        f.message))),
    el('div', { class: 'grid' }, el('div', {}, el('h2', {}, 'v' + from), code(before, type, marks.left, 'l')),
      el('div', {}, el('h2', {}, 'v' + to), code(after, type, marks.right, 'r'))));
}

// ---- a schema id --------------------------------------------------------------------------------
async function byId(id) {
  const [schema, uses] = await Promise.all([api('/schemas/ids/' + id), api('/schemas/ids/' + id + '/versions')]);
  show(el('h1', {}, 'Schema ' + id), el('p', { class: 'meta' }, (schema.schemaType || 'AVRO') + ' · used by ',
    uses.map((u, i) => [i ? ', ' : '', el('a', { href: subjectLink(u.subject, u.version) }, u.subject + ' v' + u.version)])),
    code(readable(schema.schema, schema.schemaType), schema.schemaType || 'AVRO'));
}

// ---- routing ------------------------------------------------------------------------------------
async function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  try {
    if (parts[0] === 's' && parts[1]) await subject(parts[1], parts[2] === 'v' ? parts[3] : null);
    else if (parts[0] === 'diff' && parts[3]) await diff(parts[1], parts[2], parts[3]);
    else if (parts[0] === 'id' && parts[1]) await byId(parts[1]);
    else await subjects();
  } catch (e) {
    fail(e);
  }
}
document.getElementById('lookup').addEventListener('submit', (e) => {
  e.preventDefault();
  const id = document.getElementById('lookup-id').value.trim();
  if (/^\d+$/.test(id)) location.hash = '#/id/' + id;
});
window.addEventListener('hashchange', route);
route();
