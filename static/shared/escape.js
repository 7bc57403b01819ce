// Text put into HTML built as a string (Leaflet popups): every character that could end a text node or an
// attribute value, so a station name or a team code never runs as markup.
const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (character) => ENTITIES[character]);
}
