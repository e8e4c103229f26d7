// The review report's style sheet and script, written into every page (no external file).

extension ReviewReport {
  /// The page's style: rows tinted by confidence, additions and omissions as blocks with the
  /// other side hatched, quotes underlined, findings marked by severity, a print style sheet.
  static let styleSheet = """
    :root { --ink: #1d1d1f; --muted: #6b6b73; --line: #d9d9e0; --high: #ffffff; --mid: #fff8e1;
      --low: #ffe0b2; --add: #e6f0ff; --omit: #fbe7f3; --q: #0b6bcb; --qmiss: #c62828; --hl: #ffeb3b; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
      color: var(--ink); background: #fafafc; }
    header { padding: 12px 20px 8px; background: #fff; border-bottom: 1px solid var(--line); }
    h1 { font-size: 1.25rem; margin: 0 0 4px; }
    .files { margin: 0 0 8px; color: var(--muted); }
    .file { font-family: ui-monospace, "DejaVu Sans Mono", monospace; color: var(--ink); }
    #summary ul.counts { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 4px 0; padding: 0; }
    #summary a, #summary .count { font-weight: 700; }
    #summary .shapes { margin: 2px 0; color: var(--muted); font-size: 0.9em; }
    .controls { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; margin-top: 6px;
      font-size: 0.9em; color: var(--muted); }
    kbd { border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 3px; padding: 0 4px;
      font-size: 0.85em; background: #fff; }
    #position { font-weight: 600; color: var(--ink); position: fixed; right: 14px; bottom: 10px; z-index: 2;
      background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 2px 8px; }
    #position:empty { display: none; }
    .key { display: inline-block; width: 1.1em; height: 0.9em; border: 1px solid #c8c8d0; vertical-align: -1px; }
    .key.k-mid { background: var(--mid); } .key.k-low { background: var(--low); }
    .key.k-add { background: var(--add); } .key.k-omit { background: var(--omit); }
    main { padding: 0 12px 40px; }
    table { width: 100%; border-collapse: collapse; table-layout: fixed; background: #fff; }
    col.c-n { width: 4.2em; } col.c-s, col.c-t { width: 37%; } col.c-notes { width: 26%; }
    thead th { position: sticky; top: 0; background: #f0f0f5; text-align: left; padding: 6px 8px;
      border-bottom: 2px solid var(--line); z-index: 1; }
    td { vertical-align: top; padding: 6px 8px; border-top: 1px solid var(--line); white-space: pre-wrap;
      overflow-wrap: anywhere; unicode-bidi: isolate; }
    td.n { white-space: normal; color: var(--muted); font-size: 0.85em; }
    td.n a { color: inherit; }
    td.n .conf { display: block; font-variant-numeric: tabular-nums; }
    td.notes { white-space: normal; font-size: 0.88em; }
    td.notes ul { margin: 0; padding-left: 1.1em; }
    tr.para td { border-top: 3px solid #b9b9c6; }
    .pilcrow { color: #9a9aa6; margin-right: 4px; user-select: none; }
    tr.conf-high td { background: var(--high); }
    tr.conf-mid td { background: var(--mid); }
    tr.conf-low td { background: var(--low); }
    tr.addition td { background: var(--add); }
    tr.omission td { background: var(--omit); }
    td.empty { background-image: repeating-linear-gradient(45deg, transparent 0 6px, rgba(0,0,0,0.05) 6px 12px) !important; }
    .empty-label { color: var(--muted); font-style: italic; font-size: 0.88em; }
    tr.current td { box-shadow: inset 0 2px 0 #5b5bd6, inset 0 -2px 0 #5b5bd6; }
    tr:focus { outline: none; }
    .q, .qr { text-decoration: underline 2px var(--q); text-underline-offset: 3px; }
    .qr { text-decoration-style: dashed; }
    .q.qmiss { text-decoration: underline wavy 2px var(--qmiss); }
    .qo { text-decoration: underline dotted 2px var(--qmiss); }
    .f { border-radius: 2px; }
    .f.sev-error { background: rgba(229, 57, 53, 0.22); box-shadow: inset 0 -2px 0 #e53935; }
    .f.sev-warning { background: rgba(251, 140, 0, 0.22); box-shadow: inset 0 -2px 0 #fb8c00; }
    .f.sev-info { background: rgba(30, 136, 229, 0.16); box-shadow: inset 0 -2px 0 #1e88e5; }
    .at { color: #e53935; font-weight: 700; }
    td.f-cell.sev-error { box-shadow: inset 4px 0 0 #e53935; }
    td.f-cell.sev-warning { box-shadow: inset 4px 0 0 #fb8c00; }
    td.f-cell.sev-info { box-shadow: inset 4px 0 0 #1e88e5; }
    td.f-cell.hl { outline-offset: -2px; }
    .hl { background: var(--hl) !important; outline: 2px solid #f9a825; }
    [tabindex="0"]:focus { outline: 2px solid #5b5bd6; }
    .n-f .sev { font-variant: small-caps; }
    .n-f.sev-error code, .n-f.sev-error .sev { color: #c62828; }
    .n-f.sev-warning code, .n-f.sev-warning .sev { color: #b26a00; }
    .sugg { font-weight: 600; }
    .n-qmiss a, .n-qorphan a { color: var(--qmiss); }
    .ctl { font: 0.72em ui-monospace, monospace; border: 1px solid #b0b0b8; border-radius: 2px; padding: 0 2px;
      color: #6b6b73; unicode-bidi: isolate; }
    .show-spaces .sp.nbsp, .sp.nbsp.legend { background: #90caf9; }
    .show-spaces .sp.nnbsp, .sp.nnbsp.legend { background: #ffb74d; }
    .show-spaces .sp.thin, .sp.thin.legend { background: #a5d6a7; }
    .sp.legend { display: inline-block; min-width: 0.5em; }
    @media print {
      body { background: #fff; font-size: 10pt; }
      .controls, #position { display: none; }
      thead th { position: static; }
      tr { break-inside: avoid; }
      a { color: inherit; text-decoration: none; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      col.c-notes { width: 18%; }
    }

    """

