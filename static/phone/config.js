// What the server put into the shell: API addresses, map tiles, languages, interface strings, answer checks.
export const config = JSON.parse(document.getElementById("phone-config").textContent);
