// The plan page while the planner works: follows its proposal every two seconds (stage and progress), and shows the
// page again once it is done or failed (with what its plan changes, or why it failed).
const card = document.querySelector("#proposal[data-status-url]");

async function poll() {
  try {
    const response = await fetch(card.dataset.statusUrl, { headers: { Accept: "application/json" } });
    if (response.ok) {
      const state = await response.json();
      if (state.status === "done" || state.status === "failed") {
        window.location.reload();
        return;
      }
      const bar = card.querySelector("progress");
      if (bar) {
        bar.value = state.progress;
        bar.textContent = `${state.progress} %`;
      }
      const stage = card.querySelector(".stage");
      if (stage) stage.textContent = state.stage_label;
    }
  } catch {
    // offline for a moment: try again
  }
  setTimeout(poll, 2000);
}

if (card && ["queued", "running"].includes(card.dataset.status)) setTimeout(poll, 1000);
