// A small map of the day's stations (numbered in visiting order) and of the phone. Leaflet comes from
// django-leaflet's static files; without tiles (offline, or none configured) the markers still show.
import { PURPOSE_COLOURS } from "../shared/colours.js";
import { config } from "./config.js";

export function stationMap(container, assignments, onPick) {
  if (!window.L) return null;
  const map = L.map(container, { attributionControl: Boolean(config.tiles), zoomSnap: 0.5 });
  if (config.tiles) {
    L.tileLayer(config.tiles, { maxZoom: 19, attribution: `© ${config.attribution}` }).addTo(map);
  }
  const points = [];
  for (const { order, purpose, polling_station: station } of assignments) {
    if (station.latitude === null || station.latitude === undefined) continue;
    const point = [station.latitude, station.longitude];
    points.push(point);
    L.circleMarker(point, { radius: 13, color: "#fff", weight: 2, fillColor: PURPOSE_COLOURS[purpose], fillOpacity: 1 })
      .bindTooltip(String(order), { permanent: true, direction: "center", className: `map-number map-number-${purpose}` })
      .on("click", () => onPick(station.id))
      .addTo(map);
  }
  if (points.length) map.fitBounds(points, { padding: [28, 28], maxZoom: 15 });
  else map.setView(config.center, config.zoom);
  let me = null;
  return {
    showPosition(position) {
      if (!position) return;
      const point = [position.latitude, position.longitude];
      me ||= L.circleMarker(point, { radius: 8, color: "#fff", weight: 3, fillColor: "#1a73e8", fillOpacity: 1 }).addTo(map);
      me.setLatLng(point);
    },
  };
}
