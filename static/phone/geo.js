// Where the phone is, and how far each station is from it.
import { t } from "./i18n.js";

const EARTH_RADIUS_KM = 6371;
const radians = (degrees) => (degrees * Math.PI) / 180;

export function distanceKm(from, to) {
  const dLat = radians(to.latitude - from.latitude);
  const dLon = radians(to.longitude - from.longitude);
  const a = Math.sin(dLat / 2) ** 2
    + Math.cos(radians(from.latitude)) * Math.cos(radians(to.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
}

export function distanceText(position, station) {
  if (!position || station.latitude === null || station.latitude === undefined) return "";
  const km = distanceKm(position, station);
  if (km < 1) return t("m_away", { m: Math.round(km * 100) * 10 });
  return t("km_away", { km: km < 10 ? km.toFixed(1) : Math.round(km) });
}

export function watchPosition(onPosition) {
  if (!navigator.geolocation) return;
  navigator.geolocation.watchPosition(
    ({ coords }) => onPosition({ latitude: coords.latitude, longitude: coords.longitude }),
    () => onPosition(null),
    { enableHighAccuracy: true, maximumAge: 60000, timeout: 30000 },
  );
}
