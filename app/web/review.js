// The review page of tenths: plain JavaScript, no library, no network beyond the
// service's own local API. A one-time code arrives in the address's fragment
// (#code=..., never sent to a server), is taken out of the address at once and traded
// for a session token kept in sessionStorage for this tab only: the browser's history
// holds only a spent code. Every value from the store is
// put on the page as text (textContent), never as HTML.
"use strict";

const $ = (sel) => document.querySelector(sel);
const state = { token: "", day: "", view: null, items: [], sel: 0, open: new Set(),
                texts: new Map(), admin: false, busy: false };

async function readFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  const day = params.get("day") || "";
  if (/^\d{4}-\d{2}-\d{2}$/.test(day)) sessionStorage.setItem("tenths.day", day);
  if (location.hash) history.replaceState(null, "", location.pathname);
  const code = params.get("code");
  if (code) {
    const answer = await fetch("/v1/session", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code }),
    });
    if (answer.ok) sessionStorage.setItem("tenths.token", (await answer.json()).token);
  }
  state.token = sessionStorage.getItem("tenths.token") || "";
  state.day = sessionStorage.getItem("tenths.day") || new Date().toLocaleDateString("en-CA");
}

async function api(method, path, body) {
  const init = { method, headers: { Authorization: `Bearer ${state.token}` } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const answer = await fetch(`/v1${path}`, init);
  if (!answer.ok) {
    let detail = `${answer.status}`;
    try {
      const d = (await answer.json()).detail;
      detail = typeof d === "string" ? d : (d && d[0] && d[0].msg) || detail;
    } catch (e) { /* not JSON */ }
    throw new Error(detail);
  }
  const kind = answer.headers.get("content-type") || "";
  return kind.includes("json") ? answer.json() : answer.text();
}

function toast(text, error = false) {
  const t = $("#toast");
  t.textContent = text;
  t.className = error ? "error" : "";
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, error ? 6000 : 2500);
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("data")) node.setAttribute(k.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase()), v);
    else node[k] = v;
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

const hhmm = (iso) => iso.slice(11, 16);
const hours = (h) => Number(h).toFixed(2);

// --- loading and drawing ------------------------------------------------------------

async function load(keepSelection = true) {
  if (!state.token) {
    $("#notice").hidden = false;
    $("#notice").textContent = "No token: open this page with `tenths review`.";
    return;
  }
  const view = await api("GET", `/days/${state.day}/review`);
  show(view, keepSelection);
}

function show(view, keepSelection = true) {
  const current = state.items[state.sel];
  state.view = view;
  state.texts.clear();
  draw();
  if (keepSelection && current) {
    const again = state.items.findIndex((i) => i.kind === current.kind && i.id === current.id);
    if (again >= 0) state.sel = again;
  }
  state.sel = Math.max(0, Math.min(state.sel, state.items.length - 1));
  mark();
  if (state.admin) drawAdmin();
  document.body.dataset.ready = String(Date.now());
}

function draw() {
  const v = state.view;
  $("#day").value = v.day;
  const t = v.totals;
  $("#totals").replaceChildren(
    el("span", {}, "captured ", el("b", { id: "t-captured" }, `${hours(t.captured_hours)} h`)),
    el("span", {}, "drafted ", el("b", { id: "t-drafted" }, `${hours(t.drafted_hours)} h`)),
    el("span", {}, "released ", el("b", { id: "t-released" }, `${hours(t.released_hours)} h`)),
    el("span", {}, `${t.drafts} drafts · ${v.flags.length} flags`));
  const st = $("#state");
  st.textContent = v.paused ? "capture paused (p resumes)" : "capturing";
  st.className = v.paused ? "paused" : "";
  state.items = [];
  const flags = v.flags.map((f) => drawFlag(f));
  $("#flags").replaceChildren(...flags);
  $("#flags-section").hidden = flags.length === 0;
  const list = [];
  let matter = null;
  for (const e of v.entries) {
    if (e.matter !== matter) {
      matter = e.matter;
      const total = v.entries.filter((x) => x.matter === matter)
        .reduce((s, x) => s + Number(x.hours), 0);
      list.push(el("li", {}, el("h3", { class: "matter" }, matter,
        el("small", {}, `${e.case_number ? e.case_number + " · " : ""}${total.toFixed(2)} h`))));
    }
    list.push(drawEntry(e));
  }
  if (!v.entries.length) list.push(el("li", { class: "item" }, "No entries for this day."));
  $("#entries").replaceChildren(...list);
  $("#excluded").replaceChildren(...v.excluded.map((x) =>
    el("li", {}, `${hhmm(x.start)}–${hhmm(x.end)} excluded`)));
  $("#excluded-section").hidden = v.excluded.length === 0;
}

