// The media coding screen, for the keyboard: the tone in one key (1/+ positive, 2/0 neutral, 3/- negative) once
// the tone group has the focus, Enter saves; seconds worked out from the start and stop times; the programme list
// narrowed to the outlet chosen, and the unit (seconds or cm²) named after it.

const form = document.getElementById("media-coding");

const TONE_KEYS = {
  1: "positive", "+": "positive", p: "positive",
  2: "neutral", 0: "neutral", n: "neutral",
  3: "negative", "-": "negative", x: "negative",
};

function seconds(text) {
  const value = text.trim();
  if (!/^\d{1,5}(:\d{1,2}){0,2}$/.test(value)) return null;
  return value.split(":").reduce((total, part) => total * 60 + Number(part), 0);
}

function chooseTone(tone) {
  const radio = form.querySelector(`input[name="tone"][value="${tone}"]`);
  if (!radio) return;
  radio.checked = true;
  radio.focus();
}

function onKeydown(event) {
  const inTone = event.target.name === "tone";
  if (inTone && TONE_KEYS[event.key]) {
    event.preventDefault();
    chooseTone(TONE_KEYS[event.key]);
  } else if (inTone && event.key === "Enter") {
    event.preventDefault();
    form.requestSubmit();
  }
}

function fillAmount() {
  const amount = form.elements.amount;
  const start = seconds(form.elements.starts.value);
  const stop = seconds(form.elements.stops.value);
  if (start !== null && stop !== null && stop > start && (amount.value === "" || amount.dataset.worked === "1")) {
    amount.value = String(stop - start);
    amount.dataset.worked = "1";
  }
}

function isBroadcast() {
  const outlet = form.elements.outlet;
  if (!outlet) return form.dataset.broadcast === "1";
  const option = outlet.options[outlet.selectedIndex];
  return option ? option.dataset.broadcast === "1" : true;
}

function onOutlet() {
  const outlet = form.elements.outlet;
  const programme = form.elements.programme;
  if (outlet && programme) {
    for (const option of programme.options) {
      option.hidden = option.value !== "" && option.dataset.outlet !== outlet.value;
    }
    if (programme.selectedOptions[0]?.hidden) programme.value = "";
  }
  const broadcast = isBroadcast();
  const unit = form.querySelector("[data-unit-label]");
  unit.textContent = broadcast ? unit.dataset.seconds : unit.dataset.area;
  for (const name of ["starts", "stops"]) form.elements[name].closest("label").hidden = !broadcast;
}

if (form) {
  form.addEventListener("keydown", onKeydown);
  form.elements.starts.addEventListener("input", fillAmount);
  form.elements.stops.addEventListener("input", fillAmount);
  form.elements.amount.addEventListener("input", () => { form.elements.amount.dataset.worked = "0"; });
  form.elements.outlet?.addEventListener("change", onOutlet);
  onOutlet();
}
