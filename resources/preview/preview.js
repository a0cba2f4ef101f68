// The preview page's patching API (window.articleEditor), called by the editor through runJavaScript.
// The page is loaded once; after that only changed blocks are sent (see editor/render/page.py).
(function () {
  "use strict";

  // Block key -> its wrapper element (<div class="md-block" data-key="..." data-start="...">).
  const blocks = new Map();
  // The wrappers in page order, so a patch can address blocks by index.
  let order = [];

  function bodyElement() {
    return document.getElementById("article-body");
  }

  function makeBlock(key, html) {
    const wrapper = document.createElement("div");
    wrapper.className = "md-block";
    wrapper.dataset.key = key;
    wrapper.innerHTML = html;
    const first = wrapper.querySelector("[data-line]");
    if (first !== null) {
      wrapper.dataset.start = first.dataset.line;
    }
    return wrapper;
  }

  // A kept block whose source moved (lines inserted above it) keeps its HTML; only its line numbers
  // shift, by the same amount for every element in it.
  function moveBlock(wrapper, start) {
    const old = Number(wrapper.dataset.start);
    if (!Number.isFinite(old) || !Number.isFinite(start) || old === start) {
      return;
    }
    const delta = start - old;
    for (const element of wrapper.querySelectorAll("[data-line]")) {
      element.dataset.line = String(Number(element.dataset.line) + delta);
    }
    wrapper.dataset.start = String(start);
  }

  // Elements with a source line, in document (and line) order.
  function lineElements() {
    return Array.from(bodyElement().querySelectorAll("[data-line]"));
  }

  // Index of the first element whose bottom is below the top of the window, by binary search.
  function firstVisibleIndex(elements) {
    let low = 0;
    let high = elements.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (elements[middle].getBoundingClientRect().bottom <= 0) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  function captureScroll() {
    const elements = lineElements();
    const index = firstVisibleIndex(elements);
    if (index >= elements.length) {
      return null;
    }
    return { element: elements[index], top: elements[index].getBoundingClientRect().top };
  }

  function restoreScroll(anchor) {
    if (anchor !== null && anchor.element.isConnected) {
      window.scrollBy(0, anchor.element.getBoundingClientRect().top - anchor.top);
    }
  }

  const api = {
    // Show the blocks `keys` in this order. `htmlByKey` holds the HTML of the blocks the page does not
    // have yet (or that must be replaced); kept blocks are moved, not re-rendered. `starts`, if given,
    // is each block's first file line (RenderedBody.data_lines()), so kept blocks update their
    // data-line values when lines were inserted or deleted above them. Returns the keys the page
    // could not show because it had no HTML for them: the caller should reset and send everything.
    setBlocks: function (keys, htmlByKey, starts) {
      const anchor = captureScroll();
      const container = bodyElement();
      const wanted = new Set(keys);
      for (const [key, wrapper] of blocks) {
        if (!wanted.has(key)) {
          wrapper.remove();
          blocks.delete(key);
        }
      }
      const missing = [];
      let cursor = container.firstElementChild;
      keys.forEach(function (key, index) {
        let wrapper = blocks.get(key);
        if (Object.prototype.hasOwnProperty.call(htmlByKey, key)) {
          const fresh = makeBlock(key, htmlByKey[key]);
          if (wrapper !== undefined) {
            if (wrapper === cursor) {
              cursor = fresh;
            }
            wrapper.replaceWith(fresh);
          }
          wrapper = fresh;
          blocks.set(key, wrapper);
        } else if (wrapper === undefined) {
          missing.push(key);
          return;
        } else if (starts) {
          moveBlock(wrapper, starts[index]);
        }
        if (wrapper === cursor) {
          cursor = cursor.nextElementSibling;
        } else {
          container.insertBefore(wrapper, cursor);
        }
      });
      // Anything after the last placed block is left over from an earlier page state.
      while (cursor !== null) {
        const next = cursor.nextElementSibling;
        blocks.delete(cursor.dataset.key);
        cursor.remove();
        cursor = next;
      }
      order = Array.from(container.children).filter((element) => blocks.get(element.dataset.key) === element);
      restoreScroll(anchor);
      return missing;
    },

    // Patch what setBlocks showed: of the page's `total` blocks, keep the first `prefix`, replace the
    // `removeCount` after them by `keys` (HTML in `htmlByKey` for those the page lacks, the others
    // taken from the replaced run and moved to `starts`), and shift the rest by `tailShift` lines.
    // Returns the keys it had no HTML for, or ["*"] if the page holds other blocks than the caller
    // thinks: the caller should then reset and send everything.
    patchBlocks: function (total, prefix, removeCount, keys, htmlByKey, starts, tailShift) {
      if (order.length !== total || prefix + removeCount > total) {
        return ["*"];
      }
      const anchor = captureScroll();
      const replaced = new Map();
      for (const wrapper of order.splice(prefix, removeCount)) {
        replaced.set(wrapper.dataset.key, wrapper);
      }
      const fresh = [];
      const missing = [];
      keys.forEach(function (key, index) {
        let wrapper;
        if (Object.prototype.hasOwnProperty.call(htmlByKey, key)) {
          wrapper = makeBlock(key, htmlByKey[key]);
        } else {
          wrapper = replaced.get(key);
          if (wrapper === undefined) {
            missing.push(key);
            return;
          }
          replaced.delete(key);
          moveBlock(wrapper, starts[index]);
        }
        fresh.push(wrapper);
      });
      for (const [key, wrapper] of replaced) {
        wrapper.remove();
        blocks.delete(key);
      }
      const fragment = document.createDocumentFragment();
      for (const wrapper of fresh) {
        fragment.appendChild(wrapper);
        blocks.set(wrapper.dataset.key, wrapper);
      }
      const before = prefix < order.length ? order[prefix] : null;
      bodyElement().insertBefore(fragment, before);
      order.splice(prefix, 0, ...fresh);
      if (tailShift) {
        for (let index = prefix + fresh.length; index < order.length; index++) {
          moveBlock(order[index], Number(order[index].dataset.start) + tailShift);
        }
      }
      restoreScroll(anchor);
      return missing;
    },

    // Another article is opening: nothing of the one before may stay on show while it renders.
    // The note goes when the first setBlocks places the new article's blocks (it is no block).
    clear: function (note) {
      blocks.clear();
      order = [];
      document.getElementById("article-header").innerHTML = "";
      const container = bodyElement();
      container.innerHTML = "";
      const placeholder = document.createElement("p");
      placeholder.className = "preview-opening";
      placeholder.textContent = note;
      container.appendChild(placeholder);
      window.scrollTo(0, 0);
    },

    // Replace the front-matter header (title, dates, preview image, search card).
    setHeader: function (html) {
      const anchor = captureScroll();
      document.getElementById("article-header").innerHTML = html;
      restoreScroll(anchor);
    },

    // Scroll so that source line `line` is at the top: to the last element starting at or before it,
    // and proportionally into that element up to where the next one starts.
    scrollToLine: function (line) {
      const elements = lineElements();
      let low = 0;
      let high = elements.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (Number(elements[middle].dataset.line) <= line) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      // Lines before the first block (front matter) and the first block's own line show the header too.
      if (low === 0 || (low === 1 && Number(elements[0].dataset.line) === line)) {
        window.scrollTo(0, 0);
        return;
      }
      const element = elements[low - 1];
      const start = Number(element.dataset.line);
      const box = element.getBoundingClientRect();
      let offset = 0;
      if (low < elements.length) {
        const next = Number(elements[low].dataset.line);
        if (next > start) {
          offset = (box.height * (line - start)) / (next - start);
        }
      }
      window.scrollTo(0, window.scrollY + box.top + Math.min(offset, box.height));
    },

    // The data-line of the first block visible at the top of the window, or 0 for none.
    topLine: function () {
      const elements = lineElements();
      const index = firstVisibleIndex(elements);
      return index < elements.length ? Number(elements[index].dataset.line) : 0;
    },
  };

  window.articleEditor = Object.freeze(api);
})();
