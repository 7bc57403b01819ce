// A select with data-submit-on-change sends its form as soon as a choice is made (the route's purposes); the
// form's own button, shown without JavaScript, does the same.
document.querySelectorAll("select[data-submit-on-change]").forEach((select) => {
  select.addEventListener("change", () => select.form.requestSubmit());
});
