// tenths: report the focused tab's URL and title to the tenths service on 127.0.0.1.
//
// The service's port and this install's token are in config.json next to this file,
// written (0600) by the service when it starts; it is read again before each report,
// so a service restarted on another port is found without reloading the extension.
// Private windows are never reported (the extension is not allowed in them), nor are
// pages that are not http(s). Reports go to 127.0.0.1 only.

const api = globalThis.browser ?? globalThis.chrome;
const BEAT_MINUTES = 0.5; // a page being read keeps its span open (pulsetime is 60 s)

function browserName() {
  const ua = navigator.userAgent;
  if (ua.includes("Firefox/")) return "Firefox";
  if (ua.includes("Edg/")) return "Microsoft Edge";
  const brands = (navigator.userAgentData?.brands ?? []).map((b) => b.brand);
  return brands.includes("Google Chrome") ? "Google Chrome" : "Chromium";
}

async function config() {
  const answer = await fetch(api.runtime.getURL("config.json"), { cache: "no-store" });
  if (!answer.ok) throw new Error("no config.json: start the tenths service");
  return answer.json();
}

async function report(tab) {
  if (!tab || tab.incognito || !tab.url || !/^https?:/.test(tab.url)) return;
  const { port, token } = await config();
  if (!port || !token) return;  // the service is stopped: nothing to tell, nobody to tell
  await fetch(`http://127.0.0.1:${port}/v1/heartbeats/browser`, {
    method: "POST",
    headers: { "Authorization": `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ url: tab.url, title: tab.title || "", browser: browserName() }),
  });
}

async function reportActive() {
  const windows = await api.windows.getLastFocused({ populate: false });
  if (!windows || !windows.focused) return; // the browser is not what the user looks at
  const [tab] = await api.tabs.query({ active: true, windowId: windows.id });
  await report(tab);
}

function quietly(promise) {
  promise.catch(() => {}); // the service may be stopped or paused: never nag the user
}

api.tabs.onActivated.addListener(() => quietly(reportActive()));
api.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (tab.active && (change.status === "complete" || change.title !== undefined)) {
    quietly(reportActive());
  }
});
api.windows.onFocusChanged.addListener((windowId) => {
  if (windowId !== api.windows.WINDOW_ID_NONE) quietly(reportActive());
});
api.alarms.create("tenths-beat", { periodInMinutes: BEAT_MINUTES });
api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === "tenths-beat") quietly(reportActive());
});
api.runtime.onStartup.addListener(() => quietly(reportActive()));
api.runtime.onInstalled.addListener(() => quietly(reportActive()));
