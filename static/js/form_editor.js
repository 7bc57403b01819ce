// The form editor: add questions, move them up and down (renumbering the formset's ORDER fields),
// and show only the fields that apply to each question's type. Without JavaScript the page still works:
// positions are typed in, and one blank question is offered per save.
const list = document.getElementById("questions");
const template = document.getElementById("question-template");
const total = document.querySelector('input[name="q-TOTAL_FORMS"]');
const addButton = document.getElementById("add-question");

function renumber() {
  list.querySelectorAll("fieldset.question:not([hidden])").forEach((card, index) => {
    card.querySelector(".number").textContent = index + 1;
    const order = card.querySelector('input[name$="-ORDER"]');
    if (order && (order.value || card.querySelector('input[name$="-code"]').value)) order.value = index + 1;
  });
}

function enhance() {
  list.addEventListener("click", (event) => {
    const button = event.target.closest("button.move");
    if (!button) return;
    const card = button.closest("fieldset.question");
    const step = Number(button.dataset.move);
    const sibling = step < 0 ? card.previousElementSibling : card.nextElementSibling;
    if (!sibling) return;
    list.insertBefore(card, step < 0 ? sibling : sibling.nextElementSibling);
    renumber();
    button.focus();
  });

  list.addEventListener("change", (event) => {
    const card = event.target.closest("fieldset.question");
    if (event.target.name && event.target.name.endsWith("-type")) card.dataset.type = event.target.value;
    if (event.target.name && event.target.name.endsWith("-DELETE")) card.classList.toggle("deleted", event.target.checked);
  });

  // The blank question offered to pages without JavaScript stays hidden until "Add a question" asks
  // for one; posted untouched, it is ignored.
  const initial = Number(document.querySelector('input[name="q-INITIAL_FORMS"]').value);
  list.querySelectorAll("fieldset.question").forEach((card, index) => {
    const typed = Array.from(card.querySelectorAll('input[type="text"], textarea')).some((input) => input.value);
    if (index >= initial && !typed) card.hidden = true;
  });

  addButton.hidden = false;
  addButton.addEventListener("click", () => {
    let card = list.querySelector("fieldset.question[hidden]");
    if (card) {
      list.appendChild(card);
      card.hidden = false;
    } else {
      const index = Number(total.value);
      list.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(index)));
      total.value = index + 1;
      card = list.lastElementChild;
    }
    card.querySelector('input[name$="-ORDER"]').value = list.querySelectorAll("fieldset.question").length;
    renumber();
    card.querySelector('input[name$="-code"]').focus();
  });

  renumber();
}

if (list && template && total) enhance();
