// Live updates: the event stream (every event carries the meeting's
// revision as its id; after any error the page waits, 1 s doubling to 30 s
// with jitter, says "reconnecting", and connects again from the last
// revision it has, so that the server sends what it missed), and the audit
// log refreshed as things happen.

import {
  $,
  meetingId,
  base,
  token,
  state,
  el,
  show,
  noticeTimer,
  notice,
  fail,
  api,
  rowPath,
  myName,
  isChair,
  inTheDraft,
  describeChoice,
  ticket,
  formatSize,
  act,
} from "./wb-core.js";

import {
  changed,
  opsOf,
  textDirection,
  cellNode,
  sectionGroups,
  uniformHeading,
  toolsNode,
  renderSynopsis,
  rowNode,
  rowElement,
  within,
  draftRow,
  renderDecision,
  ownKeysName,
  ownKeys,
  keepOwnKey,
  renderComments,
  resetNewComments,
  noteNewComment,
  changeComment,
  addComment,
} from "./wb-synopsis.js";

import {
  pieceNodes,
  renderDraft,
  projecting,
  renderProjector,
  applyFilters,
  revealInDraft,
  markCurrentRow,
} from "./wb-draft.js";

import {
  loadMeeting,
  loadSynopsis,
  loadDraft,
  loadDecisions,
  loadComments,
  loadAll,
  draftTimer,
  refreshDraftSoon,
  renderRevision,
  exportLinks,
  setExportLinks,
  renderDocuments,
  decide,
  clearDecision,
  acceptDecision,
  openEditor,
  setProjector,
} from "./workbench.js";

// The event stream: every event carries the meeting's revision as its
// id; after any error the page waits (1 s, doubling to 30 s, with
// jitter), says "reconnecting", and connects again from the last
// revision it has, so that the server sends what it missed.
export let source = null;
export let retryDelay = 1000;
export let retryTimer = null;
export let stopped = false;

export function setLive(stateName, text) {
  for (const id of ["live-status", "pj-live"]) {
    const status = $(id);
    status.textContent = text || stateName;
    status.dataset.state = stateName;
  }
}

export function reconnectSoon() {
  if (stopped) return;
  if (source) {
    source.close();
    source = null;
  }
  clearTimeout(retryTimer);
  const wait = retryDelay * (0.75 + Math.random() / 2);
  retryDelay = Math.min(retryDelay * 2, 30000);
  setLive("reconnecting", "reconnecting in " + Math.round(wait / 1000) + " s");
  retryTimer = setTimeout(connect, wait);
}

export async function connect() {
  if (stopped) return;
  let pass;
  try {
    pass = await ticket();
  } catch (error) {
    if (error.status === 403) {
      stopped = true;
      setLive("closed", "no access");
      fail(error);
      return;
    }
    reconnectSoon();
    return;
  }
  const url = base + "/events?t=" + encodeURIComponent(pass) + "&since=" + state.revision;
  source = new EventSource(url);
  source.addEventListener("hello", () => {
    setLive("live");
    retryDelay = 1000;
  });
  source.addEventListener("error", reconnectSoon);
  const bump = (data) => {
    if (typeof data.revision === "number" && data.revision > state.revision) {
      state.revision = data.revision;
      renderRevision();
    }
    auditRefresh();
  };
  source.addEventListener("decision", (event) => {
    const data = JSON.parse(event.data);
    bump(data);
    acceptDecision(data.decision);
  });
  source.addEventListener("comment", (event) => {
    const data = JSON.parse(event.data);
    bump(data);
    addComment(data.comment, true);
    noteNewComment(data.comment);
  });
  source.addEventListener("comment-changed", (event) => {
    const data = JSON.parse(event.data);
    bump(data);
    changeComment(data.comment, data.action);
  });
  source.addEventListener("current-row", (event) => {
    const data = JSON.parse(event.data);
    bump(data);
    state.currentRow = data.row;
    markCurrentRow(true);
  });
  source.addEventListener("documents", (event) => {
    bump(JSON.parse(event.data));
    act(loadAll);
  });
  source.addEventListener("meeting", (event) => {
    bump(JSON.parse(event.data));
    act(loadMeeting);
  });
  source.addEventListener("resync", () => act(loadAll));
  source.addEventListener("deleted", () => {
    stopped = true;
    source.close();
    setLive("closed", "deleted");
    fail("The chair deleted this meeting: its documents, decisions and comments are gone.");
  });
}

export function auditRefresh() {
  if (!$("audit-panel").open) return;
  act(async () => {
    const data = await api("GET", "/audit");
    const body = $("audit").querySelector("tbody");
    body.replaceChildren();
    for (const e of data.entries) {
      body.append(
        el(
          "tr",
          null,
          el("td", { text: e.at.replace("T", " ").slice(0, 19) + " UTC" }),
          el("td", { text: e.role + (e.name ? " (" + e.name + ")" : "") }),
          el("td", { text: e.action }),
          el("td", { text: e.row || "" }),
          el("td", { text: e.detail })
        )
      );
    }
  });
}
$("audit-panel").addEventListener("toggle", auditRefresh);

// ------------------------------------------------------------ start