  /// The page's script: hovering or focusing a quote, its rendering or a finding highlights all
  /// its pieces; `j`/`n` and `k`/`p` go to the next and previous problem row (of the kind chosen
  /// in the summary, or any); `s` shows special spaces; Escape goes back to every problem.
  static let script = """
    (function () {
      'use strict';
      var rows = Array.prototype.slice.call(document.querySelectorAll('tr.row'));
      var position = document.getElementById('position');
      var category = 'problem';
      var current = -1;
      function inCategory(row) {
        var cats = row.getAttribute('data-cats');
        if (!cats) { return false; }
        return category === 'problem' || (' ' + cats + ' ').indexOf(' ' + category + ' ') >= 0;
      }
      function show(index, count, total) {
        rows.forEach(function (row) { row.classList.remove('current'); });
        var row = rows[index];
        row.classList.add('current');
        row.tabIndex = -1;
        row.scrollIntoView({ block: 'center' });
        row.focus({ preventScroll: true });
        current = index;
        position.textContent = (category === 'problem' ? 'problem' : category.replace(/^rule-/, '')) +
          ' ' + count + ' of ' + total + ' (row ' + (index + 1) + ')';
      }
      function go(step) {
        var list = [];
        rows.forEach(function (row, index) { if (inCategory(row)) { list.push(index); } });
        if (list.length === 0) { position.textContent = 'nothing to show'; return; }
        var k;
        if (step > 0) {
          k = list.findIndex(function (index) { return index > current; });
          if (k < 0) { k = 0; }
        } else {
          k = -1;
          list.forEach(function (index, i) { if (index < current) { k = i; } });
          if (k < 0) { k = list.length - 1; }
        }
        show(list[k], k + 1, list.length);
      }
      document.addEventListener('keydown', function (event) {
        if (event.ctrlKey || event.metaKey || event.altKey) { return; }
        var tag = event.target && event.target.tagName;
        if (tag === 'INPUT' || tag === 'TEXTAREA') { return; }
        if (event.key === 'j' || event.key === 'n') { go(1); event.preventDefault(); }
        else if (event.key === 'k' || event.key === 'p') { go(-1); event.preventDefault(); }
        else if (event.key === 's') { var box = document.getElementById('show-spaces'); box.checked = !box.checked;
          document.body.classList.toggle('show-spaces', box.checked); }
        else if (event.key === 'Escape') { category = 'problem'; position.textContent = 'all problems'; }
      });
      document.querySelectorAll('#summary a[data-cat]').forEach(function (link) {
        link.addEventListener('click', function (event) {
          event.preventDefault();
          category = link.getAttribute('data-cat');
          current = -1;
          go(1);
        });
      });
      document.getElementById('show-spaces').addEventListener('change', function (event) {
        document.body.classList.toggle('show-spaces', event.target.checked);
      });
      function related(element) {
        var found = [];
        ['q', 'f'].forEach(function (name) {
          var ids = element.getAttribute('data-' + name);
          if (!ids) { return; }
          ids.split(' ').forEach(function (id) {
            document.querySelectorAll('[data-' + name + '~="' + id + '"]').forEach(function (other) {
              found.push(other);
            });
          });
        });
        return found;
      }
      function light(event) {
        var element = event.target.closest && event.target.closest('[data-q], [data-f]');
        document.querySelectorAll('.hl').forEach(function (other) { other.classList.remove('hl'); });
        if (element) { related(element).forEach(function (other) { other.classList.add('hl'); }); }
      }
      document.addEventListener('mouseover', light);
      document.addEventListener('focusin', light);
    })();

    """
}
