// The meeting page of the Synoptic workbench. Plain JavaScript, no build
// step. The meeting id comes from the path, the key from the fragment
// (#k=...), which the browser never sends to a server; the page then takes
// the key out of the address bar (kept for this tab in sessionStorage) and
// sends it in the X-Synoptic-Token header of every request. The event
// stream and the export links, which cannot set headers, use a ticket
// that stands for the key for a minute.
//
// Safety: every text that came from a document, a comment or the server is
// put in the page with textContent or as an attribute value, never parsed
// as HTML.
//
// The page is made of ES modules (this one starts it): wb-core.js,
// wb-synopsis.js, wb-draft.js, wb-live.js.

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
  source,
  retryDelay,
  retryTimer,
  stopped,
  setLive,
  reconnectSoon,
  connect,
  auditRefresh,
} from "./wb-live.js";

export async function loadMeeting() {
  const meeting = await api("GET", "");
  state.meeting = meeting;
  state.role = meeting.role;
  state.revision = Math.max(state.revision, meeting.revision);
  state.currentRow = meeting.current_row;
  state.conflictRows = new Set(meeting.conflict_rows || []);
  document.title = meeting.title + " — Synoptic";
  $("meeting-title").textContent = meeting.title;
  const badge = $("role-badge");
  badge.textContent = meeting.role === "chair" ? "chair" : "delegate";
  badge.dataset.role = meeting.role;
  document.body.dataset.role = meeting.role;
  $("chair-panel").hidden = meeting.role !== "chair";
  if (meeting.links) {
    const delegate = window.location.origin + meeting.links.delegate;
    $("delegate-link").value = delegate;
    $("projector-link").value = delegate.replace("#k=", "?view=projector#k=");
    $("chair-link").value = window.location.origin + meeting.links.chair;
  }
  // The draft and the projector read in the text's language (for
  // hyphenation); the page's own words stay English.
  for (const id of ["draft", "projector-view"]) {
    const node = $(id);
    if (node && meeting.language) node.lang = meeting.language;
  }
  const note = meeting.synopsis_error || (meeting.notes || []).join(" ");
  show("synopsis-note", note);
  renderDocuments();
  renderRevision();
  setExportLinks();
}

export async function loadSynopsis() {
  const [synopsis, reading] = await Promise.all([api("GET", "/synopsis"), api("GET", "/reading")]);
  // Each cell is shown as the command line's views show it: the server
  // folds short kept fragments into the changes around them (one rule,
  // in the core), the exact ops stay in `ops`.
  const folded = (reading && reading.cells) || {};
  for (const row of synopsis.rows) {
    const cells = folded[row.id];
    if (!cells) continue;
    for (const cell of row.cells) {
      if (cells[cell.version]) cell.reading = cells[cell.version];
    }
  }
  state.synopsis = synopsis;
}

export async function loadDraft() {
  state.draft = await api("GET", "/draft");
}

export async function loadDecisions() {
  const data = await api("GET", "/decisions");
  state.decisions = new Map(data.decisions.map((d) => [d.row, d]));
}

export async function loadComments() {
  const data = await api("GET", "/comments");
  state.comments = new Map();
  for (const c of data.comments) addComment(c, false);
}

export async function loadAll() {
  await loadMeeting();
  await Promise.all([loadSynopsis(), loadDraft(), loadDecisions(), loadComments()]);
  renderSynopsis();
  renderDraft();
  applyFilters();
  markCurrentRow(false);
  renderProjector();
}

export let draftTimer = null;
export function refreshDraftSoon() {
  clearTimeout(draftTimer);
  draftTimer = setTimeout(async () => {
    try {
      await Promise.all([loadDraft(), loadDecisions()]);
      renderDraft();
      for (const row of state.synopsis.rows) renderDecision(row.id);
      applyFilters();
      revealInDraft();
      renderProjector();
    } catch (error) {
      fail(error);
    }
  }, 60);
}

// ------------------------------------------------------------ header

export function renderRevision() {
  $("revision").textContent = "revision " + state.revision;
}

export const exportLinks = {
  "export-docx": "draft.docx",
  "export-md": "draft.md",
  "export-txt": "draft.txt",
  "export-decisions": "decisions.toml",
  "export-synopsis": "synopsis.html",
  "export-audit": "audit.json",
  "export-audit-csv": "audit.csv",
};

// An export link gets a fresh ticket when clicked, then is followed.
export function setExportLinks() {
  for (const [id, file] of Object.entries(exportLinks)) {
    const link = $(id);
    if (link.dataset.wired) continue;
    link.dataset.wired = "yes";
    link.href = base + "/export/" + file;
    link.addEventListener("click", (event) => {
      if (link.dataset.ready === "yes") {
        link.dataset.ready = "";
        return;
      }
      event.preventDefault();
      act(async () => {
        link.href = base + "/export/" + file + "?t=" + encodeURIComponent(await ticket());
        link.dataset.ready = "yes";
        link.click();
      });
    });
  }
}

