// The workbench page's common ground: the meeting, its key, the state the
// page holds, DOM and API helpers, and plain words for choices and
// outcomes. Every text that came from a document, a comment or the server
// is put in the page with textContent or as an attribute value, never
// parsed as HTML. It imports nothing: every other module starts from it.

export const $ = (id) => document.getElementById(id);
export const meetingId = decodeURIComponent(window.location.pathname.split("/")[2] || "");
export const base = "/api/meetings/" + encodeURIComponent(meetingId);
export const token = (function () {
  const stored = "synoptic-key:" + meetingId;
  const fromLink = new URLSearchParams(window.location.hash.slice(1)).get("k");
  if (fromLink) {
    try {
      window.sessionStorage.setItem(stored, fromLink);
    } catch (e) {
      // No storage (a private window): the key lives in this page only.
    }
    // Out of the address bar, the history and a projected screen.
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    return fromLink;
  }
  try {
    return window.sessionStorage.getItem(stored) || "";
  } catch (e) {
    return "";
  }
})();

export const state = {
  meeting: null,
  synopsis: { versions: [], rows: [] },
  draft: { rows: [], proposals: [], stale: [] },
  decisions: new Map(), // row id -> decision record
  comments: new Map(), // row id -> [comment]
  conflictRows: new Set(),
  currentRow: null,
  role: null,
  revision: 0,
  // The row this browser just decided: the draft panel shows its entry
  // once the new draft is in.
  reveal: null,
  // The decision column comes right after the row's name (planLayout).
  toolsFirst: false,
};

// ------------------------------------------------------------ helpers

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function show(id, text) {
  const node = $(id);
  node.textContent = text || "";
  node.hidden = !text;
}

export let noticeTimer = null;
export function notice(text) {
  show("notice-bar", text);
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => show("notice-bar", ""), 4000);
}

export function fail(error) {
  show("error-bar", error && error.message ? error.message : String(error));
}

export async function api(method, path, body, extraHeaders) {
  const headers = Object.assign({ "X-Synoptic-Token": token }, extraHeaders || {});
  let payload = body;
  if (body !== undefined && !(body instanceof FormData)) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const response = await fetch(base + path, { method, headers, body: payload, credentials: "omit" });
  let data = null;
  try {
    data = await response.json();
  } catch (e) {
    data = null;
  }
  if (!response.ok) {
    const error = new Error((data && data.error) || response.status + " " + response.statusText);
    error.status = response.status;
    error.data = data;
    throw error;
  }
  return data;
}

export function rowPath(row) {
  return row.split("/").map(encodeURIComponent).join("/");
}

// The name given on the landing page (or here) is kept in this browser
// and goes with every decision and comment, for the audit log.
export function myName() {
  const input = $("my-name");
  const name = input ? input.value.trim() : "";
  return name || null;
}
try {
  $("my-name").value = JSON.parse(window.localStorage.getItem("synoptic-name") || "null") || "";
} catch (e) {
  // No storage: no name remembered.
}
$("my-name").addEventListener("change", () => {
  try {
    window.localStorage.setItem("synoptic-name", JSON.stringify($("my-name").value.trim()));
  } catch (e) {
    // No storage: the name is for this page only.
  }
});

export function isChair() {
  return state.role === "chair";
}

// What the draft does with a row nobody decided, in plain words.
export function inTheDraft(outcome) {
  const words = {
    base: "In the draft: the base (no proposal changes it)",
    consensus: "In the draft: agreed by all who changed it",
    merged: "In the draft: the changes merged (they do not collide)",
    conflict: "In the draft: open, the proposals collide",
    decided: "In the draft: as decided",
  };
  return words[outcome] || "In the draft: " + outcome;
}

export function describeChoice(choice) {
  if (choice === null || choice === undefined) return "open";
  if (choice === "base") return "keep the base";
  if (choice === "merge") return "merge";
  if (typeof choice === "object" && "accept" in choice) return "accept " + choice.accept;
  if (typeof choice === "object" && "text" in choice) return "custom text";
  return "decided";
}

// ------------------------------------------------------------ loading

export async function ticket() {
  return (await api("POST", "/tickets")).ticket;
}

export function formatSize(n) {
  if (n >= 1 << 20) return (n / (1 << 20)).toFixed(1) + " MiB";
  if (n >= 1 << 10) return (n / (1 << 10)).toFixed(1) + " KiB";
  return n + " bytes";
}

// ------------------------------------------------------------ synopsis

export async function act(action) {
  show("error-bar", "");
  try {
    await action();
  } catch (error) {
    fail(error);
  }
}
