// Log in and register: both forms post JSON and, on success, go where the shopper was headed.
const { api } = window.shop;

for (const form of document.querySelectorAll("form[data-action]")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const error = form.querySelector(".error");
    const button = form.querySelector("button");
    const data = Object.fromEntries(new FormData(form));
    error.textContent = "";
    button.disabled = true;
    try {
      await api(form.dataset.action, { email: data.email, password: data.password });
      // data-next was checked on the server to be a path on this site (no open redirect).
      location.assign(form.dataset.next);
    } catch (failure) {
      error.textContent = failure.message;
      form.querySelector("input").focus();
    } finally {
      button.disabled = false;
    }
  });
}