export function renderDocuments() {
  const body = $("documents").querySelector("tbody");
  body.replaceChildren();
  const docs = (state.meeting && state.meeting.documents) || [];
  for (const doc of docs) {
    const label = el("input", { value: doc.label, size: 12, "data-doc-label": doc.id, "aria-label": "label" });
    const role = el("select", { "data-doc-role": doc.id, "aria-label": "role" });
    for (const r of ["base", "proposal", "side-by-side", "contribution"]) {
      const option = el("option", { value: r, text: r });
      if (r === doc.role) option.selected = true;
      role.append(option);
    }
    const save = el("button", { type: "button", "data-doc-save": doc.id, text: "Save" });
    save.addEventListener("click", () =>
      act(async () => {
        await api("PATCH", "/documents/" + doc.id, { label: label.value, role: role.value, by: myName() });
        notice("Document saved.");
      })
    );
    const remove = el("button", { type: "button", "data-doc-delete": doc.id, text: "Delete" });
    remove.addEventListener("click", () => {
      if (!window.confirm("Delete " + doc.label + " (" + doc.filename + ")?")) return;
      act(async () => {
        await api("DELETE", "/documents/" + doc.id + (myName() ? "?by=" + encodeURIComponent(myName()) : ""));
        notice("Document deleted.");
      });
    });
    body.append(
      el(
        "tr",
        { "data-document": doc.id },
        el("td", null, role),
        el("td", null, label),
        el("td", { class: "filename", text: doc.filename }),
        el("td", { text: formatSize(doc.size) }),
        el("td", null, save, " ", remove)
      )
    );
  }
  if (!docs.length) {
    body.append(el("tr", null, el("td", { colspan: 5, text: "No documents yet: upload a base and the proposals." })));
  }
}

export async function decide(rowId, choice) {
  const current = state.decisions.get(rowId);
  const expected = current ? current.version : 0;
  try {
    const record = await api("PUT", "/decisions/" + rowPath(rowId), {
      choice: choice,
      expected_version: expected,
      by: myName(),
    });
    state.reveal = rowId;
    acceptDecision(record);
    notice("Decided " + rowId + ": " + describeChoice(choice) + ".");
  } catch (error) {
    if (error.status === 409 && error.data) {
      if (error.data.current) acceptDecision(error.data.current);
      else state.decisions.delete(rowId);
      renderDecision(rowId);
    }
    throw error;
  }
}

export async function clearDecision(rowId) {
  const current = state.decisions.get(rowId);
  const expected = current ? current.version : 0;
  try {
    const record = await api("DELETE", "/decisions/" + rowPath(rowId), { expected_version: expected, by: myName() });
    acceptDecision(record);
    notice("Cleared the decision on " + rowId + ".");
  } catch (error) {
    if (error.status === 409 && error.data && error.data.current) {
      acceptDecision(error.data.current);
      renderDecision(rowId);
    }
    throw error;
  }
}

export function acceptDecision(record) {
  const known = state.decisions.get(record.row);
  if (known && known.version > record.version) return;
  state.decisions.set(record.row, record);
  renderDecision(record.row);
  refreshDraftSoon();
}