function spanList(spans, key) {
  const texts = state.texts.get(key);
  return el("ul", { class: "spans" }, ...spans.map((s) => {
    const text = texts && texts.get(s.id);
    return el("li", {},
      el("span", { class: "t" }, `${hhmm(s.start)}–${hhmm(s.end)}`),
      el("span", { class: "t" }, s.app),
      el("span", {}, s.title || "(no title)"),
      text ? el("pre", {}, text) : null);
  }));
}

function drawFlag(f) {
  const key = `flag:${f.id}`;
  const item = el("li", { class: "item flag", dataItem: key },
    el("div", { class: "row" },
      el("span", { class: "hours" }, `${f.minutes} min`),
      el("span", { class: "activity" }, "which matter?"),
      el("span", {}, f.spans.map((s) => s.title || s.app).slice(0, 2).join(" · ") +
         (f.spans.length > 2 ? ` · +${f.spans.length - 2}` : "")),
      el("span", { class: "status" }, "flag")),
    el("div", { class: "suggestions" }, ...f.suggestions.map((s, i) =>
      el("span", { dataSuggestion: String(i + 1) }, el("kbd", {}, String(i + 1)),
         `${s.matter} ${Math.round(s.probability * 100)}%`))),
    state.open.has(key) ? spanList(f.spans, key) : null);
  state.items.push({ kind: "flag", id: f.id, key, flag: f, node: item });
  return item;
}

function drawEntry(e) {
  const key = `entry:${e.id}`;
  const status = el("span", { class: `status ${e.status}${e.edited ? " edited" : ""}` }, e.status);
  const item = el("li", { class: "item entry", dataItem: key, dataEntry: e.id },
    el("div", { class: "row" },
      el("span", { class: "hours" }, `${hours(e.hours)} h`),
      el("span", { class: "activity" }, e.activity_name),
      el("span", { class: "narrative" }, e.description),
      status),
    el("div", { class: "why" }, e.why.join(" · ")),
    state.open.has(key) ? spanList(e.spans, key) : null);
  state.items.push({ kind: "entry", id: e.id, key, entry: e, node: item });
  return item;
}

function mark() {
  state.items.forEach((it, i) => it.node.classList.toggle("selected", i === state.sel));
  const it = state.items[state.sel];
  if (it) it.node.scrollIntoView({ block: "nearest" });
}

async function drawAdmin() {
  const rows = await api("GET", `/admin/days/${state.day}`);
  const cell = (x) => (x === null ? "—" : `${hours(x)} h`);
  $("#admin tbody").replaceChildren(...rows.map((r) => el("tr", {},
    el("td", {}, String(r.user)), el("td", {}, cell(r.captured_hours)),
    el("td", {}, cell(r.drafted_hours)), el("td", {}, cell(r.released_hours)))));
  $("#admin-section").hidden = false;
}

// --- actions --------------------------------------------------------------------------

async function act(method, path, body, done) {
  if (state.busy) return;
  state.busy = true;
  try {
    const view = await api(method, path, body);
    show(view);
    if (done) toast(done);
  } catch (err) {
    toast(err.message, true);
  } finally {
    state.busy = false;
  }
}

const selected = () => state.items[state.sel];
const selectedEntry = () => { const it = selected(); return it && it.kind === "entry" ? it.entry : null; };

function needEntry() {
  const e = selectedEntry();
  if (!e) toast("select an entry first (j/k)", true);
  return e;
}

async function showText() {
  const it = selected();
  if (!it) return;
  let spans;
  if (it.kind === "entry") spans = await api("GET", `/entries/${it.id}/spans?text=true`);
  else {
    const all = await api("GET", `/days/${state.day}/spans?text=true`);
    const ids = new Set(it.flag.span_ids);
    spans = all.filter((s) => ids.has(s.id));
  }
  state.texts.set(it.key, new Map(spans.map((s) => [s.id, s.text || "(no words kept)"])));
  state.open.add(it.key);
  draw();
  mark();
}

// A small modal form; resolves with the form's values, or null when cancelled.
function ask(title, build, submitLabel = "Save") {
  const dialog = $("#dialog");
  const form = $("#form");
  form.replaceChildren(el("h2", {}, title));
  const focus = build(form);
  form.append(el("div", { class: "hint" }, `Enter: ${submitLabel.toLowerCase()} · Esc: cancel`));
  return new Promise((resolve) => {
    const finish = (value) => { dialog.close(); form.onkeydown = null; resolve(value); };
    form.onkeydown = (ev) => {
      if (ev.key === "Escape") { ev.preventDefault(); finish(null); }
      else if (ev.key === "Enter" && !(ev.target.tagName === "TEXTAREA" && ev.shiftKey)) {
        ev.preventDefault();
        finish(form);
      }
    };
    dialog.oncancel = (ev) => { ev.preventDefault(); finish(null); };
    dialog.showModal();
    if (focus) { focus.focus(); if (focus.select) focus.select(); }
  });
}

