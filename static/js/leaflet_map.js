// Starts a map written by {% map_element %} (observers/templatetags/map_tags.py) with django-leaflet's
// L.Map.djangoMap, from the options in its JSON element: what django-leaflet's inline script would do.
// Leaflet is the global L of {% leaflet_js %}; the map:init event still fires.
export function startMap(id) {
  const container = document.getElementById(id);
  const djoptions = JSON.parse(document.getElementById(container.dataset.mapOptions).textContent);
  return L.Map.djangoMap(id, { djoptions, globals: false });
}
