// The reports page: follows the compilations still queued or running, every two seconds, until they end.
const table = document.querySelector("table.compilations");

const pending = () => [...table.querySelectorAll("tr[data-status='queued'], tr[data-status='running']")];

function update(row, compilation) {
  row.dataset.status = compilation.status;
  const cell = row.querySelector("td.status");
  cell.className = `status status-${compilation.status}`;
  cell.querySelector(".status-label").textContent = compilation.status_label;
  const bar = cell.querySelector("progress");
  const stage = cell.querySelector(".stage");
  const finished = compilation.status === "done" || compilation.status === "failed";
  if (bar) bar.value = compilation.progress;
  if (stage) stage.textContent = compilation.stage_label;
  if (finished) {
    bar?.remove();
    stage?.remove();
  }
  if (compilation.error && !cell.querySelector(".error")) {
    const error = document.createElement("small");
    error.className = "error";
    error.textContent = compilation.error;
    cell.append(document.createElement("br"), error);
  }
  if (compilation.pdf_url) {
    const link = document.createElement("a");
    link.href = compilation.pdf_url;
    link.textContent = compilation.pdf_label;
    row.querySelector("td.download").replaceChildren(link);
  }
}

async function poll() {
  const rows = pending();
  if (!rows.length) return;
  const ids = rows.map((row) => row.dataset.id).join(",");
  try {
    const response = await fetch(`${table.dataset.statusUrl}?ids=${ids}`, { headers: { Accept: "application/json" } });
    if (response.ok) {
      const { compilations } = await response.json();
      for (const compilation of compilations) {
        const row = table.querySelector(`tr[data-id='${compilation.id}']`);
        if (row) update(row, compilation);
      }
    }
  } finally {
    if (pending().length) setTimeout(poll, 2000);
  }
}

if (table) setTimeout(poll, 1000);
