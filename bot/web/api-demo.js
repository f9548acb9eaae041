/*
 * The API demo page (api-demo.html): every call, every event and the page's language.
 * Loaded before widget.js, so the listeners go into InterregAssistant.q and the widget
 * picks them up when it loads; after that, q.push runs a call at once.
 */
(() => {
  "use strict";

  const EVENTS = ["ready", "open", "close", "message", "reply", "feedback", "error", "language"];
  const MAX_SHOWN = 40;
  const TEXTS = {
    sv: {
      title: "Chattwidgeten styrd från sidan",
      intro:
        "Den här sidan visar widgetens API: knapparna nedan öppnar, stänger och frågar assistenten, språkvalet ovan byter widgetens språk, och listan visar händelserna som widgeten skickar till sidan. Widgeten ligger till vänster, i sidans gröna färg, med förslag på frågor för den här sidan.",
      callsTitle: "Anrop",
      open: "Öppna chatten",
      close: "Stäng chatten",
      ask: "Fråga: När är nästa utlysning?",
      question: "När är nästa utlysning?",
      refused: "Välj ett språk som inte finns (engelska)",
      eventsTitle: "Händelser",
      eventsIntro: "Det senaste först. Händelserna säger aldrig vad någon skrev.",
      pageTitle: "Chattwidgetens API – Interreg Sverige–Norge",
    },
    nb: {
      title: "Chatwidgeten styrt fra siden",
      intro:
        "Denne siden viser API-et til widgeten: knappene nedenfor åpner, lukker og spør assistenten, språkvalget over bytter språket i widgeten, og listen viser hendelsene widgeten sender til siden. Widgeten ligger til venstre, i sidens grønne farge, med forslag til spørsmål for denne siden.",
      callsTitle: "Kall",
      open: "Åpne chatten",
      close: "Lukk chatten",
      ask: "Spør: Når er neste utlysning?",
      question: "Når er neste utlysning?",
      refused: "Velg et språk som ikke finnes (engelsk)",
      eventsTitle: "Hendelser",
      eventsIntro: "Den nyeste først. Hendelsene sier aldri hva noen skrev.",
      pageTitle: "API-et til chatwidgeten – Interreg Sverige–Norge",
    },
  };
  let language = "sv";

  /* The snippet from docs/widget.md: calls wait in q until widget.js has loaded. */
  window.InterregAssistant = window.InterregAssistant || { q: [] };

  /** A call now if the widget is there, else queued. */
  function assistant(method, ...args) {
    const api = window.InterregAssistant;
    if (typeof api[method] === "function") api[method](...args);
    else api.q.push([method, ...args]);
  }

  function logEvent(name, detail) {
    const list = document.getElementById("demo-events");
    if (!list) return;
    const item = document.createElement("li");
    const label = document.createElement("strong");
    label.textContent = name;
    const data = document.createElement("code");
    data.textContent = JSON.stringify(detail);
    item.dataset.event = name;
    item.append(label, " ", data);
    list.prepend(item);
    while (list.children.length > MAX_SHOWN) list.lastElementChild.remove();
  }

  /* Every event through on(); the language one also as a DOM event (the other mechanism). */
  for (const name of EVENTS) assistant("on", name, (detail) => logEvent(name, detail));
  document.addEventListener("interreg-assistant:language", (event) => showLanguage(event.detail.language));
  assistant("on", "ready", (detail) => showLanguage(detail.language)); /* a language chosen earlier */

  /** The page's own texts; the widget follows through setLanguage (and the page follows it). */
  function showLanguage(lang) {
    language = lang;
    const texts = TEXTS[lang];
    document.documentElement.lang = lang;
    document.title = texts.pageTitle;
    for (const node of document.querySelectorAll("[data-text]")) node.textContent = texts[node.dataset.text];
    for (const code of ["sv", "nb"]) {
      document.getElementById("demo-lang-" + code).setAttribute("aria-pressed", String(code === lang));
    }
  }

  function choose(lang) {
    showLanguage(lang);
    assistant("setLanguage", lang);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const on = (id, fn) => document.getElementById(id).addEventListener("click", fn);
    on("demo-lang-sv", () => choose("sv"));
    on("demo-lang-nb", () => choose("nb"));
    on("demo-open", () => assistant("open"));
    on("demo-close", () => assistant("close"));
    on("demo-ask", () => assistant("ask", TEXTS[language].question));
    on("demo-refused", () => assistant("setLanguage", "en"));
  });
})();
