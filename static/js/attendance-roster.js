// The roster's "All present" button: sets every trainee's status to present (no submit).
// Without JavaScript the button stays hidden and unrecorded trainees start as present anyway.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector("[data-roster-all-present]");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    document
      .querySelectorAll('.roster input[type=radio][value="present"]')
      .forEach((radio) => { radio.checked = true; });
  });
});
