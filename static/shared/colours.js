// What a visit to a station is for, in the colours of the coordinators' map, the phone's map and the route PDF
// (observers/deployment/pdf.py). CSS cannot import them: css/deployment.css (legend dots) and phone/phone.css
// (tags) repeat them.
export const PURPOSE_COLOURS = { opening: "#e69500", voting: "#1d2733", counting: "#b3261e" };
