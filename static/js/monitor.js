/* The election-day monitor refreshes itself: every refreshSeconds it fetches data.json (the same parameters as
   the page), swaps the server-rendered fragments (totals, hours, silent teams, incidents) and redraws the
   stations on the map as canvas circles, coloured by their worst overall assessment. It pauses while the tab
   is hidden. The map is {% map_element "monitor-map" %}, started here. Leaflet is the global L of
   {% leaflet_js %}. */
import { escapeHtml } from "../shared/escape.js";
import { startMap } from "./leaflet_map.js";

const COLOURS = ["#8a96a3", "#1a9641", "#a6d96a", "#fdae61", "#d7191c"]; // rank 0 (none) .. 4 (very bad)
const S = { code: 0, name: 1, lat: 2, lon: 3, worst: 4, forms: 5 };
const FRAGMENTS = ["totals", "hours", "silent", "incidents"];

function format(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_, name) => values[name]);
}

function clock(timeZone) {
  // Mission time, 24-hour, whatever the zone of the screen it is shown on.
  return new Date().toLocaleTimeString(document.documentElement.lang || [], {
    hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZone,
  });
}

function monitorMap(map) {
  const config = JSON.parse(document.getElementById("monitor-config").textContent);
  const strings = config.strings;
  const status = document.getElementById("monitor-refresh");
  const renderer = L.canvas({ padding: 0.5, tolerance: 4 });
  const layer = L.layerGroup().addTo(map);
  let timer = null;

  function draw(stations, fit) {
    layer.clearLayers();
    const bounds = L.latLngBounds([]);
    // The worst stations are drawn last, on top of the others.
    stations.slice().sort((a, b) => a[S.worst] - b[S.worst]).forEach((row) => {
      const marker = L.circleMarker([row[S.lat], row[S.lon]], {
        renderer, radius: 5, weight: 1, color: "#ffffff", fillColor: COLOURS[row[S.worst]], fillOpacity: 0.9,
      });
      marker.bindPopup(`<strong>${escapeHtml(row[S.code])}</strong><br>${escapeHtml(row[S.name])}<br>` +
        `${row[S.forms]} ${escapeHtml(strings.forms)} · ${escapeHtml(strings.ranks[row[S.worst]])}`);
      layer.addLayer(marker);
      bounds.extend(marker.getLatLng());
    });
    if (fit && bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 12 });
  }

  function refresh() {
    fetch(config.data, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then((data) => {
        FRAGMENTS.forEach((name) => {
          document.getElementById(`monitor-${name}`).innerHTML = data.html[name];
        });
        draw(data.stations, false);
        status.textContent = format(strings.updated, { time: clock(config.timeZone), seconds: config.refreshSeconds });
      })
      .catch(() => {
        status.textContent = format(strings.failed, { time: clock(config.timeZone), seconds: config.refreshSeconds });
      });
  }

  function schedule() {
    window.clearInterval(timer);
    timer = document.hidden ? null : window.setInterval(refresh, config.refreshSeconds * 1000);
  }

  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) refresh();
    schedule();
  });
  draw(config.stations, true);
  schedule();
}

monitorMap(startMap("monitor-map"));
