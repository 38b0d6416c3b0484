// The draft panel, the projector view, the filters and the chair's
// current row.

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
  source,
  retryDelay,
  retryTimer,
  stopped,
  setLive,
  reconnectSoon,
  connect,
  auditRefresh,
} from "./wb-live.js";

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

export function pieceNodes(row) {
  const nodes = [];
  for (const piece of row.pieces) {
    if (piece.kind === "kept") {
      nodes.push(document.createTextNode(piece.text));
    } else if (piece.kind === "change") {
      const who = (piece.proposers || []).join(", ");
      if (piece.deleted) nodes.push(el("del", { title: who || null, text: piece.deleted }));
      if (piece.inserted) nodes.push(el("ins", { title: who || null, text: piece.inserted }));
    } else if (piece.kind === "conflict") {
      const span = el("span", { class: "conflict" }, "[");
      piece.alternatives.forEach((alt, i) => {
        if (i) span.append(" | ");
        const who = alt.kind === "base" ? "base" : (alt.proposers || []).join(", ");
        span.append(el("span", { class: "alt-who", text: who + ": " }));
        span.append(el("span", { class: "alt-text alt-" + alt.kind, text: alt.kind === "deletion" ? "(delete)" : alt.text }));
      });
      span.append("]");
      nodes.push(span);
    }
  }
  return nodes;
}

export function renderDraft() {
  const draft = state.draft;
  const box = $("draft-rows");
  box.replaceChildren();
  const summary = draft.summary || {};
  const summaryWords = { base: "unchanged", consensus: "agreed", merged: "merged", conflict: "open conflict", decided: "decided" };
  $("draft-summary").textContent = draft.rows.length
    ? ["base", "consensus", "merged", "conflict", "decided"]
        .filter((k) => summary[k])
        .map((k) => summary[k] + " " + summaryWords[k] + (k === "conflict" && summary[k] > 1 ? "s" : ""))
        .join(" · ")
    : "";
  const stale = $("draft-stale");
  stale.replaceChildren();
  for (const s of draft.stale || []) {
    const reasons = {
      row_vanished: "the row is no longer in the synopsis",
      proposal_absent: "the proposal it accepts is no longer in the meeting",
      row_changed: "the proposals changed this row since",
      merge_leaves_conflict: "the merge now leaves a conflict",
    };
    const kind = s.reason && s.reason.kind ? s.reason.kind : "";
    stale.append(el("li", { "data-stale-row": s.row, text: "Decision on " + s.row + " not applied: " + (reasons[kind] || kind.replace(/_/g, " ")) }));
  }
  let section = null;
  for (const row of draft.rows) {
    if (row.section !== section) {
      section = row.section;
      if (row.kind !== "heading") {
        box.append(el("h3", { class: "draft-section", "data-draft-section": section, text: row.section_title || row.section }));
      }
    }
    if (row.kind === "heading") {
      // The section's opener, as the draft has it (a proposal may rename it).
      const heading = el("h3", {
        class: "draft-section draft-row outcome-" + row.outcome,
        "data-draft-section": row.section,
        "data-draft-row": row.id,
        "data-outcome": row.outcome,
      });
      heading.append(...pieceNodes(row));
      if (!row.pieces.length) heading.append(el("span", { class: "deleted-row", text: (row.section_title || row.section) + " (deleted)" }));
      box.append(heading);
      continue;
    }
    const div = el("div", {
      class: "draft-row outcome-" + row.outcome + (row.pieces.length ? "" : " empty"),
      "data-draft-row": row.id,
      "data-outcome": row.outcome,
    });
    if (row.former_label) div.append(el("del", { class: "label former", text: row.former_label }));
    if (row.label) div.append(el(row.former_label ? "ins" : "span", { class: "label", text: row.label }), " ");
    div.append(...pieceNodes(row));
    if (!row.pieces.length) div.append(el("span", { class: "deleted-row", text: "(deleted)" }));
    div.addEventListener("click", () => {
      const tr = rowElement(row.id);
      if (tr) tr.scrollIntoView({ block: "center", behavior: "smooth" });
    });
    box.append(div);
  }
  for (const row of state.synopsis.rows) renderDecision(row.id);
}

// ------------------------------------------------------------ projector

// The projector: the meeting's title, the chair's current row in large
// type, the base beside only the proposals that change that row, and the
// row as the draft has it; no controls. It follows the chair.
export function projecting() {
  return document.body.classList.contains("projector");
}

