/*
 * Interreg Sverige–Norge chat widget. One script tag, no framework, no build step:
 *
 *   <script src="widget.js" data-lang="sv" data-title="Interreg Sverige–Norge"
 *           data-server="http://127.0.0.1:5005"></script>
 *
 * data-server is the Rasa URL; without it the widget reads {"rasaUrl": ...} from
 * config.json next to this file. Talks to Rasa's REST channel with plain fetch.
 * Bot and user text only ever reaches the page through textContent.
 *
 * The widget lives in the shadow root of <div id="interreg-assistant"> (the page's own
 * element of that id, or one it adds), so the host page's CSS cannot reach it.
 * The host page drives it through window.InterregAssistant (open, close, ask,
 * setLanguage, on/off) and hears it through events that never carry what anyone wrote.
 * docs/widget.md describes the API, the data- attributes and the CSS custom properties.
 */
(() => {
  "use strict";

  const script = document.currentScript;
  const HOST_ID = "interreg-assistant";
  const EVENT_PREFIX = "interreg-assistant:";
  const EVENTS = ["ready", "open", "close", "message", "reply", "feedback", "error", "language"];
  const METHODS = ["open", "close", "ask", "setLanguage", "on", "off"];

  /* A copy of this script that is still running on this page (document.open() keeps the
     window but drops the page, and with it a widget that was on it). */
  const ALIVE = Symbol.for("interreg-assistant.alive");
  const previous = window.InterregAssistant;
  if (previous && typeof previous[ALIVE] === "function" && previous[ALIVE]()) {
    console.warn("InterregAssistant: widget.js is already on this page; this copy does nothing.");
    return;
  }

  const STORE_KEY = "interreg-se-no-chat";
  const STATE_VERSION = 2; /* stored state of another version is not read */
  const DAY_MS = 86400000;
  const OPEN_KEY = "interreg-se-no-chat-open";
  const MAX_ENTRIES = 300;
  const REQUEST_TIMEOUT_MS = 60000;
  const RATED_CHARS = 200;
  const MAX_CHARS = 2000; /* the text box's maxlength, for typed and asked questions alike */
  const MAX_SUGGESTIONS = 6;
  const LANGUAGES = ["sv", "nb"]; /* what a reply's payload may name */
  const SVG_NS = "http://www.w3.org/2000/svg";
  const THUMB_PATH =
    "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z";

  const TEXTS = {
    sv: {
      title: "Interreg Sverige–Norge",
      open: "Frågor om Interreg? Chatta med oss",
      close: "Stäng chatten",
      language: "Språk",
      langNames: { sv: "SV – svenska", nb: "NO – norska" },
      tools: "Samtalet",
      newConv: "Nytt samtal",
      download: "Ladda ner",
      downloadLabel: "Ladda ner samtalet som text",
      del: "Radera",
      delLabel: "Radera samtalet här och på servern",
      confirmDelete: "Vill du radera samtalet här och på servern? Det går inte att ångra.",
      confirmYes: "Ja, radera",
      cancel: "Avbryt",
      deleted: "Samtalet är raderat, här och på servern.",
      deleteFailed:
        "Samtalet kunde inte raderas på servern, så ingenting är raderat. Försök igen om en stund.",
      newStarted: "Ett nytt samtal har börjat.",
      privacyTitle: "Innan du börjar",
      privacy: [
        "Det här är en chattbot, inte en människa. Den ger vägledning om Interreg Sverige–Norge, men svaren är inga beslut: om ett projekt kan få stöd avgörs först när ansökan prövas.",
        "Det du skriver, botens svar och dina omdömen (tumme upp eller ned) sparas i assistentens samtalsdatabas under ett slumpmässigt samtals-id, inte under ditt namn. Sekretariatet läser omdömena och de frågor boten inte kunde svara på, för att förbättra tjänsten. En kopia av samtalet sparas i den här webbläsaren så att det finns kvar när du laddar om sidan.",
      ],
      keptUntilDeleted:
        "Samtalet sparas tills du raderar det med knappen ”Radera”, som tar bort det både här och på servern.",
      keptDays: (n) =>
        `Samtalet sparas på servern i högst ${n} dagar. Du kan radera det när du vill med knappen ”Radera”, som tar bort det både här och på servern.`,
      privacyLast:
        "Ett nytt samtal raderar inte det gamla. Skriv inga personuppgifter, till exempel personnummer eller telefonnummer.",
      accept: "Jag förstår – starta chatten",
      inputLabel: "Skriv din fråga",
      placeholder: "Skriv din fråga här …",
      send: "Skicka",
      typing: "Assistenten skriver …",
      log: "Samtal",
      you: "Du",
      bot: "Assistenten",
      offline:
        "Det går inte att nå assistenten just nu. Kontrollera anslutningen och försök igen.",
      unsent: "Ditt senaste meddelande kom inte fram till assistenten.",
      retry: "Försök igen",
      notSent: "(inte skickat)",
      chosen: "(valt)",
      choices: "Svarsalternativ",
      newWindow: "(öppnas i en ny flik)",
      feedback: "Var svaret till hjälp?",
      up: "Ja, svaret hjälpte",
      down: "Nej, svaret hjälpte inte",
      areasTitle: "Insatsområden som kan passa",
      why: "Varför:",
      strength: { strong: "Passar bra", clear: "Kan passa", weak: "Svag koppling" },
      readMore: "Läs mer om",
      eligible: { true: "Kan söka", false: "Kan inte söka", null: "Oklart – mer information behövs" },
      reasons: "Skäl",
      requirements: "Krav på projektet",
      source: "Källa",
      sources: "Källor",
      summaryTitle: "Sammanfattning av projektidén (att använda i idéskissen)",
      summaryWho: "Vilka ni är",
      summaryPartner: "Partner ni behöver",
      summaryFocus: "Troliga insatsområden",
      summaryType: "Projekttyp som kan passa",
      summaryNext: "Nästa steg",
      summaryAdviser: "Kontakta",
      summaryMissing: "Det här vet jag ännu inte",
      copy: "Kopiera",
      copyLabel: "Kopiera sammanfattningen",
      copied: "Sammanfattningen är kopierad.",
      copyRefused:
        "Webbläsaren tillät inte kopiering. Texten är markerad i rutan nedan – kopiera den med Ctrl+C (Cmd+C på Mac).",
      copyBox: "Sammanfattningen som text",
      summaryDownloadLabel: "Ladda ner sammanfattningen som textfil",
      summarySaved: "Sammanfattningen är nedladdad som textfil.",
      summaryFile: "sammanfattning-projektide",
      file: "interreg-samtal",
      fileHeader: "Samtal med Interreg Sverige–Norges chattbot",
      fileNote: "Svaren är vägledning, inga beslut.",
      fileId: "Samtals-id",
      fileChoices: "Alternativ",
      fileRating: { up: "Omdöme: bra svar", down: "Omdöme: dåligt svar" },
      starters: "Förslag på frågor",
    },
    nb: {
      title: "Interreg Sverige–Norge",
      open: "Spørsmål om Interreg? Chatt med oss",
      close: "Lukk chatten",
      language: "Språk",
      langNames: { sv: "SV – svensk", nb: "NO – norsk" },
      tools: "Samtalen",
      newConv: "Ny samtale",
      download: "Last ned",
      downloadLabel: "Last ned samtalen som tekst",
      del: "Slett",
      delLabel: "Slett samtalen her og på serveren",
      confirmDelete: "Vil du slette samtalen her og på serveren? Dette kan ikke angres.",
      confirmYes: "Ja, slett",
      cancel: "Avbryt",
      deleted: "Samtalen er slettet, her og på serveren.",
      deleteFailed:
        "Samtalen kunne ikke slettes på serveren, så ingenting er slettet. Prøv igjen om litt.",
      newStarted: "En ny samtale er startet.",
      privacyTitle: "Før du begynner",
      privacy: [
        "Dette er en chatbot, ikke et menneske. Den gir veiledning om Interreg Sverige–Norge, men svarene er ikke vedtak: om et prosjekt kan få støtte, avgjøres først når søknaden behandles.",
        "Det du skriver, svarene fra boten og vurderingene dine (tommel opp eller ned) lagres i assistentens samtaledatabase under en tilfeldig samtale-ID, ikke under navnet ditt. Sekretariatet leser vurderingene og spørsmålene boten ikke kunne svare på, for å gjøre tjenesten bedre. En kopi av samtalen lagres i denne nettleseren, slik at den er der når du laster inn siden på nytt.",
      ],
      keptUntilDeleted:
        "Samtalen lagres til du sletter den med knappen «Slett», som fjerner den både her og på serveren.",
      keptDays: (n) =>
        `Samtalen lagres på serveren i høyst ${n} dager. Du kan når som helst slette den med knappen «Slett», som fjerner den både her og på serveren.`,
      privacyLast:
        "En ny samtale sletter ikke den gamle. Ikke skriv personopplysninger, for eksempel fødselsnummer eller telefonnummer.",
      accept: "Jeg forstår – start chatten",
      inputLabel: "Skriv spørsmålet ditt",
      placeholder: "Skriv spørsmålet ditt her …",
      send: "Send",
      typing: "Assistenten skriver …",
      log: "Samtale",
      you: "Du",
      bot: "Assistenten",
      offline:
        "Vi får ikke kontakt med assistenten akkurat nå. Sjekk tilkoblingen og prøv igjen.",
      unsent: "Den siste meldingen din kom ikke fram til assistenten.",
      retry: "Prøv igjen",
      notSent: "(ikke sendt)",
      chosen: "(valgt)",
      choices: "Svaralternativer",
      newWindow: "(åpnes i ny fane)",
      feedback: "Var svaret til hjelp?",
      up: "Ja, svaret hjalp",
      down: "Nei, svaret hjalp ikke",
      areasTitle: "Innsatsområder som kan passe",
      why: "Hvorfor:",
      strength: { strong: "Passer godt", clear: "Kan passe", weak: "Svak kobling" },
      readMore: "Les mer om",
      eligible: { true: "Kan søke", false: "Kan ikke søke", null: "Uklart – mer informasjon trengs" },
      reasons: "Begrunnelse",
      requirements: "Krav til prosjektet",
      source: "Kilde",
      sources: "Kilder",
      summaryTitle: "Oppsummering av prosjektideen (til bruk i idéskissen)",
      summaryWho: "Hvem dere er",
      summaryPartner: "Partner dere trenger",
      summaryFocus: "Sannsynlige innsatsområder",
      summaryType: "Prosjekttype som kan passe",
      summaryNext: "Neste steg",
      summaryAdviser: "Kontakt",
      summaryMissing: "Dette vet jeg ennå ikke",
      copy: "Kopier",
      copyLabel: "Kopier oppsummeringen",
      copied: "Oppsummeringen er kopiert.",
      copyRefused:
        "Nettleseren tillot ikke kopiering. Teksten er merket i feltet nedenfor – kopier den med Ctrl+C (Cmd+C på Mac).",
      copyBox: "Oppsummeringen som tekst",
      summaryDownloadLabel: "Last ned oppsummeringen som tekstfil",
      summarySaved: "Oppsummeringen er lastet ned som tekstfil.",
      summaryFile: "oppsummering-prosjektide",
      file: "interreg-samtale",
      fileHeader: "Samtale med chatboten til Interreg Sverige–Norge",
      fileNote: "Svarene er veiledning, ikke vedtak.",
      fileId: "Samtale-ID",
      fileChoices: "Alternativer",
      fileRating: { up: "Vurdering: godt svar", down: "Vurdering: dårlig svar" },
      starters: "Forslag til spørsmål",
    },
  };

  const langOf = (value) => (value === "nb" || value === "no" || value === "nn" ? "nb" : "sv");
  const scriptData = script ? { ...script.dataset } : {};
  const baseUrl = (script && script.src) || document.baseURI;
  /* Read in start(): the script tag's data- attributes, overridden by the host element's. */
  let settings = scriptData;
  let pageLang = "sv";
  let configuredTitle = null;
  let suggestions = { sv: [], nb: [] };

  /* ---------- state, persisted in localStorage ---------- */

  function newId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return "web-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  /** languageChosen: the user picked SV/NO or asked the bot for a language; else the page's applies. */
  function freshState(language, languageChosen) {
    return {
      senderId: newId(),
      transcript: [],
      language,
      languageChosen,
      privacyAccepted: false,
      savedAt: Date.now(),
    };
  }

  function loadState() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORE_KEY) || "null");
      if (
        saved &&
        saved.version === STATE_VERSION &&
        typeof saved.senderId === "string" &&
        Array.isArray(saved.transcript)
      ) {
        const loaded = {
          senderId: saved.senderId,
          transcript: saved.transcript.filter(validEntry),
          language: saved.languageChosen === true ? langOf(saved.language) : pageLang,
          languageChosen: saved.languageChosen === true,
          privacyAccepted: saved.privacyAccepted === true,
          savedAt: Number.isFinite(saved.savedAt) ? saved.savedAt : 0,
        };
        if (!expired(loaded)) return loaded;
        localStorage.removeItem(STORE_KEY); /* kept longer than the page promises */
      }
    } catch (err) {
      /* unreadable or blocked storage: start afresh */
    }
    return freshState(pageLang, false);
  }

  /** Kept in this browser longer than the page says conversations are kept: dropped. */
  function expired(saved) {
    return retentionDays !== null && Date.now() - saved.savedAt > retentionDays * DAY_MS;
  }

  let retentionDays = null;
  let state = null; /* loaded in start(), once the settings are known */
  let rasaUrl = null;
  let host = null; /* the page's element that holds the shadow root */
  let shadow = null;
  let started = false;
  const early = []; /* API calls made before start(), run in order by it */
  let waitingAsk = null; /* ask() while the notice is unread or a reply is on its way */
  let busy = false;
  let pendingTurn = null; /* the turn that did not get through: what "retry" sends again */
  let languageQueued = false; /* SV/NO pressed while a reply was on its way */
  let inflight = Promise.resolve(); /* the message on its way, which a delete must wait for */
  let configLoad = null;

  function positiveInt(value) {
    const n = Number(value);
    return Number.isInteger(n) && n > 0 ? n : null;
  }

  /** Stored entries are re-checked: a damaged one must not break the widget. */
  function validEntry(entry) {
    if (!entry || typeof entry !== "object") return false;
    if (entry.role === "user") {
      if (entry.pending) {
        /* the page went away before the answer came: offer to send it again */
        delete entry.pending;
        entry.failed = true;
      }
      return typeof entry.text === "string" && (entry.sent === undefined || typeof entry.sent === "string");
    }
    if (entry.role !== "bot" || !Array.isArray(entry.messages)) return false;
    entry.messages = cleanMessages(entry.messages);
    return true;
  }

  /** Only the newest entries are stored; in memory the indexes stay as they are. */
  function save() {
    try {
      state.savedAt = Date.now();
      const kept = {
        ...state,
        transcript: state.transcript.slice(-MAX_ENTRIES),
        version: STATE_VERSION,
      };
      localStorage.setItem(STORE_KEY, JSON.stringify(kept));
    } catch (err) {
      /* storage full or blocked: the conversation still works, it just won't survive a reload */
    }
  }

  const t = () => TEXTS[state.language];

  /* ---------- DOM helpers (text only, never HTML) ---------- */

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(className, text, onClick) {
    const node = el("button", className, text);
    node.type = "button";
    if (onClick) node.addEventListener("click", onClick);
    return node;
  }

  /** The focused element inside the widget (the page's activeElement is only the host). */
  function focused() {
    return shadow ? shadow.activeElement : null;
  }

  function srOnly(text) {
    return el("span", "isn-sr", text);
  }

  function icon(flip) {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    if (flip) svg.setAttribute("class", "isn-flip");
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", THUMB_PATH);
    svg.appendChild(path);
    return svg;
  }

  /** Text with http(s) links made clickable; everything else stays plain text. */
  function richText(text, lang) {
    const fragment = document.createDocumentFragment();
    const pattern = /https?:\/\/[^\s<>"'«»”]+/g;
    let last = 0;
    let match;
    while ((match = pattern.exec(text)) !== null) {
      let href = match[0];
      const trail = /[.,;:!?)\]]+$/.exec(href);
      if (trail) href = href.slice(0, -trail[0].length);
      let url = null;
      try {
        url = new URL(href);
      } catch (err) {
        url = null;
      }
      if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) continue;
      fragment.appendChild(document.createTextNode(text.slice(last, match.index)));
      const link = el("a", null, href);
      link.href = url.href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.appendChild(srOnly(" " + TEXTS[lang].newWindow));
      fragment.appendChild(link);
      last = match.index + href.length;
      pattern.lastIndex = last;
    }
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  /* ---------- building the widget ---------- */

  const root = el("aside", "isn-root");
  const launcher = button("isn-launcher", "", () => setOpen(true, "user"));
  const panel = el("div", "isn-panel");
  panel.id = "isn-panel";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-labelledby", "isn-title");
  panel.hidden = true;
  launcher.setAttribute("aria-controls", panel.id);
  launcher.setAttribute("aria-expanded", "false");

  const header = el("div", "isn-header");
  const title = el("h2", "isn-title");
  title.id = "isn-title";
  const langGroup = el("div", "isn-lang");
  langGroup.setAttribute("role", "group");
  const langButtons = {
    sv: button("isn-lang-btn", "SV", () => setLanguage("sv", "user")),
    nb: button("isn-lang-btn", "NO", () => setLanguage("nb", "user")),
  };
  langGroup.append(langButtons.sv, langButtons.nb);
  const closeButton = button("isn-close", "×", () => setOpen(false, "user"));
  header.append(title, langGroup, closeButton);

  const tools = el("div", "isn-tools");
  tools.setAttribute("role", "group");
  const newButton = button("isn-tool", "", newConversation);
  const downloadButton = button("isn-tool", "", download);
  const deleteButton = button("isn-tool", "", askDelete);
  tools.append(newButton, downloadButton, deleteButton);

  const confirmBox = el("div", "isn-confirm");
  confirmBox.setAttribute("role", "group");
  confirmBox.setAttribute("aria-labelledby", "isn-confirm-text");
  confirmBox.hidden = true;
  const confirmText = el("p", null);
  confirmText.id = "isn-confirm-text";
  const confirmYes = button("isn-danger", "", deleteConversation);
  const confirmNo = button("isn-secondary", "", () => closeConfirm(true));
  const confirmButtons = el("div", "isn-row");
  confirmButtons.append(confirmYes, confirmNo);
  confirmBox.append(confirmText, confirmButtons);

  const alertBox = el("div", "isn-alert");
  alertBox.setAttribute("role", "alert");
  const alertText = el("p", null);
  const retryButton = button("isn-secondary", "", retryNow);
  alertBox.append(alertText, retryButton);
  let alertKey = null;

  const notice = el("div", "isn-notice");
  const noticeBody = el("div", "isn-notice-body");
  const acceptButton = button("isn-primary", "", acceptPrivacy);
  notice.append(noticeBody, acceptButton);

  const log = el("ol", "isn-log");
  log.tabIndex = 0;
  const typing = el("li", "isn-msg isn-bot isn-typing");
  const dots = el("span", "isn-dots");
  dots.setAttribute("aria-hidden", "true");
  dots.append(el("span"), el("span"), el("span"));
  const typingText = srOnly("");
  typing.append(dots, typingText);

  const live = el("div", "isn-sr");
  live.setAttribute("aria-live", "polite");

  const form = el("form", "isn-composer");
  const inputLabel = el("label", "isn-sr");
  inputLabel.htmlFor = "isn-input";
  const input = el("textarea", "isn-input");
  input.id = "isn-input";
  input.rows = 2;
  input.maxLength = MAX_CHARS;
  const sendButton = el("button", "isn-primary isn-send");
  sendButton.type = "submit";
  form.append(inputLabel, input, sendButton);

  /* The page's starter suggestions (data-suggestions-sv / -nb), while the conversation is empty. */
  const starters = el("div", "isn-starters");
  starters.setAttribute("role", "group");
  starters.setAttribute("aria-labelledby", "isn-starters-title");
  const startersTitle = el("p", "isn-starters-title");
  startersTitle.id = "isn-starters-title";
  const startersList = el("div", "isn-choices");
  starters.append(startersTitle, startersList);

  panel.append(header, tools, confirmBox, alertBox, notice, log, starters, form, live);
  root.append(launcher, panel);

  /** Every widget text in the current language; called on start and on a toggle. */
  function applyTexts() {
    const x = t();
    root.lang = state.language;
    root.setAttribute("aria-label", configuredTitle || x.title);
    title.textContent = configuredTitle || x.title;
    launcher.textContent = x.open;
    closeButton.setAttribute("aria-label", x.close);
    langGroup.setAttribute("aria-label", x.language);
    for (const code of ["sv", "nb"]) {
      langButtons[code].setAttribute("aria-label", x.langNames[code]);
      langButtons[code].setAttribute("aria-pressed", String(state.language === code));
    }
    tools.setAttribute("aria-label", x.tools);
    newButton.textContent = x.newConv;
    downloadButton.textContent = x.download;
    downloadButton.setAttribute("aria-label", x.downloadLabel);
    deleteButton.textContent = x.del;
    deleteButton.setAttribute("aria-label", x.delLabel);
    confirmText.textContent = x.confirmDelete;
    confirmYes.textContent = x.confirmYes;
    confirmNo.textContent = x.cancel;
    retryButton.textContent = x.retry;
    if (alertKey) alertText.textContent = x[alertKey];
    renderNotice();
    acceptButton.textContent = x.accept;
    log.setAttribute("aria-label", x.log);
    typingText.textContent = x.typing;
    inputLabel.textContent = x.inputLabel;
    input.placeholder = x.placeholder;
    sendButton.textContent = x.send;
    notice.hidden = state.privacyAccepted;
    log.hidden = !state.privacyAccepted;
    form.hidden = !state.privacyAccepted;
    renderLog();
    renderStarters();
  }

  /** The suggestions in the widget's language, shown until the first message is sent. */
  function renderStarters() {
    const list = suggestions[state.language];
    const show = state.privacyAccepted && !state.transcript.length && list.length > 0;
    starters.hidden = !show;
    starters.lang = state.language;
    startersTitle.textContent = t().starters;
    const refocus = starters.contains(focused());
    startersList.replaceChildren(
      ...(show ? list.map((text) => button("isn-choice isn-starter", text, () => suggest(text))) : []),
    );
    if (refocus) input.focus();
  }

  function suggest(text) {
    if (busy) return;
    input.focus();
    send(text, { shown: text, source: "suggestion" });
  }

  /** The privacy notice: what is stored, where, for how long, and that this is a bot. */
  function renderNotice() {
    const x = t();
    const heading = el("h3", "isn-notice-title", x.privacyTitle);
    heading.tabIndex = -1;
    const kept = retentionDays ? x.keptDays(retentionDays) : x.keptUntilDeleted;
    const refocus = noticeBody.contains(focused());
    noticeBody.replaceChildren(heading);
    for (const paragraph of [...x.privacy, kept, x.privacyLast]) noticeBody.append(el("p", null, paragraph));
    notice.lang = state.language;
    if (refocus) heading.focus();
  }

  /* ---------- rendering the transcript ---------- */

  /** The whole log; on start, a language switch or a reset (focus is outside the log then). */
  function renderLog() {
    const items = state.transcript.map(renderEntry);
    if (busy) items.push(typing);
    log.replaceChildren(...items);
  }

  function appendEntry(index) {
    log.insertBefore(renderEntry(state.transcript[index], index), typing.parentNode ? typing : null);
  }

  /** Redraw one entry in place; a control that had focus gets it back in the new copy. */
  function refreshEntry(index) {
    const old = log.children[index];
    if (!old || old === typing) return;
    const key = old.contains(focused()) ? focused().dataset.key : null;
    const fresh = renderEntry(state.transcript[index], index);
    old.replaceWith(fresh);
    const again = key && fresh.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (again && !again.disabled) again.focus();
    else if (key) input.focus();
  }

  function setBusy(on) {
    busy = on;
    if (on) log.append(typing);
    else typing.remove();
    lockControls(log);
  }

  function renderEntry(entry, index) {
    const item = entry.role === "user" ? renderUser(entry) : renderBot(entry, index);
    lockControls(item);
    return item;
  }

  /** While a reply is on its way, clicks on answers are ignored: say so (aria-disabled keeps focus). */
  function lockControls(scope) {
    for (const node of scope.querySelectorAll(".isn-thumb, .isn-choice")) {
      if (busy) node.setAttribute("aria-disabled", "true");
      else node.removeAttribute("aria-disabled");
    }
  }

  function renderUser(entry) {
    const item = el("li", "isn-msg isn-user");
    item.lang = entry.lang;
    item.append(srOnly(t().you + ": "), el("span", "isn-text", entry.text));
    if (entry.failed) item.append(el("span", "isn-failed", " " + t().notSent));
    return item;
  }

  function renderBot(entry, index) {
    const item = el("li", "isn-msg isn-bot");
    item.lang = entry.lang;
    item.append(srOnly(t().bot + ": "));
    const cardPayloads = new Set();
    const choices = [];
    const summaries = findSummaries(entry.messages);
    const drawn = new Map();
    for (const [at, summary] of summaries) {
      try {
        drawn.set(at, renderSummary(summary, entry));
      } catch (err) {
        /* not drawn: its text stays */
      }
    }
    const hidden = new Set([...drawn.keys()].flatMap((at) => summaries.get(at).hide));
    const listed = new Map(); /* source line -> its sources, from the reply's cards */
    for (const { custom } of entry.messages) {
      if (custom && typeof custom.source_line === "string" && Array.isArray(custom.sources)) {
        listed.set(custom.source_line, custom.sources);
      }
    }
    entry.messages.forEach((message, at) => {
      if (message.text && !hidden.has(at)) appendText(item, message.text, entry.lang, listed);
      let card = drawn.get(at) || null;
      try {
        card = card || (message.custom && renderCard(message.custom, entry, index, cardPayloads));
      } catch (err) {
        card = null; /* a card of a shape this widget cannot draw: the text stands alone */
      }
      if (card) item.append(card);
      for (const b of message.buttons || []) choices.push(b);
    });
    const shown = choices.filter((b) => !cardPayloads.has(b.payload));
    if (shown.length) {
      const group = el("div", "isn-choices");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", t().choices);
      for (const b of shown) group.append(choiceButton("isn-choice", b.title, b.payload, entry, index));
      item.append(group);
    }
    if (!entry.plain && entry.messages.some((m) => m.text)) item.append(thumbs(entry, index));
    return item;
  }

  /**
   * A reply's text as bubbles, with each of its source lines as links on the page titles.
   * Rasa's REST channel sends the text, the source line and the card as separate messages,
   * so a source line is found by its own form, in whichever message it comes.
   */
  function appendText(item, text, lang, listed) {
    const lines = text.split(/\r?\n/);
    const found = lines.map((line) => sourceOf(line, listed));
    const bubble = (body) => {
      if (!body) return;
      const paragraph = el("p", "isn-text");
      paragraph.append(richText(body, lang));
      item.append(paragraph);
    };
    if (!found.some(Boolean)) return bubble(text);
    let body = [];
    lines.forEach((line, i) => {
      if (!found[i]) return body.push(line);
      bubble(body.join("\n").trim());
      body = [];
      item.append(sourcesParagraph(found[i]));
    });
    bubble(body.join("\n").trim());
  }

  const SOURCE_LABEL = /^(Källa|Källor|Kilde|Kilder): /;
  const SOURCE_URL = / \((https?:\/\/[^\s()<>"]+)\)/g;
  const AS_OF = { sv: "uppgifter", nb: "opplysninger" };

  /** An http(s) address; anything else (javascript:, data:, …) is null and never a link. */
  function webUrl(text) {
    try {
      const url = new URL(text);
      return url.protocol === "http:" || url.protocol === "https:" ? url : null;
    } catch (err) {
      return null;
    }
  }

  /**
   * A source line as domain.yml's utter_source_line writes it, "Källa: Title (https://…);
   * Title (https://…) (uppgifter per 2025-01-01)." (Kilde/Kilder … opplysninger per … in
   * Norwegian): {lang, parts}, the parts text and {title, url}. Any other line is null and
   * stays text. A line the form does not fit (a title with an address in it) is read by
   * the sources its card lists, when the reply has that card.
   */
  function sourceOf(line, listed) {
    const head = SOURCE_LABEL.exec(line);
    if (!head) return null;
    const lang = head[1].startsWith("Käll") ? "sv" : "nb";
    const parts = [head[0]];
    let at = head[0].length;
    let match;
    SOURCE_URL.lastIndex = at;
    while ((match = SOURCE_URL.exec(line)) !== null) {
      const gap = line.slice(at, match.index);
      const title = parts.length === 1 ? gap : gap.startsWith("; ") ? gap.slice(2) : "";
      const url = webUrl(match[1]);
      if (!title.trim() || title.includes("://") || !url) break;
      if (parts.length > 1) parts.push("; ");
      parts.push({ title, url });
      at = SOURCE_URL.lastIndex;
    }
    const tail = line.slice(at);
    const asOf = new RegExp(`^( \\(${AS_OF[lang]} per \\d{4}-\\d{2}-\\d{2}\\))?\\.?$`);
    if (match === null && parts.length > 1 && asOf.test(tail)) {
      parts.push(tail);
      return { lang, parts };
    }
    const sources = listed.get(line);
    return sources ? cardParts(line, lang, sources) : null;
  }

  /** The line split at each "title (address)" its card lists; null when none is there. */
  function cardParts(line, lang, sources) {
    const parts = [];
    let rest = line;
    for (const source of sources) {
      if (!source || typeof source.title !== "string" || typeof source.url !== "string") continue;
      const written = `${source.title} (${source.url})`;
      const at = rest.indexOf(written);
      const url = webUrl(source.url);
      if (at < 0 || !url || !source.title.trim()) continue;
      parts.push(rest.slice(0, at), { title: source.title, url });
      rest = rest.slice(at + written.length);
    }
    parts.push(rest);
    return parts.length > 1 ? { lang, parts } : null;
  }

  /** The source line with each page as a link on its title (new tab, no referrer). */
  function sourcesParagraph(source) {
    const paragraph = el("p", "isn-sources");
    paragraph.lang = source.lang;
    for (const part of source.parts) {
      if (typeof part === "string") {
        paragraph.append(part);
        continue;
      }
      const link = el("a", null, part.title);
      link.href = part.url.href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.append(srOnly(" " + TEXTS[source.lang].newWindow));
      paragraph.append(link);
    }
    return paragraph;
  }

  /** A quick reply or a card button: disabled for good once one of its turn is clicked. */
  function choiceButton(className, label, payload, entry, index) {
    const node = button(className, label, () => choose(index, label, payload));
    node.dataset.key = "choice:" + payload;
    if (entry.chosen !== undefined && entry.chosen !== null) {
      node.disabled = true;
      if (entry.chosen === payload) {
        node.classList.add("isn-chosen");
        node.append(srOnly(" " + t().chosen));
      }
    }
    return node;
  }

  /** A card for focus_areas and eligibility; other types (language, unknown ones) draw none. */
  function renderCard(custom, entry, index, cardPayloads) {
    const lang = custom.language === "nb" || custom.language === "sv" ? custom.language : entry.lang;
    const x = TEXTS[lang];
    if (custom.type === "focus_areas" && Array.isArray(custom.items) && custom.items.length) {
      const card = el("div", "isn-card");
      card.lang = lang;
      card.append(el("p", "isn-card-title", x.areasTitle));
      const list = el("ul", "isn-areas");
      for (const area of custom.items) {
        const code = String(area.code || "");
        const payload = "/ask_focus_area" + JSON.stringify({ focus_area: code });
        cardPayloads.add(payload);
        const li = el("li", "isn-area");
        const head = el("p", "isn-area-head");
        head.append(el("span", "isn-code", code), " ", el("strong", null, area.title || ""));
        li.append(head);
        // How well it fits, in words: the score counts matched terms, it is no probability.
        if (Object.prototype.hasOwnProperty.call(x.strength, area.strength)) {
          li.append(el("p", "isn-score", x.strength[area.strength]));
        }
        if (area.summary) li.append(el("p", null, area.summary));
        const why = Array.isArray(area.why) ? area.why.filter(Boolean) : [];
        if (why.length) {
          const p = el("p", "isn-why");
          p.append(el("span", "isn-label", x.why), " " + why.join(", "));
          li.append(p);
        }
        li.append(choiceButton("isn-choice isn-more", `${x.readMore} ${code}`, payload, entry, index));
        list.append(li);
      }
      card.append(list);
      return card;
    }
    if (custom.type === "eligibility") {
      const verdict = custom.eligible === true ? "true" : custom.eligible === false ? "false" : "null";
      const card = el("div", "isn-card isn-elig isn-elig-" + verdict);
      card.lang = lang;
      const head = el("p", "isn-card-title");
      const mark = el("span", "isn-mark", { true: "✓", false: "✕", null: "?" }[verdict]);
      mark.setAttribute("aria-hidden", "true");
      head.append(mark, " " + x.eligible[verdict]);
      card.append(head);
      appendList(card, x.reasons, custom.reasons);
      appendList(card, x.requirements, custom.requirements);
      return card;
    }
    return null;
  }

  /* ---------- the project-idea summary card ---------- */

  const nonEmpty = (value) => (typeof value === "string" && value.trim() ? value.trim() : null);

  /**
   * A summary card as the widget draws it, or null when a field it cannot do without
   * (next step, adviser, disclaimer) is missing: then the reply's text stands alone.
   * Fields about the user may be null (not told yet); broken list items are dropped.
   */
  function summaryOf(custom) {
    if (!custom || custom.type !== "summary") return null;
    const next = nonEmpty(custom.next_step);
    const adviser = nonEmpty(custom.adviser);
    const disclaimer = nonEmpty(custom.disclaimer);
    if (!next || !adviser || !disclaimer) return null;
    const type = custom.project_type && typeof custom.project_type === "object" ? custom.project_type : {};
    const typeName = nonEmpty(type.name);
    const typeWhy = nonEmpty(type.why);
    return {
      lang: LANGUAGES.includes(custom.language) ? custom.language : null,
      who: nonEmpty(custom.who),
      partner: nonEmpty(custom.partner),
      areas: (Array.isArray(custom.focus_areas) ? custom.focus_areas : [])
        .filter((a) => a && nonEmpty(a.code) && nonEmpty(a.title))
        .map((a) => ({
          code: a.code.trim(),
          title: a.title.trim(),
          why: (Array.isArray(a.why) ? a.why : []).map(nonEmpty).filter(Boolean),
        })),
      type: typeName ? typeName + (typeWhy ? " – " + typeWhy : "") : null,
      next,
      adviser,
      missing: (Array.isArray(custom.missing) ? custom.missing : []).map(nonEmpty).filter(Boolean),
      disclaimer,
      sources: (Array.isArray(custom.sources) ? custom.sources : []).filter(
        (s) => s && nonEmpty(s.title) && typeof s.url === "string" && /^https?:\/\/\S+$/.test(s.url),
      ),
      line: nonEmpty(custom.source_line),
    };
  }

  /**
   * Each drawable summary card by its message's index, with the text messages it replaces:
   * its own text, or (Rasa's REST channel sends text and card apart) the summary text
   * ending in the disclaimer and the source line just before it.
   */
  function findSummaries(messages) {
    const found = new Map();
    messages.forEach((message, at) => {
      const card = summaryOf(message.custom);
      if (!card) return;
      const hide = [];
      let body = null;
      if (message.text) {
        hide.push(at);
        body = card.line && message.text.endsWith(card.line) ? message.text.slice(0, -card.line.length) : message.text;
      } else {
        const plain = (i) => i >= 0 && !messages[i].custom && !(messages[i].buttons && messages[i].buttons.length);
        let before = at - 1;
        if (card.line && plain(before) && messages[before].text === card.line) hide.push(before--);
        if (plain(before) && nonEmpty(messages[before].text) && messages[before].text.trim().endsWith(card.disclaimer)) {
          hide.push(before);
          body = messages[before].text;
        }
      }
      found.set(at, { card, hide, body: body && body.trim() });
    });
    return found;
  }

  /** The summary as a readable card with "Copy" and "Download" (a .txt in the reply's language). */
  function renderSummary(summary, entry) {
    const s = summary.card;
    const lang = s.lang || entry.lang || state.language;
    const x = TEXTS[lang];
    const card = el("div", "isn-card isn-summary");
    card.lang = lang;
    card.append(el("h3", "isn-card-title", x.summaryTitle));
    const facts = el("dl", "isn-facts");
    const lines = [x.summaryTitle]; /* the file's text when the reply's own text is not there */
    const fact = (label, value, shown) => {
      if (!value) return;
      const dd = el("dd");
      dd.append(shown || richText(value, lang));
      facts.append(el("dt", null, label), dd);
      lines.push(`${label}: ${value}`);
    };
    fact(x.summaryWho, s.who);
    fact(x.summaryPartner, s.partner);
    if (s.areas.length) {
      const list = el("ul", "isn-areas");
      for (const area of s.areas) {
        const li = el("li", "isn-area");
        const head = el("p", "isn-area-head");
        head.append(el("span", "isn-code", area.code), " ", el("strong", null, area.title));
        li.append(head);
        if (area.why.length) {
          const why = el("p", "isn-why");
          why.append(el("span", "isn-label", x.why), " " + area.why.join(", "));
          li.append(why);
        }
        list.append(li);
      }
      const text = s.areas.map((a) => `${a.code} ${a.title}` + (a.why.length ? ` (${a.why.join(", ")})` : ""));
      fact(x.summaryFocus, text.join("; "), list);
    }
    fact(x.summaryType, s.type);
    fact(x.summaryNext, s.next);
    fact(x.summaryAdviser, s.adviser);
    fact(x.summaryMissing, s.missing.join(", "));
    lines.push(s.disclaimer);
    card.append(facts, el("p", "isn-disclaimer", s.disclaimer));
    if (s.line) {
      const source = sourceOf(s.line, new Map([[s.line, s.sources]]));
      card.append(source ? sourcesParagraph(source) : el("p", "isn-sources", s.line));
    }
    const text = summaryText(summary.body || lines.join("\n"), s, x);
    const status = el("p", "isn-status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    const box = el("textarea", "isn-copy-box");
    box.readOnly = true;
    box.rows = 6;
    box.hidden = true;
    box.setAttribute("aria-label", x.copyBox);
    const say = (message) => status.replaceChildren(el("span", null, message));
    const copyButton = button("isn-tool", x.copy, () => copyText(text, box, say, x));
    copyButton.setAttribute("aria-label", x.copyLabel);
    const saveButton = button("isn-tool", x.download, () => {
      saveText(text, `${x.summaryFile}-${new Date().toISOString().slice(0, 10)}.txt`);
      say(x.summarySaved);
    });
    saveButton.setAttribute("aria-label", x.summaryDownloadLabel);
    const actions = el("div", "isn-row isn-summary-actions");
    actions.append(copyButton, saveButton);
    card.append(actions, status, box);
    return card;
  }

  /** The summary's text, then its public sources as "title — address" under the as-of date. */
  function summaryText(body, s, x) {
    const lines = [body];
    if (s.sources.length) {
      const asOf = s.line ? /(\([^()]*\d{4}-\d{2}-\d{2}\))\.?\s*$/.exec(s.line) : null;
      const heading = (s.sources.length > 1 ? x.sources : x.source) + (asOf ? " " + asOf[1] : "");
      lines.push("", heading + ":", ...s.sources.map((src) => `  • ${src.title.trim()} — ${src.url}`));
    }
    return lines.join("\n") + "\n";
  }

  /** The clipboard; refused or missing, the text is shown selected so the user can copy it. */
  async function copyText(text, box, say, x) {
    try {
      await navigator.clipboard.writeText(text);
      box.hidden = true;
      say(x.copied);
    } catch (err) {
      box.value = text;
      box.hidden = false;
      box.focus();
      box.select();
      say(x.copyRefused);
    }
  }

  function appendList(card, label, values) {
    const strings = Array.isArray(values) ? values.filter((v) => typeof v === "string" && v) : [];
    const unique = [...new Set(strings)];
    if (!unique.length) return;
    card.append(el("p", "isn-label", label));
    const list = el("ul", "isn-list");
    for (const value of unique) list.append(el("li", null, value));
    card.append(list);
  }

  function thumbs(entry, index) {
    const group = el("div", "isn-thumbs");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", t().feedback);
    for (const rating of ["up", "down"]) {
      const node = button("isn-thumb", "", () => rate(index, rating));
      node.append(icon(rating === "down"));
      node.setAttribute("aria-label", t()[rating]);
      node.title = t()[rating];
      node.setAttribute("aria-pressed", String(entry.rating === rating));
      node.dataset.key = "thumb:" + rating;
      group.append(node);
    }
    return group;
  }

  /* ---------- talking to Rasa ---------- */

  async function fetchWithTimeout(url, options) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    try {
      return await fetch(url, { ...options, signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  }

  /** config.json next to widget.js: {"rasaUrl": ..., "retentionDays"?: n}. Once, unless it failed. */
  function loadConfig() {
    if (!configLoad) {
      configLoad = fetchWithTimeout(new URL("config.json", baseUrl).href, { cache: "no-store" })
        .then((answer) => answer.json())
        .then((config) => {
          if (!rasaUrl && typeof config.rasaUrl === "string") rasaUrl = config.rasaUrl.replace(/\/+$/, "");
          if (!retentionDays && positiveInt(config.retentionDays)) {
            retentionDays = positiveInt(config.retentionDays);
            if (expired(state)) {
              state = freshState(state.language, state.languageChosen);
              save();
              applyTexts();
            }
            renderNotice();
          }
        })
        .catch((err) => {
          configLoad = null;
          throw err;
        });
    }
    return configLoad;
  }

  async function server() {
    if (!rasaUrl) await loadConfig();
    if (!rasaUrl) throw new Error("config.json has no rasaUrl");
    return rasaUrl;
  }

  /** key: a TEXTS entry, so the message follows a language switch. */
  function showError(key) {
    alertKey = key;
    alertText.textContent = t()[key];
    alertBox.classList.add("isn-visible");
    emit("error", { code: key, language: state.language, message: t()[key] });
  }

  /** "Retry": the failed delete, else the turn that did not get through, else the connection. */
  function retryNow() {
    if (busy) return;
    if (alertKey === "deleteFailed") deleteConversation();
    else if (pendingTurn) resend();
    else checkConnection();
  }

  function clearError() {
    const hadFocus = alertBox.contains(focused());
    alertBox.classList.remove("isn-visible");
    alertText.textContent = "";
    alertKey = null;
    if (hadFocus) (form.hidden ? noticeBody.firstChild : input).focus();
  }

  /** On opening and on "retry"; a turn waiting to be sent again keeps its alert either way. */
  async function checkConnection() {
    let reachable = false;
    try {
      reachable = (await fetchWithTimeout((await server()) + "/webhooks/rest/", {})).ok;
    } catch (err) {
      reachable = false;
    }
    if (!reachable) showError("offline");
    else if (pendingTurn && alertKey !== "deleteFailed") showError("unsent");
    else if (alertKey === "offline") clearError();
  }

  /** A card with null or missing entries in its lists ("items": [null]) keeps the rest. */
  function withoutHoles(value, depth) {
    if (depth > 5 || value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) {
      return value.filter((v) => v !== null && v !== undefined).map((v) => withoutHoles(v, depth + 1));
    }
    const out = {};
    for (const [key, v] of Object.entries(value)) out[key] = withoutHoles(v, depth + 1);
    return out;
  }

  function cleanMessages(data) {
    if (!Array.isArray(data)) throw new Error("unexpected reply");
    return data
      .filter((m) => m && typeof m === "object")
      .map((m) => ({
        text: typeof m.text === "string" ? m.text : undefined,
        buttons: Array.isArray(m.buttons)
          ? m.buttons
              .filter((b) => b && typeof b.payload === "string")
              .map((b) => ({ title: String(b.title || b.payload), payload: b.payload }))
          : undefined,
        custom: m.custom && typeof m.custom === "object" ? withoutHoles(m.custom, 0) : undefined,
      }))
      .filter((m) => m.text || (m.buttons && m.buttons.length) || m.custom);
  }

  /**
   * Send text (typed, or a button's payload) with the widget language as metadata.
   * shown: the user bubble, or null for silent turns (feedback, language switch);
   * plain: the reply gets no thumbs (the thanks for a rating is not an answer);
   * source: how the user sent it, for the "message" event (typed, choice, suggestion, api);
   * kind: what the reply answers, for the "reply" event (message, feedback, language).
   */
  function send(text, { shown = null, plain = false, after = null, source = "typed", kind = "message" } = {}) {
    if (busy) return;
    let index = null;
    if (shown !== null) {
      const entry = { role: "user", text: shown, lang: state.language, pending: true };
      if (text !== shown) entry.sent = text; /* a button's payload, for a retry after a reload */
      index = state.transcript.push(entry) - 1;
      appendEntry(index);
      renderStarters();
      emit("message", { language: state.language, source });
    }
    deliver({ text, index, plain, after, kind });
  }

  /** One request; turn.after() runs once the server has taken the message, even on a retry. */
  function deliver(turn) {
    if (busy) return;
    pendingTurn = null;
    setBusy(true);
    inflight = request(turn);
  }

  function resend() {
    markEntry(pendingTurn.index, "pending");
    deliver(pendingTurn);
  }

  async function request(turn) {
    const { text, index, plain, after } = turn;
    clearError();
    save();
    scrollDown();
    const sender = state.senderId;
    let replies;
    try {
      const answer = await fetchWithTimeout((await server()) + "/webhooks/rest/webhook", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender, message: text, metadata: { language: state.language } }),
      });
      if (!answer.ok) throw new Error("HTTP " + answer.status);
      replies = cleanMessages(await answer.json());
    } catch (err) {
      if (sender !== state.senderId) return;
      setBusy(false);
      markEntry(index, "failed");
      pendingTurn = turn;
      showError("offline");
      if (waitingAsk) {
        /* not sent on its own after a failure: the question waits in the box instead */
        if (!input.value.trim()) input.value = waitingAsk;
        waitingAsk = null;
      }
      return;
    }
    if (sender !== state.senderId) return; /* the conversation was reset meanwhile */
    setBusy(false);
    markEntry(index, null);
    if (after) after();
    followLanguage(replies);
    const lang = showReplies(replies, plain);
    if (replies.length) {
      const cards = [...new Set(replies.map((m) => m.custom && m.custom.type))].filter(
        (type) => typeof type === "string" && /^[a-z_]{1,40}$/.test(type),
      );
      const choices = replies.reduce((n, m) => n + (m.buttons ? m.buttons.length : 0), 0);
      emit("reply", { language: lang, cards, choices, inReplyTo: turn.kind || "message" });
    }
    if (languageQueued) {
      languageQueued = false;
      sendLanguage();
    } else sendWaitingAsk();
  }

  /** One turn's replies as one log entry, in the language its payload names (else the widget's). */
  function showReplies(replies, plain) {
    if (replies.length) {
      const card = replies.find((m) => m.custom && LANGUAGES.includes(m.custom.language));
      const lang = card ? card.custom.language : state.language;
      const entry = { role: "bot", lang, messages: replies, chosen: null, rating: null, plain: !!plain };
      appendEntry(state.transcript.push(entry) - 1);
      announce(t().bot + ": " + replies.map((m) => m.text || "").filter(Boolean).join(" "), lang);
      save();
      showStartOf(log.children[state.transcript.length - 1]);
      return lang;
    }
    save();
    scrollDown();
    return state.language;
  }

  /** A long answer is read from its start, so scroll to that rather than to its end. */
  function showStartOf(item) {
    if (item.offsetHeight > log.clientHeight) log.scrollTop = item.offsetTop - 8;
    else scrollDown();
  }

  /** A user turn is "pending" while its request runs and "failed" if it did not get through. */
  function markEntry(index, status) {
    const entry = index === null ? null : state.transcript[index];
    if (!entry) return;
    delete entry.pending;
    delete entry.failed;
    if (status) entry[status] = true;
    save();
    refreshEntry(index);
  }

  function choose(index, label, payload) {
    const entry = state.transcript[index];
    if (busy || !entry || (entry.chosen !== null && entry.chosen !== undefined)) return;
    entry.chosen = payload;
    refreshEntry(index);
    input.focus();
    send(payload, { shown: label, source: "choice" });
  }

  function rate(index, rating) {
    const entry = state.transcript[index];
    if (busy || !entry || entry.rating === rating) return;
    const texts = entry.messages.map((m) => m.text || "").filter(Boolean);
    const rated = texts.join("\n\n").slice(0, RATED_CHARS);
    const after = () => {
      entry.rating = rating;
      refreshEntry(index);
      emit("feedback", { rating, language: entry.lang });
    };
    send("/feedback" + JSON.stringify({ rating, rated_message: rated }), { plain: true, after, kind: "feedback" });
  }

  function announce(text, lang) {
    const line = el("p", null, text);
    line.lang = lang || state.language;
    live.append(line);
    while (live.childNodes.length > 3) live.firstChild.remove();
  }

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }

  /* ---------- controls ---------- */

  /* The panel's CSS makes it cover the whole window at these sizes (320 px, 200 % zoom). */
  const fullScreen = matchMedia("(max-width: 30rem), (max-height: 34rem)");
  let inertNodes = [];

  /** A panel that covers the page is modal: focus must not wander to the hidden page (WCAG 2.4.3). */
  function updateModal() {
    if (!host) return;
    const modal = !panel.hidden && fullScreen.matches;
    for (const node of inertNodes) node.inert = false;
    inertNodes = [];
    /* everything beside the host and beside each of its ancestors, up to <body> */
    for (let node = host; modal && node !== document.body && node.parentElement; node = node.parentElement) {
      for (const sibling of node.parentElement.children) {
        if (sibling !== node && !sibling.inert) inertNodes.push(sibling);
      }
    }
    for (const node of inertNodes) node.inert = true;
    if (modal) panel.setAttribute("aria-modal", "true");
    else panel.removeAttribute("aria-modal");
  }

  fullScreen.addEventListener("change", updateModal);

  /** by: "user" (launcher, ×, Esc) or "api" (the host page), for the open/close events. */
  function setOpen(open, by) {
    const changed = open === panel.hidden;
    const hadFocus = panel.contains(focused());
    panel.hidden = !open;
    launcher.hidden = open;
    updateModal();
    launcher.setAttribute("aria-expanded", String(open));
    try {
      sessionStorage.setItem(OPEN_KEY, open ? "1" : "");
    } catch (err) {
      /* blocked storage: the panel simply starts closed next time */
    }
    if (open) {
      scrollDown();
      checkConnection();
      (state.privacyAccepted ? input : noticeBody.firstChild).focus();
    } else if (hadFocus) {
      launcher.focus(); /* a close() from the page leaves the page's focus where it is */
    }
    if (changed) emit(open ? "open" : "close", { language: state.language, by });
  }

  /** The SV/NO toggle (by "user") or setLanguage() (by "api"): the widget switches, then tells the bot. */
  function setLanguage(language, by) {
    if (language === state.language) return;
    switchLanguage(language, by);
    if (!state.privacyAccepted || !state.transcript.length) return;
    if (busy) languageQueued = true; /* sent when the reply on its way has come */
    else sendLanguage();
  }

  /** The widget's own texts; the bot is not told (it already knows, or setLanguage tells it). */
  function switchLanguage(language, by) {
    state.languageChosen = true;
    if (language !== state.language) {
      state.language = language;
      applyTexts();
      emit("language", { language, by });
    }
    save();
  }

  /**
   * A typed "svara på norska": the bot's answer carries {"type": "language"} and the widget
   * follows, so its texts and the reply's lang match the bot. A later SV/NO press wins.
   */
  function followLanguage(replies) {
    const said = replies.find((m) => m.custom && m.custom.type === "language");
    const language = said && said.custom.language;
    if (LANGUAGES.includes(language) && !languageQueued) switchLanguage(language, "bot");
  }

  function sendLanguage() {
    send("/change_language" + JSON.stringify({ reply_language: state.language }), { plain: true, kind: "language" });
  }

  function acceptPrivacy() {
    state.privacyAccepted = true;
    save();
    applyTexts();
    input.focus();
    sendWaitingAsk();
  }

  /* ---------- the host page's API ---------- */

  /** ask(): the text as if typed (trimmed, at most MAX_CHARS), sent once the notice is accepted. */
  function askFromPage(text) {
    if (typeof text !== "string") return refuse("ask", "the question must be a string");
    let question = text.trim();
    if (!question) return refuse("ask", "the question is empty");
    if (question.length > MAX_CHARS) {
      warn(`ask(): the question is cut to ${MAX_CHARS} characters, as the text box would cut it`);
      question = question.slice(0, MAX_CHARS).trim();
    }
    setOpen(true, "api");
    waitingAsk = question;
    sendWaitingAsk();
  }

  function sendWaitingAsk() {
    if (!waitingAsk || busy || !state.privacyAccepted) return;
    const question = waitingAsk;
    waitingAsk = null;
    send(question, { shown: question, source: "api" });
  }

  function setLanguageFromPage(language) {
    if (!LANGUAGES.includes(language)) {
      return refuse("setLanguage", `${JSON.stringify(String(language))} is not "sv" or "nb"`);
    }
    setLanguage(language, "api");
  }

  const listeners = new Map(EVENTS.map((name) => [name, new Set()]));

  function warn(message) {
    console.warn("InterregAssistant: " + message);
  }

  /** A call the widget will not do: a console warning and an "error" event, never a throw. */
  function refuse(call, reason) {
    warn(`${call}() refused: ${reason}`);
    emit("error", { code: "refused", call, reason, language: state ? state.language : pageLang });
  }

  /**
   * To the page's listeners (on()) and as a CustomEvent "interreg-assistant:<name>" that
   * bubbles from the host element. After the current step, so a listener that calls the API
   * finds the widget in a settled state; a failing listener does not stop the widget.
   */
  function emit(name, detail) {
    const frozen = Object.freeze({ ...detail });
    queueMicrotask(() => {
      for (const fn of [...listeners.get(name)]) {
        try {
          fn(frozen);
        } catch (err) {
          console.error(`InterregAssistant: a "${name}" listener failed`, err);
        }
      }
      if (host) host.dispatchEvent(new CustomEvent(EVENT_PREFIX + name, { detail: frozen, bubbles: true }));
    });
  }

  /** Before start() the call waits; an error inside the widget is logged, not thrown at the page. */
  function call(name, fn) {
    if (!started) {
      early.push([name, fn]);
      return;
    }
    try {
      fn();
    } catch (err) {
      console.error(`InterregAssistant: ${name}() failed`, err);
    }
  }

  function on(name, fn) {
    if (!listeners.has(name)) return warn(`on(): no event "${name}"; events: ${EVENTS.join(", ")}`);
    if (typeof fn !== "function") return warn(`on("${name}"): the listener must be a function`);
    listeners.get(name).add(fn);
  }

  function off(name, fn) {
    if (listeners.has(name)) listeners.get(name).delete(fn);
  }

  /** A queued call: ["ask", "När är nästa utlysning?"]. */
  function runQueued(entry) {
    if (!Array.isArray(entry) || !METHODS.includes(entry[0])) {
      warn(`q.push(): ${JSON.stringify(entry)} is not [method, ...arguments] with a method of ${METHODS.join(", ")}`);
      return;
    }
    api[entry[0]](...entry.slice(1));
  }

  const api = Object.freeze({
    [ALIVE]: () => !started || (host !== null && host.isConnected),
    version: "1",
    open: () => call("open", () => setOpen(true, "api")),
    close: () => call("close", () => setOpen(false, "api")),
    ask: (text) => call("ask", () => askFromPage(text)),
    setLanguage: (language) => call("setLanguage", () => setLanguageFromPage(language)),
    on,
    off,
    /* q.push([...]) works before the script has loaded (an array) and after (runs at once) */
    q: Object.freeze({
      push: (...entries) => {
        for (const entry of entries) runQueued(entry);
        return 0;
      },
    }),
  });
  const queuedBeforeLoad = previous && Array.isArray(previous.q) ? previous.q : [];
  window.InterregAssistant = api;
  for (const entry of queuedBeforeLoad) runQueued(entry);

  function resetConversation(keepPrivacy, message) {
    state = { ...freshState(state.language, state.languageChosen), privacyAccepted: keepPrivacy };
    setBusy(false);
    pendingTurn = null;
    languageQueued = false;
    waitingAsk = null;
    clearError();
    closeConfirm(false);
    applyTexts();
    announce(message);
    (state.privacyAccepted ? input : noticeBody.firstChild).focus();
  }

  function newConversation() {
    resetConversation(state.privacyAccepted, t().newStarted);
    save();
  }

  function askDelete() {
    confirmBox.hidden = false;
    confirmYes.focus();
  }

  function closeConfirm(refocus) {
    confirmBox.hidden = true;
    if (refocus) deleteButton.focus();
  }

  async function deleteConversation() {
    await inflight.catch(() => undefined);
    try {
      const url = (await server()) + "/webhooks/rest/conversations/" + encodeURIComponent(state.senderId);
      const answer = await fetchWithTimeout(url, { method: "DELETE" });
      const body = answer.ok ? await answer.json() : null;
      if (!body || body.deleted !== true) throw new Error("HTTP " + answer.status);
    } catch (err) {
      closeConfirm(true);
      showError("deleteFailed", deleteConversation);
      return;
    }
    try {
      localStorage.removeItem(STORE_KEY);
    } catch (err) {
      /* nothing stored */
    }
    resetConversation(false, t().deleted);
  }

  function transcriptText() {
    const x = t();
    const when = new Date().toLocaleString(state.language === "nb" ? "nb-NO" : "sv-SE");
    const lines = [x.fileHeader, x.fileNote, `${x.fileId}: ${state.senderId}`, when, ""];
    for (const entry of state.transcript) {
      if (entry.role === "user") {
        lines.push(`${x.you}: ${entry.text}${entry.failed ? " " + x.notSent : ""}`, "");
        continue;
      }
      const texts = entry.messages.map((m) => m.text).filter(Boolean);
      lines.push(`${x.bot}: ${texts.join("\n\n")}`);
      const choices = entry.messages.flatMap((m) => m.buttons || []);
      if (choices.length) {
        const titles = choices.map((b) => (b.payload === entry.chosen ? `${b.title} ${x.chosen}` : b.title));
        lines.push(`[${x.fileChoices}: ${titles.join(" | ")}]`);
      }
      if (entry.rating) lines.push(`[${x.fileRating[entry.rating]}]`);
      lines.push("");
    }
    return lines.join("\n");
  }

  function download() {
    saveText(transcriptText(), `${t().file}-${new Date().toISOString().slice(0, 10)}.txt`);
  }

  /** A text file the browser downloads (the link must be in the page's document to be clicked). */
  function saveText(text, name) {
    const blob = new Blob([text], { type: "text/plain;charset=utf-8" });
    const link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || busy) return;
    input.value = "";
    send(text, { shown: text, source: "typed" });
  });

  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  panel.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    if (!confirmBox.hidden) closeConfirm(true);
    else setOpen(false, "user");
  });

  /* ---------- the host page's colours, kept at WCAG AA ---------- */

  const WHITE = [255, 255, 255];
  const SOFT = [240, 242, 245]; /* --isn-soft: the bot's bubbles, whose links take the accent */
  const NOTICE = [255, 253, 245]; /* the privacy notice's background */
  const BLACK = [0, 0, 0];
  const warned = new Set();
  let canvas = null;

  /** Any colour CSS accepts, as opaque [r, g, b]; null when it is not one or is see-through. */
  function parseColour(value) {
    canvas = canvas || document.createElement("canvas").getContext("2d");
    if (!canvas) return null;
    canvas.fillStyle = "#010203";
    canvas.fillStyle = value;
    const hex = /^#([0-9a-f]{6})$/i.exec(canvas.fillStyle);
    if (!hex || (hex[1] === "010203" && !/^#010203$/i.test(value))) return null;
    const n = parseInt(hex[1], 16);
    return [n >> 16, (n >> 8) & 255, n & 255];
  }

  /** WCAG 2.1 relative luminance and contrast ratio. */
  function luminance(rgb) {
    const [r, g, b] = rgb.map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }

  /** weight of a, the rest b. */
  function mix(a, b, weight) {
    return a.map((v, i) => Math.round(v * weight + b[i] * (1 - weight)));
  }

  function hex(rgb) {
    return "#" + rgb.map((v) => v.toString(16).padStart(2, "0")).join("");
  }

  /** The colour if it reaches `need`:1 against every background in `against`; else warn, null. */
  function checked(name, value, need, against) {
    const rgb = parseColour(value);
    let problem = rgb ? null : "is not an opaque colour";
    for (const background of rgb ? against : []) {
      const ratio = contrast(rgb, background);
      if (ratio < need) {
        problem = `has ${ratio.toFixed(2)}:1 against ${hex(background)} (WCAG AA needs ${need}:1)`;
        break;
      }
    }
    if (!problem) return rgb;
    const message = `${name}: ${value} ${problem}; the default colour is used`;
    if (!warned.has(message)) warn(message);
    warned.add(message);
    return null;
  }

  /**
   * --interreg-accent (or data-accent): launcher, header, the user's messages, buttons, links
   * and quick replies. White text sits on it and it is text on white, on the bubbles' grey and
   * on its own pale tint, so it needs 4.5:1 against each. --interreg-focus: the focus ring,
   * 3:1 against the panel's backgrounds (WCAG 1.4.11). Read at start and again on load.
   */
  function applyColours() {
    const style = getComputedStyle(host);
    const accentValue = style.getPropertyValue("--interreg-accent").trim() || (settings.accent || "").trim();
    const focusValue = style.getPropertyValue("--interreg-focus").trim();
    for (const name of ["--isn-blue", "--isn-blue-dark", "--isn-tint", "--isn-tint-hover", "--isn-focus"]) {
      root.style.removeProperty(name);
    }
    if (accentValue) {
      const rgb = parseColour(accentValue);
      const tint = rgb ? mix(rgb, WHITE, 0.14) : WHITE;
      const accent = checked("--interreg-accent", accentValue, 4.5, [WHITE, SOFT, tint]);
      if (accent) {
        root.style.setProperty("--isn-blue", hex(accent));
        root.style.setProperty("--isn-blue-dark", hex(mix(accent, BLACK, 0.8)));
        root.style.setProperty("--isn-tint", hex(tint));
        root.style.setProperty("--isn-tint-hover", hex(mix(accent, WHITE, 0.09)));
      }
    }
    if (focusValue) {
      const focus = checked("--interreg-focus", focusValue, 3, [WHITE, NOTICE]);
      if (focus) root.style.setProperty("--isn-focus", hex(focus));
    }
  }

  /* ---------- start ---------- */

  /** The page's own <div id="interreg-assistant"> (its data- attributes win), else a new one. */
  function mount() {
    host = document.getElementById(HOST_ID);
    if (!host) {
      host = document.createElement("div");
      host.id = HOST_ID;
      document.body.append(host);
    }
    settings = { ...scriptData, ...host.dataset };
    try {
      shadow = host.attachShadow({ mode: "open" });
    } catch (err) {
      warn(`#${HOST_ID} cannot hold a shadow root (${host.tagName}); the widget adds its own element`);
      host.removeAttribute("id");
      host = document.createElement("div");
      host.id = HOST_ID;
      document.body.append(host);
      shadow = host.attachShadow({ mode: "open" });
    }
    /* widget.css inside the shadow root: a file like any other (no inline style), so a
       Content-Security-Policy needs only style-src for the widget's host */
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = new URL("widget.css", baseUrl).href;
    root.hidden = true; /* until its styles are there; without them (blocked) it still works */
    const show = () => {
      root.hidden = false;
    };
    css.addEventListener("load", show);
    css.addEventListener("error", show);
    shadow.append(css, root);
  }

  /** data- attributes: language, title, server, retention, position, suggestions, accent. */
  function configure() {
    pageLang = langOf(settings.lang || (document.documentElement.lang || "sv").slice(0, 2));
    configuredTitle = settings.title || null;
    retentionDays = positiveInt(settings.retentionDays);
    rasaUrl = settings.server ? settings.server.replace(/\/+$/, "") : null;
    const position = (settings.position || "right").trim().toLowerCase();
    if (position !== "left" && position !== "right") {
      warn(`data-position="${settings.position}" is neither "left" nor "right"; the widget stays on the right`);
    }
    root.classList.toggle("isn-left", position === "left");
    suggestions = { sv: splitSuggestions(settings.suggestionsSv), nb: splitSuggestions(settings.suggestionsNb) };
  }

  /** "Vem kan söka?|När är nästa utlysning?": at most MAX_SUGGESTIONS, each as long as a typed one. */
  function splitSuggestions(value) {
    const all = (value || "")
      .split("|")
      .map((text) => text.trim().slice(0, MAX_CHARS))
      .filter(Boolean);
    if (all.length > MAX_SUGGESTIONS) warn(`only the first ${MAX_SUGGESTIONS} suggestions are shown`);
    return all.slice(0, MAX_SUGGESTIONS);
  }

  function start() {
    mount();
    configure();
    state = loadState();
    applyColours();
    if (document.readyState !== "complete") window.addEventListener("load", applyColours, { once: true });
    applyTexts();
    if (!rasaUrl) loadConfig().catch(() => undefined); /* errors show when the panel opens */
    let wasOpen = false;
    try {
      wasOpen = sessionStorage.getItem(OPEN_KEY) === "1";
    } catch (err) {
      wasOpen = false;
    }
    const last = state.transcript[state.transcript.length - 1];
    if (last && last.role === "user" && last.failed) {
      pendingTurn = { text: last.sent || last.text, index: state.transcript.length - 1, plain: false };
      showError("unsent");
    }
    if (wasOpen) {
      panel.hidden = false;
      launcher.hidden = true;
      launcher.setAttribute("aria-expanded", "true");
      updateModal();
      scrollDown();
      checkConnection();
    }
    started = true;
    for (const [name, fn] of early.splice(0)) call(name, fn);
    emit("ready", { language: state.language });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
