/* The deployment map: the polling stations in view as canvas circles coloured by status - or, where there are
   thousands in view, the server's clusters (a count per grid cell, in SQL) that zoom in on a click -, a short-term
   team's route as a numbered polyline, and - for coordinators - adding a station to that team.
   The map is {% map_element "map" %}, started here; tiles come from settings. Leaflet is the global L of
   {% leaflet_js %}. */
import { PURPOSE_COLOURS } from "../shared/colours.js";
import { escapeHtml } from "../shared/escape.js";
import { startMap } from "./leaflet_map.js";

const STATUS_COLOURS = ["#8a96a3", "#0b5394", "#1e7b34"]; // not planned, planned, observed
const F = { id: 0, code: 1, name: 2, lat: 3, lon: 4, region: 5, status: 6, team: 7 };

function deploymentMap(map) {
  const config = JSON.parse(document.getElementById("map-config").textContent);
  const strings = config.strings;
  const regionSelect = document.getElementById("map-region");
  const teamSelect = document.getElementById("map-team");
  const addOnClick = document.getElementById("map-add-on-click");
  const statusLine = document.getElementById("map-status");
  const csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
  const renderer = L.canvas({ padding: 0.5, tolerance: 4 });
  const routeLayer = L.featureGroup().addTo(map);
  let stationsLayer = L.layerGroup();
  let markers = {};
  let view = { total: 0, planned: 0 };

  function getJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then((r) => {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
  }

  function style(row) {
    return { renderer, radius: 4, weight: 1, color: "#ffffff", fillColor: STATUS_COLOURS[row[F.status]], fillOpacity: 0.9 };
  }

  function popupHtml(row) {
    let html = `<strong>${escapeHtml(row[F.code])}</strong><br>${escapeHtml(row[F.name])}`;
    if (row[F.team]) html += `<br>${escapeHtml(strings.plannedFor)}: ${escapeHtml(row[F.team])}`;
    if (row[F.status] === 2) html += `<br>${escapeHtml(strings.observed)}`;
    if (config.add && teamSelect.value) {
      const team = teamSelect.options[teamSelect.selectedIndex].text;
      html += `<br><button type="button" class="map-add" data-station="${row[F.id]}">` +
        `${escapeHtml(strings.add)} ${escapeHtml(team)}</button>`;
    }
    return html;
  }

  function summarise(data) {
    let text = data.total ? `${data.total} ${strings.shown}, ${data.planned} ${strings.planned}` : strings.none;
    if (data.mode === "clusters") text += ` (${strings.clustered})`;
    statusLine.textContent = text;
  }

  function clusterMarker(cluster) {
    const [lat, lon, count, planned, observed] = cluster;
    const status = observed ? 2 : (planned ? 1 : 0);
    const marker = L.circleMarker([lat, lon], {
      renderer, radius: Math.min(28, 6 + 3 * Math.log2(count)), weight: 1, color: "#ffffff",
      fillColor: STATUS_COLOURS[status], fillOpacity: 0.75,
    });
    marker.bindTooltip(`${count} · ${planned} ${strings.planned}`, { direction: "top" });
    marker.on("click", () => map.setView([lat, lon], Math.min(map.getZoom() + 2, 18)));
    return marker;
  }

  let request = 0;
  function loadView() {
    const bounds = map.getBounds();
    const clamp = (value, limit) => Math.max(-limit, Math.min(limit, value)).toFixed(5);
    const params = new URLSearchParams({
      bbox: [clamp(bounds.getWest(), 180), clamp(bounds.getSouth(), 90), clamp(bounds.getEast(), 180),
        clamp(bounds.getNorth(), 90)].join(","),
      zoom: String(map.getZoom()),
    });
    if (regionSelect.value) params.set("region", regionSelect.value);
    const mine = ++request;
    return getJson(`${config.view}?${params}`).then((data) => {
      if (mine !== request) return; // a later view has been asked for
      map.removeLayer(stationsLayer);
      stationsLayer = L.layerGroup();
      markers = {};
      if (data.mode === "clusters") {
        data.clusters.forEach((cluster) => stationsLayer.addLayer(clusterMarker(cluster)));
      } else {
        data.rows.forEach((row) => {
          const marker = L.circleMarker([row[F.lat], row[F.lon]], style(row));
          marker.row = row;
          marker.on("click", onStationClick);
          markers[row[F.id]] = marker;
          stationsLayer.addLayer(marker);
        });
      }
      stationsLayer.addTo(map);
      routeLayer.bringToFront(); // the route stays drawn over the stations
      view = data;
      summarise(data);
    }).catch(() => { statusLine.textContent = strings.loadError; });
  }

  function fit(box) {
    if (box) map.fitBounds(box, { padding: [20, 20] }); else statusLine.textContent = strings.none;
  }

  function loadRegion() {
    const url = `${config.view}${regionSelect.value ? `?region=${encodeURIComponent(regionSelect.value)}` : ""}`;
    return getJson(url).then((data) => fit(data.bounds)).catch(() => { statusLine.textContent = strings.loadError; });
  }

  function drawRoute(route) {
    routeLayer.clearLayers();
    const points = route.filter((stop) => stop.lat !== null);
    if (!points.length) return;
    const latlngs = points.map((stop) => [stop.lat, stop.lon]);
    L.polyline(latlngs, { color: "#1d2733", weight: 3, dashArray: "6 4", renderer }).addTo(routeLayer);
    points.forEach((stop) => {
      L.circleMarker([stop.lat, stop.lon], {
        renderer, radius: 9, weight: 2, color: "#ffffff", fillColor: PURPOSE_COLOURS[stop.purpose], fillOpacity: 1,
      }).bindTooltip(String(stop.order), { permanent: true, direction: "center", className: "route-number" })
        .bindPopup(`<strong>${stop.order}. ${escapeHtml(stop.code)}</strong><br>${escapeHtml(stop.name)}<br>${escapeHtml(stop.purpose)}`)
        .addTo(routeLayer);
    });
    map.fitBounds(L.latLngBounds(latlngs), { padding: [40, 40], maxZoom: 14 });
  }

  function loadRoute() {
    const team = teamSelect.value;
    const url = new URL(window.location.href);
    if (team) url.searchParams.set("team", team); else url.searchParams.delete("team");
    window.history.replaceState(null, "", url);
    if (!team) { routeLayer.clearLayers(); return; }
    getJson(config.route.replace("/0/", `/${team}/`)).then((data) => { drawRoute(data.route); })
      .catch(() => { statusLine.textContent = strings.loadError; });
  }

  function addStation(stationId) {
    const body = new URLSearchParams({ station: stationId });
    return fetch(config.add.replace("/0/", `/${teamSelect.value}/`), {
      method: "POST", credentials: "same-origin", body,
      headers: { Accept: "application/json", "X-CSRFToken": csrf ? csrf.value : "" },
    }).then((r) => r.json().then((data) => {
      if (!r.ok) { statusLine.textContent = data.error || strings.loadError; return; }
      const marker = markers[stationId];
      if (marker && !marker.row[F.team]) {
        if (marker.row[F.status] === 0) marker.row[F.status] = 1;
        marker.row[F.team] = teamSelect.options[teamSelect.selectedIndex].text;
        marker.setStyle(style(marker.row));
        view.planned += 1;
        summarise(view);
      }
      map.closePopup();
      drawRoute(data.route);
    })).catch(() => { statusLine.textContent = strings.loadError; });
  }

  function onStationClick(event) {
    const row = event.target.row;
    if (addOnClick && addOnClick.checked && teamSelect.value) { addStation(row[F.id]); return; }
    L.popup().setLatLng(event.latlng).setContent(popupHtml(row)).openOn(map);
  }

  map.getContainer().addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest(".map-add");
    if (button) addStation(Number(button.dataset.station));
  });
  regionSelect.addEventListener("change", loadRegion);
  teamSelect.addEventListener("change", loadRoute);
  map.on("moveend", loadView);
  if (teamSelect.value) loadRoute(); else fit(config.bounds);
  loadView(); // moveend may not fire when the fitted view is the one the map started with
}

// The controls act at once; there is nothing to send.
document.getElementById("map-controls").addEventListener("submit", (event) => event.preventDefault());
deploymentMap(startMap("map"));
