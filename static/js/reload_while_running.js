// A page showing background work still running ([data-running]): it fetches itself every three seconds and, once
// the work is done, shows the new page (the status line is announced by screen readers: role="status").
const running = document.querySelector("[data-running]");

async function check() {
  try {
    const response = await fetch(window.location.href, { headers: { Accept: "text/html" } });
    if (response.ok && !(await response.text()).includes("data-running")) {
      window.location.reload();
      return;
    }
  } catch {
    // offline for a moment: try again
  }
  setTimeout(check, 3000);
}

if (running) setTimeout(check, 3000);
