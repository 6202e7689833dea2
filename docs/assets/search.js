// The generator writes this file into docs/assets/ (from generator/render/assets/), like briefing.js.
// Site search with Pagefind's chunked index (the plugin indexes the built site into pagefind/):
// the browser loads only the index chunks and result fragments a query needs, where Material's
// own search downloads the whole index first. The box and the result list reuse Material's
// markup and classes, so the header looks and behaves as with Material's search. Nothing is
// loaded until the reader first opens the search.
(function () {
  "use strict";

  const ICONS = {
    magnify:
      "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5",
    back: "M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11z",
    close:
      "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z",
  };
  const RESULTS_SHOWN = 10;
  const SECTIONS_SHOWN = 3;

  function config() {
    const element = document.getElementById("__config");
    try {
      return element ? JSON.parse(element.textContent) : {};
    } catch (error) {
      return {};
    }
  }

  function translate(key, fallback) {
    const translations = config().translations || {};
    return translations[key] || fallback;
  }

  // The site's root as an absolute path ("/" or "/project/"): the pages may be served from a
  // sub-folder (GitHub Pages), and Pagefind's result addresses start at the root.
  function siteRoot() {
    const root = new URL(config().base || ".", document.baseURI || location.href).pathname;
    return root.endsWith("/") ? root : root + "/";
  }

  function icon(path) {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    const shape = document.createElementNS("http://www.w3.org/2000/svg", "path");
    shape.setAttribute("d", path);
    svg.append(shape);
    return svg;
  }

  function element(tag, className, attributes) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    for (const [name, value] of Object.entries(attributes || {})) made.setAttribute(name, value);
    return made;
  }

  // Material's search markup (partials/search.html) without its data-md-component hooks,
  // which belong to Material's own search.
  function searchMarkup() {
    const placeholder = translate("search.placeholder", "Search");
    const button = element("label", "md-header__button md-icon", {
      for: "__search",
      title: placeholder,
    });
    button.append(icon(ICONS.magnify));

    const dialog = element("div", "md-search briefing-search", {
      role: "dialog",
      "aria-label": placeholder,
    });
    const overlay = element("label", "md-search__overlay", { for: "__search" });
    const inner = element("div", "md-search__inner", { role: "search" });
    const form = element("form", "md-search__form", { name: "search" });
    const input = element("input", "md-search__input", {
      type: "text",
      name: "query",
      "aria-label": placeholder,
      placeholder: placeholder,
      autocapitalize: "off",
      autocorrect: "off",
      autocomplete: "off",
      spellcheck: "false",
      required: "",
    });
    const icons = element("label", "md-search__icon md-icon", { for: "__search" });
    icons.append(icon(ICONS.magnify), icon(ICONS.back));
    const options = element("nav", "md-search__options", { "aria-label": placeholder });
    const reset = element("button", "md-search__icon md-icon", {
      type: "reset",
      title: "Clear",
      "aria-label": "Clear",
      tabindex: "-1",
    });
    reset.append(icon(ICONS.close));
    options.append(reset);
    form.append(input, icons, options);

    const output = element("div", "md-search__output");
    const scroll = element("div", "md-search__scrollwrap", { tabindex: "0" });
    const result = element("div", "md-search-result");
    const meta = element("div", "md-search-result__meta");
    meta.textContent = translate("search.result.placeholder", "Type to start searching");
    const list = element("ol", "md-search-result__list", { role: "presentation" });
    result.append(meta, list);
    scroll.append(result);
    output.append(scroll);
    inner.append(form, output);
    dialog.append(overlay, inner);
    return { button, dialog, form, input, meta, list };
  }

  // Pagefind's excerpts are HTML with <mark> around the words found: only their text and
  // marks are copied, so no markup of an indexed page can reach the result list.
  function excerptNodes(html) {
    const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
    const nodes = [];
    for (const node of parsed.body.firstChild ? parsed.body.firstChild.childNodes : []) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(node.textContent));
      }
    }
    return nodes;
  }

  function resultArticle(heading, title, excerpt) {
    const article = element("article", "md-search-result__article md-typeset");
    const titleElement = document.createElement(heading);
    titleElement.textContent = title;
    const text = document.createElement("p");
    text.append(...excerptNodes(excerpt));
    article.append(titleElement, text);
    return article;
  }

  // A page's title as Pagefind read it from the first heading, without its permalink mark.
  function cleanTitle(title) {
    return (title || "").replace(/\s*¶\s*$/, "").trim();
  }

  function resultItem(data) {
    const item = element("li", "md-search-result__item");
    const link = element("a", "md-search-result__link", { href: data.url, tabindex: "-1" });
    const title = cleanTitle(data.meta && data.meta.title);
    const article = resultArticle("h1", title, data.excerpt);
    article.prepend(element("div", "md-search-result__icon md-icon"));
    link.append(article);
    item.append(link);
    // The page's own heading is a section too: listed once, as the page.
    const sections = (data.sub_results || []).filter(
      (section) => section.url !== data.url && cleanTitle(section.title) !== title,
    );
    for (const section of sections.slice(0, SECTIONS_SHOWN)) {
      const sectionLink = element("a", "md-search-result__link", {
        href: section.url,
        tabindex: "-1",
      });
      sectionLink.append(resultArticle("h2", cleanTitle(section.title), section.excerpt));
      item.append(sectionLink);
    }
    return item;
  }

  function countLine(count) {
    if (count === 0) return translate("search.result.none", "No matching documents");
    if (count === 1) return translate("search.result.one", "1 matching document");
    return translate("search.result.other", "# matching documents").replace("#", count);
  }

  function mount() {
    // Material's own search is configured: it keeps the header.
    if (document.querySelector(".md-search")) return;
    const header = document.querySelector(".md-header__inner");
    const toggle = document.getElementById("__search");
    if (!header || !toggle) return;
    const parts = searchMarkup();
    const before = header.querySelector(".md-header__source");
    header.insertBefore(parts.button, before);
    header.insertBefore(parts.dialog, before);

    let pagefind = null;
    let latest = 0;

    // The index comes in shards (pagefind/shards.json): the first is loaded, the others
    // merged into it, so one query searches them all.
    async function loadShards() {
      const root = siteRoot();
      const listing = await fetch(`${root}pagefind/shards.json`);
      if (!listing.ok) throw new Error(`no search index (${listing.status})`);
      const [first, ...others] = (await listing.json()).shards;
      const module = await import(`${root}pagefind/${first}pagefind.js`);
      await module.options({ baseUrl: root });
      for (const other of others) {
        await module.mergeIndex(`${root}pagefind/${other}`, { baseUrl: root });
      }
      return module;
    }

    async function load() {
      if (!pagefind) {
        pagefind = loadShards().catch((error) => {
          pagefind = null; // try again at the next query
          throw error;
        });
      }
      return pagefind;
    }

    async function run(query) {
      const asked = ++latest;
      if (!query.trim()) {
        parts.meta.textContent = translate("search.result.placeholder", "Type to start searching");
        parts.list.replaceChildren();
        return;
      }
      let found;
      try {
        const module = await load();
        const search = await module.debouncedSearch(query, {}, 150);
        if (search === null || asked !== latest) return; // a newer query took over
        const shown = await Promise.all(
          search.results.slice(0, RESULTS_SHOWN).map((result) => result.data()),
        );
        found = { count: search.results.length, shown };
      } catch (error) {
        parts.meta.textContent = "Search is unavailable on this copy of the site.";
        parts.list.replaceChildren();
        return;
      }
      if (asked !== latest) return;
      parts.meta.textContent = countLine(found.count);
      parts.list.replaceChildren(...found.shown.map(resultItem));
    }

    function open() {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
      parts.input.focus();
      load().catch(() => {});
    }

    function close() {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
      parts.input.blur();
    }

    function links() {
      return [...parts.list.querySelectorAll(".md-search-result__link")];
    }

    parts.input.addEventListener("focus", open);
    parts.input.addEventListener("input", () => run(parts.input.value));
    parts.form.addEventListener("reset", () => {
      setTimeout(() => run(""), 0);
      parts.input.focus();
    });
    parts.form.addEventListener("submit", (event) => {
      event.preventDefault();
      const first = links()[0];
      if (first) first.click();
    });
    toggle.addEventListener("change", () => {
      if (toggle.checked && document.activeElement !== parts.input) parts.input.focus();
    });
    parts.list.addEventListener("click", (event) => {
      if (event.target.closest("a")) close();
    });

    document.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const typing = event.target.closest && event.target.closest("input, textarea, select");
      if (toggle.checked) {
        const all = links();
        const at = all.indexOf(document.activeElement);
        if (event.key === "Escape") {
          close();
        } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          if (!all.length) return;
          event.preventDefault();
          const step = event.key === "ArrowDown" ? 1 : -1;
          const next = at < 0 ? (step > 0 ? 0 : all.length - 1) : at + step;
          if (next < 0 || next >= all.length) parts.input.focus();
          else all[next].focus();
        }
      } else if (!typing && ["/", "s", "f"].includes(event.key)) {
        event.preventDefault();
        open();
      }
    });
  }

  mount();
})();