export function openEditor(rowId) {
  const editor = within(rowId, "[data-editor-for]");
  if (!editor) return;
  const area = editor.querySelector("textarea");
  const decision = state.decisions.get(rowId);
  const row = draftRow(rowId);
  if (decision && decision.choice && typeof decision.choice === "object" && "text" in decision.choice) {
    area.value = decision.choice.text;
  } else if (row && typeof row.text === "string") {
    area.value = row.text;
  } else if (row) {
    area.value = row.pieces
      .map((p) => (p.kind === "kept" ? p.text : p.kind === "change" ? p.inserted : p.base))
      .join("");
  }
  editor.hidden = false;
  area.focus();
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button) return;
  if (button.dataset.setCurrent !== undefined) {
    const row = button.dataset.setCurrent;
    act(async () => {
      await api("PUT", "/current-row", { row: row, by: myName() });
      state.currentRow = row;
      markCurrentRow(false);
    });
    return;
  }
  if (button.dataset.commentHide !== undefined) {
    const hidden = button.dataset.hidden !== "yes";
    act(async () => {
      const comment = await api("PATCH", "/comment/" + button.dataset.commentHide, { hidden: hidden, by: myName() });
      changeComment(comment, hidden ? "hidden" : "shown");
    });
    return;
  }
  if (button.dataset.commentDelete !== undefined) {
    const id = button.dataset.commentDelete;
    const rowId = button.dataset.rowId;
    if (!window.confirm("Delete your comment?")) return;
    act(async () => {
      await api("DELETE", "/comment/" + id, undefined, { "X-Synoptic-Comment-Key": ownKeys()[id] || "" });
      changeComment({ id: Number(id), row: rowId }, "deleted");
    });
    return;
  }
  if (button.dataset.copy) {
    const input = $(button.dataset.copy);
    const done = () => notice("Link copied.");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, () => fail("Cannot copy: select the link and copy it."));
    } else {
      const type = input.type;
      input.type = "text";
      input.select();
      document.execCommand("copy");
      input.type = type;
      done();
    }
    return;
  }
  if (button.id === "chair-link-show") {
    const input = $("chair-link");
    const show = input.type === "password";
    input.type = show ? "text" : "password";
    button.textContent = show ? "Hide" : "Show";
    button.setAttribute("aria-pressed", show ? "true" : "false");
    return;
  }
  if (button.id === "delete-meeting") {
    const title = state.meeting ? state.meeting.title : "this meeting";
    const typed = window.prompt("This deletes \u201c" + title + "\u201d with its documents, decisions, comments and audit log, for good. Type DELETE to confirm.");
    if (typed !== "DELETE") return;
    act(async () => {
      await api("DELETE", "");
    });
    return;
  }
  if (button.id === "new-comments") {
    resetNewComments();
    button.hidden = true;
    const tr = rowElement(button.dataset.row || "");
    if (tr) {
      tr.scrollIntoView({ block: "center", behavior: "smooth" });
      const details = tr.querySelector("details[data-comments-for]");
      if (details) details.open = true;
    }
    return;
  }
  const kind = button.dataset.decide;
  const rowId = button.dataset.rowId;
  if (!kind || !rowId) return;
  if (kind === "accept") act(() => decide(rowId, { accept: button.dataset.proposal }));
  else if (kind === "base") act(() => decide(rowId, "base"));
  else if (kind === "merge") act(() => decide(rowId, "merge"));
  else if (kind === "clear") act(() => clearDecision(rowId));
  else if (kind === "text") openEditor(rowId);
  else if (kind === "cancel-text") within(rowId, "[data-editor-for]").hidden = true;
  else if (kind === "save-text") {
    const area = within(rowId, "textarea[data-custom-text]");
    act(async () => {
      await decide(rowId, { text: area.value });
      within(rowId, "[data-editor-for]").hidden = true;
    });
  }
});

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset && form.dataset.commentForm !== undefined) {
    event.preventDefault();
    const rowId = form.dataset.commentForm;
    const text = form.querySelector("textarea").value;
    const author = form.querySelector("input").value || myName();
    act(async () => {
      const comment = await api("POST", "/comments/" + rowPath(rowId), { text: text, author: author || null });
      keepOwnKey(comment.id, comment.owner_key);
      addComment(comment, true);
      form.querySelector("textarea").value = "";
    });
  } else if (form.id === "upload-form") {
    event.preventDefault();
    const file = $("upload-file").files[0];
    if (!file) {
      fail("Choose a file to upload.");
      return;
    }
    const data = new FormData();
    data.append("role", $("upload-role").value);
    if ($("upload-label").value.trim()) data.append("label", $("upload-label").value.trim());
    if (myName()) data.append("by", myName());
    data.append("file", file, file.name);
    act(async () => {
      await api("POST", "/documents", data);
      $("upload-file").value = "";
      $("upload-label").value = "";
      notice("Uploaded " + file.name + ".");
    });
  }
});

for (const id of ["filter-changed", "filter-conflicts", "filter-section"]) {
  $(id).addEventListener("change", applyFilters);
}
$("follow-chair").addEventListener("change", () => markCurrentRow(true));
export function setProjector(on) {
  document.body.classList.toggle("projector", on);
  $("projector-view").hidden = !on;
  if (on) {
    $("follow-chair").checked = true;
    renderProjector();
  }
}
$("projector").addEventListener("change", () => setProjector($("projector").checked));
document.addEventListener("keydown", (event) => {
  // Esc leaves the projector view.
  if (event.key === "Escape" && projecting()) {
    $("projector").checked = false;
    setProjector(false);
  }
});
$("show-draft").addEventListener("change", () => {
  document.body.classList.toggle("no-draft", !$("show-draft").checked);
});

// ------------------------------------------------------------ live updates

// ------------------------------------------------------------ start

function start() {
  if (new URLSearchParams(window.location.search).get("view") === "projector") {
    $("projector").checked = true;
    setProjector(true);
  }
  if (!token) {
    fail("This link has no key (#k=...): open the chair or delegate link you were given.");
    $("live-status").textContent = "no key";
    return;
  }
  act(async () => {
    await loadAll();
    markCurrentRow(true);
    connect();
  });
}
start();