async function edit() {
  const e = needEntry();
  if (!e) return;
  const form = await ask("Edit entry", (f) => {
    const h = el("input", { name: "hours", type: "number", step: "0.1", min: "0", value: e.hours });
    const list = el("datalist", { id: "activities" },
      ...state.view.activities.map((a) => el("option", { value: a })));
    f.append(el("label", {}, "Hours"), h, el("label", {}, "Activity"),
      el("input", { name: "activity", value: e.activity_name }), list,
      el("label", {}, "Narrative (Shift+Enter: new line)"),
      el("textarea", { name: "narrative", value: e.description }),
      el("label", {}, el("input", { name: "billable", type: "checkbox", checked: e.billable, class: "box" }), " billable"));
    f.querySelector("[name=activity]").setAttribute("list", "activities");
    return h;
  });
  if (!form) return;
  const body = { hours: form.hours.value, activity_name: form.activity.value,
                 description: form.narrative.value, billable: form.billable.checked };
  await act("POST", `/entries/${e.id}/edit`, body, "saved");
}

async function changeMatter() {
  const e = needEntry();
  if (!e) return;
  let choices = [];
  let pick = 0;
  const form = await ask(`Matter for ${hours(e.hours)} h · ${e.activity_name}`, (f) => {
    const q = el("input", { name: "q", placeholder: "type a name or number", autocomplete: "off" });
    const ul = el("ul", { class: "choices" });
    const refresh = () => {
      const words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
      choices = state.view.matters.filter((m) => m.id !== e.case_id && words.every((w) =>
        `${m.name} ${m.case_number}`.toLowerCase().includes(w))).slice(0, 12);
      pick = Math.min(pick, Math.max(choices.length - 1, 0));
      ul.replaceChildren(...choices.map((m, i) => el("li", { class: i === pick ? "on" : "" },
        m.name, m.case_number ? ` · ${m.case_number}` : "")));
    };
    q.oninput = () => { pick = 0; refresh(); };
    q.onkeydown = (ev) => {
      if (ev.key === "ArrowDown") { pick = Math.min(pick + 1, choices.length - 1); refresh(); ev.preventDefault(); }
      if (ev.key === "ArrowUp") { pick = Math.max(pick - 1, 0); refresh(); ev.preventDefault(); }
    };
    f.append(el("label", {}, "Find the matter"), q, ul);
    refresh();
    return q;
  }, "Move");
  if (!form || !choices[pick]) return;
  await act("POST", `/entries/${e.id}/edit`, { case_id: choices[pick].id },
            `moved to ${choices[pick].name}; attribution will learn from it`);
}

async function answer(n) {
  const it = selected();
  if (!it || it.kind !== "flag") { toast("1/2/3 answer a flag: select one (j/k)", true); return; }
  const s = it.flag.suggestions[n - 1];
  if (!s) return;
  toast(`${s.matter}: drafting the day again…`);
  await act("POST", `/days/${state.day}/flags/answer`,
            { span_ids: it.flag.span_ids, case_id: s.case_id }, `answered: ${s.matter}`);
}

async function split() {
  const e = needEntry();
  if (!e) return;
  const bySpans = e.spans.length > 1;
  const form = await ask(bySpans ? "Split off these spans" : "Split off hours", (f) => {
    if (!bySpans) {
      const h = el("input", { name: "hours", type: "number", step: "0.1", min: "0.1",
                              value: (Number(e.hours) / 2).toFixed(1) });
      f.append(el("label", {}, `Hours for a second entry (of ${hours(e.hours)} h)`), h);
      return h;
    }
    const boxes = e.spans.map((s, i) => el("label", {},
      el("input", { type: "checkbox", name: "span", value: s.id, checked: i === e.spans.length - 1, class: "box" }),
      ` ${hhmm(s.start)}–${hhmm(s.end)} ${s.title || s.app}`));
    f.append(el("p", {}, "The ticked spans become a second entry (Space ticks, Tab moves)."), ...boxes);
    return boxes[boxes.length - 1].querySelector("input");
  }, "Split");
  if (!form) return;
  const body = bySpans
    ? { span_ids: [...form.querySelectorAll("input[name=span]:checked")].map((b) => b.value) }
    : { hours: form.hours.value };
  await act("POST", `/entries/${e.id}/split`, body, "split in two");
}

