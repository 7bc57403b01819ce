// The phone app's service worker, pulled in by the rendered prelude (templates/phone/sw.js) with importScripts:
// RELEASE, SHELL, PRECACHE and STATIC_PREFIX are its constants. A classic script, not a module, since module
// service workers are not supported everywhere.
// The shell, scripts, styles and icons come from the cache; API reads try the network first and fall
// back to the last answer, so the plan and the forms are there offline. Sending is left to the app.
const STATIC_CACHE = `eom-phone-${RELEASE}`;
const API_CACHE = "eom-phone-api";
const API_READS = /\/api\/v1\/(plan|checklists|submissions)\/(\?.*)?$/;
const NETWORK_TIMEOUT_MS = 8000;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(STATIC_CACHE).then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" })))).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key.startsWith("eom-phone-") && key !== STATIC_CACHE && key !== API_CACHE)
          .map((key) => caches.delete(key)),
      ))
      .then(() => self.clients.claim()),
  );
});

// A phone on a bad link may wait forever for an answer: give up after a while and use the cache.
function fetchWithTimeout(request) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), NETWORK_TIMEOUT_MS);
    fetch(request).then((response) => { clearTimeout(timer); resolve(response); }, (error) => { clearTimeout(timer); reject(error); });
  });
}

async function networkFirst(request, cacheName, fallbackUrl) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetchWithTimeout(request);
    if (response.ok) await cache.put(fallbackUrl || request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(fallbackUrl || request);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(STATIC_CACHE)).put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname.startsWith(SHELL)) {
    event.respondWith(networkFirst(request, STATIC_CACHE, SHELL));
  } else if (API_READS.test(url.pathname + url.search)) {
    event.respondWith(networkFirst(request, API_CACHE));
  } else if (PRECACHE.includes(url.pathname) || url.pathname.startsWith(STATIC_PREFIX)) {
    event.respondWith(cacheFirst(request));
  }
});