export function renderProjector() {
  if (!projecting()) return;
  $("pj-title").textContent = state.meeting ? state.meeting.title : "";
  const rows = state.synopsis.rows;
  const row = rows.find((r) => r.id === state.currentRow) || null;
  const heading = $("pj-row");
  const columns = $("pj-columns");
  const draftBox = $("pj-draft");
  columns.replaceChildren();
  draftBox.replaceChildren();
  if (!row) {
    heading.textContent = rows.length ? "Waiting for the chair to choose a row" : "No synopsis yet";
    heading.dataset.projectorRow = "";
    return;
  }
  // "resolves 2 ii)": the section, then the row's place in it, its own
  // label last.
  const section = row.section_title || row.section;
  const path = row.id.split("/").slice(1);
  if (row.label && path.length) path[path.length - 1] = row.label;
  const place = path.length ? path.join(" ") : row.label || "";
  heading.replaceChildren(el("span", { class: "pj-section", dir: "auto", text: section }), " ", el("span", { class: "pj-label", dir: "auto", text: place }));
  heading.dataset.projectorRow = row.id;
  const versions = state.synopsis.versions;
  versions.forEach((v, i) => {
    const cell = row.cells[i] && row.cells[i].version === v.id ? row.cells[i] : row.cells.find((c) => c.version === v.id);
    const changes = cell && ["modified", "added", "deleted"].includes(cell.status);
    if (v.role !== "base" && !changes) return;
    const box = el("div", { class: "pj-column" + (v.role === "base" ? " pj-base" : ""), "data-projector-version": v.label });
    // Headed as the synopsis heads it ("Proposal 2 (MOD, Addendum 12 to
    // Document 40) (APT)" for a contribution's proposal).
    const headings = (state.meeting && state.meeting.headings) || [];
    const title = v.role === "base" ? "Base" : headings[i] || v.label;
    box.append(el("h2", { class: "pj-version", dir: "auto", text: title }));
    const shown = cellNode(cell);
    const text = shown.querySelector(".text") || el("div", { class: "text", text: "(not in this version)" });
    box.append(text);
    columns.append(box);
  });
  if (!columns.querySelector(".pj-column:not(.pj-base)")) {
    columns.append(el("div", { class: "pj-column pj-none", text: "No proposal changes this row." }));
  }
  const drafted = draftRow(row.id);
  if (drafted) {
    const decision = state.decisions.get(row.id);
    const decided = decision && decision.choice && !decision.stale;
    draftBox.append(el("h2", { class: "pj-version", text: decided ? "In the draft (decided)" : inTheDraft(drafted.outcome) }));
    const text = el("div", { class: "text pj-draft-text", dir: "auto" });
    text.append(...pieceNodes(drafted));
    if (!drafted.pieces.length) text.append(el("span", { class: "deleted-row", text: "(deleted)" }));
    draftBox.append(text);
  }
}

// ------------------------------------------------------------ filters

export function applyFilters() {
  const onlyChanged = $("filter-changed").checked;
  const onlyConflicts = $("filter-conflicts").checked;
  const section = $("filter-section").value;
  for (const body of document.querySelectorAll("#synopsis tbody")) {
    let visible = 0;
    for (const tr of body.querySelectorAll("tr[data-row]")) {
      const id = tr.dataset.row;
      let hide = false;
      if (onlyChanged && tr.classList.contains("unchanged")) hide = true;
      if (onlyConflicts && !state.conflictRows.has(id)) hide = true;
      if (section && body.dataset.section !== section) hide = true;
      tr.hidden = hide;
      if (!hide) visible++;
    }
    body.hidden = (section && body.dataset.section !== section) || ((onlyChanged || onlyConflicts) && visible === 0);
  }
  for (const div of document.querySelectorAll("#draft-rows [data-draft-row]")) {
    div.hidden = !!(section && draftRow(div.dataset.draftRow) && draftRow(div.dataset.draftRow).section !== section);
  }
}

// ------------------------------------------------------------ current row

// Scrolls the draft panel to the entry of the row just decided here.
export function revealInDraft() {
  if (!state.reveal) return;
  const aside = $("draft");
  const entry = aside.querySelector('[data-draft-row="' + CSS.escape(state.reveal) + '"]');
  state.reveal = null;
  if (entry) aside.scrollTop = Math.max(0, entry.offsetTop - aside.clientHeight / 3);
}

export function markCurrentRow(scroll) {
  renderProjector();
  for (const tr of document.querySelectorAll("tr.current")) tr.classList.remove("current");
  for (const div of document.querySelectorAll(".draft-row.current")) div.classList.remove("current");
  if (!state.currentRow) return;
  const tr = rowElement(state.currentRow);
  if (tr) tr.classList.add("current");
  for (const div of document.querySelectorAll("[data-draft-row]")) {
    if (div.dataset.draftRow === state.currentRow) div.classList.add("current");
  }
  if (scroll && tr && $("follow-chair").checked) {
    tr.hidden = false;
    tr.scrollIntoView({ block: "center", behavior: "smooth" });
    const aside = $("draft");
    const entry = aside.querySelector(".draft-row.current");
    if (entry) aside.scrollTop = Math.max(0, entry.offsetTop - aside.clientHeight / 3);
  }
}

// ------------------------------------------------------------ actions