async function merge() {
  const e = needEntry();
  if (!e) return;
  const same = state.view.entries.filter((x) => x.case_id === e.case_id && x.status === "draft"
                                         && x.billable === e.billable);
  const at = same.findIndex((x) => x.id === e.id);
  const other = same[at + 1] || same[at - 1];
  if (!other || e.status !== "draft") { toast("no other draft of this matter to merge with", true); return; }
  await act("POST", "/entries/merge", { entry_ids: [e.id, other.id] }, "merged");
}

async function addManual() {
  const e = selectedEntry();
  const form = await ask("New manual entry", (f) => {
    const select = el("select", { name: "matter" }, ...state.view.matters.map((m) =>
      el("option", { value: String(m.id), selected: e && m.id === e.case_id }, m.name)));
    const h = el("input", { name: "hours", type: "number", step: "0.1", min: "0.1", value: "0.1" });
    f.append(el("label", {}, "Matter"), select, el("label", {}, "Hours"), h,
      el("label", {}, "Activity"), el("input", { name: "activity", value: "Meeting" }),
      el("label", {}, "Narrative"), el("textarea", { name: "narrative" }));
    return h;
  }, "Add");
  if (!form) return;
  await act("POST", `/days/${state.day}/entries`, {
    case_id: Number(form.matter.value), hours: form.hours.value,
    activity_name: form.activity.value, description: form.narrative.value }, "added");
}

async function release(all) {
  if (all) { await act("POST", `/days/${state.day}/release`, undefined, "released the day's drafts"); return; }
  const e = needEntry();
  if (e) await act("POST", `/entries/${e.id}/release`, undefined, "released");
}

async function unrelease() {
  const e = needEntry();
  if (e) await act("POST", `/entries/${e.id}/unrelease`, undefined, "back to draft");
}

async function pause() {
  try {
    await api("POST", state.view && state.view.paused ? "/resume" : "/pause");
    await load();
    toast(state.view.paused ? "capture paused" : "capturing again");
  } catch (err) { toast(err.message, true); }
}

async function syncNow() {
  toast("syncing with MyCase…");
  try {
    const out = await api("POST", "/sync");
    toast(!out.ran ? "not connected to MyCase" : out.error ? `sync failed (${out.error})` : "synced");
    await load();
  } catch (err) { toast(err.message, true); }
}

function moveDay(step) {
  const d = new Date(`${state.day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + step);
  state.day = d.toISOString().slice(0, 10);
  sessionStorage.setItem("tenths.day", state.day);
  state.open.clear();
  state.sel = 0;
  load(false).catch((err) => toast(err.message, true));
}

const keys = {
  j: () => { state.sel = Math.min(state.sel + 1, state.items.length - 1); mark(); },
  k: () => { state.sel = Math.max(state.sel - 1, 0); mark(); },
  Enter: () => {
    const it = selected();
    if (!it) return;
    if (state.open.has(it.key)) state.open.delete(it.key); else state.open.add(it.key);
    draw(); mark();
  },
  t: showText, e: edit, m: changeMatter, s: split, g: merge, n: addManual,
  1: () => answer(1), 2: () => answer(2), 3: () => answer(3),
  r: () => release(false), R: () => release(true), u: unrelease,
  z: () => act("POST", "/undo", undefined, "undone"),
  p: pause, y: syncNow,
  "[": () => moveDay(-1), "]": () => moveDay(1),
  a: () => { state.admin = !state.admin; if (state.admin) drawAdmin(); else $("#admin-section").hidden = true; },
  "?": () => $("#help").showModal(),
};

document.addEventListener("keydown", (ev) => {
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (document.querySelector("dialog[open]")) return;
  if (["INPUT", "TEXTAREA", "SELECT"].includes(ev.target.tagName)) return;
  const run = keys[ev.key];
  if (!run) return;
  ev.preventDefault();
  Promise.resolve(run()).catch((err) => toast(err.message, true));
});

$("#prev").onclick = () => moveDay(-1);
$("#next").onclick = () => moveDay(1);
$("#day").onchange = (ev) => {
  state.day = ev.target.value;
  sessionStorage.setItem("tenths.day", state.day);
  load(false).catch((err) => toast(err.message, true));
};
document.addEventListener("click", (ev) => {
  const node = ev.target.closest("[data-item]");
  if (!node) return;
  const i = state.items.findIndex((it) => it.node === node);
  if (i >= 0) { state.sel = i; mark(); }
});

// `tenths review` may open the page again in a tab that shows it already.
window.addEventListener("hashchange", () => {
  if (!location.hash) return;
  readFragment().then(() => {
    $("#notice").hidden = true;
    return load(false);
  }).catch((err) => toast(err.message, true));
});

readFragment().then(() => load(false)).catch((err) => toast(err.message, true));
