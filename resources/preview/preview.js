// The preview page's patching API (window.articleEditor), called by the editor through runJavaScript.
// The page is loaded once; after that only changed blocks are sent (see editor/render/page.py).
(function () {
  "use strict";

  // Block key -> its wrapper element (<div class="md-block" data-key="..." data-start="...">).
  const blocks = new Map();
  // The wrappers in page order, rebuilt after a patch, so a look-up by line is a binary search over an
  // array rather than a walk of the live child list or a query of every element.
  let wrapperList = null;

  // An article of more blocks than this is "long": when it first fills the page, its blocks out of view
  // are neither laid out nor painted (content-visibility, see editor/render/shell.py), which at 1 MB cuts
  // the first layout from about 450 ms to 50 ms. Their heights are estimates until shown, so a reveal is
  // checked again once the blocks it brought into view have their own. Once the page is idle the whole
  // article is laid out after all: patched while typing, a page with skipped blocks took 40 % longer.
  const LONG_ARTICLE_BLOCKS = 1000;
  const LAY_OUT_ALL_WITHIN_MS = 3000;
  // Room kept between the caret's block and the window's edges, in CSS pixels.
  const MARGIN = 24;
  // A scroll this soon after the user's wheel, key or pointer in the page is theirs; later ones with
  // no input (an image loaded, the page got shorter) are layout, and are not reported.
  const USER_INPUT_MS = 1000;
  // The caret's line the editor wants in view (followed through patches), or null.
  let followLine = null;
  // Where our own last scroll left the page: a scroll event that finds it there is ours.
  let ownScrollY = 0;
  let lastInput = -Infinity;
  let pointerDown = false;
  let reportPending = false;
  // The editor's end of the QWebChannel (editor/ui/preview_channel.py); null without one.
  let bridge = null;

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

  function wrappers() {
    if (wrapperList === null) {
      wrapperList = Array.from(bodyElement().children).filter(function (element) {
        return element.classList.contains("md-block");
      });
    }
    return wrapperList;
  }

  // The first line of wrapper `index`, or NaN for a block with no line (link definitions render to
  // nothing). The footnote list comes last but starts at its first definition, so it is left out when
  // it starts before the block above it: line order is what the binary searches rely on.
  function searchableWrappers() {
    const list = wrappers();
    let end = list.length;
    if (end >= 2) {
      const last = Number(list[end - 1].dataset.start);
      const before = Number(list[end - 2].dataset.start);
      if (Number.isFinite(last) && Number.isFinite(before) && last < before) {
        end -= 1;
      }
    }
    return { list: list, end: end };
  }

  // The last of `list[0..end)` whose line (by `lineOf`, NaN for none) is at or before `line`, or -1.
  function lastAtOrBefore(list, end, line, lineOf) {
    let low = 0;
    let high = end;
    while (low < high) {
      const middle = (low + high) >> 1;
      let probe = middle;
      while (probe < high && !Number.isFinite(lineOf(list[probe]))) {
        probe += 1;
      }
      if (probe < high && lineOf(list[probe]) <= line) {
        low = probe + 1;
      } else {
        high = middle;
      }
    }
    let index = low - 1;
    while (index >= 0 && !Number.isFinite(lineOf(list[index]))) {
      index -= 1;
    }
    return index;
  }

  function startOf(wrapper) {
    return Number(wrapper.dataset.start);
  }

  function lineOf(element) {
    return Number(element.dataset.line);
  }

  // The block holding file line `line`: its wrapper, or null for lines above the first block.
  function wrapperAt(line) {
    const found = searchableWrappers();
    const index = lastAtOrBefore(found.list, found.end, line, startOf);
    return index < 0 ? null : found.list[index];
  }

  // The part of the page (viewport coordinates) that shows file line `line`: the whole block when it
  // fits in the window; else the element inside it where the line starts, narrowed, when that is
  // taller than the window too, to where the line falls between it and the next element's line.
  function lineArea(line) {
    const wrapper = wrapperAt(line);
    if (wrapper === null) {
      return null;
    }
    const box = wrapper.getBoundingClientRect();
    const room = window.innerHeight - 2 * MARGIN;
    if (box.height <= room) {
      return { top: box.top, bottom: box.bottom, wrapper: wrapper };
    }
    const inside = Array.from(wrapper.querySelectorAll("[data-line]"));
    const index = lastAtOrBefore(inside, inside.length, line, lineOf);
    if (index < 0) {
      return { top: box.top, bottom: box.top + room, wrapper: wrapper };
    }
    const element = inside[index];
    const part = element.getBoundingClientRect();
    if (part.height <= room) {
      return { top: part.top, bottom: part.bottom, wrapper: wrapper };
    }
    const start = lineOf(element);
    const nextWrapper = wrapper.nextElementSibling;
    let next = index + 1 < inside.length ? lineOf(inside[index + 1]) : NaN;
    if (!(next > start) && nextWrapper !== null) {
      next = startOf(nextWrapper);
    }
    const fraction = next > start ? Math.min((line - start) / (next - start), 1) : 0;
    const at = part.top + fraction * part.height;
    const top = Math.max(part.top, at - room / 3);
    return { top: top, bottom: Math.min(top + room, part.bottom), wrapper: wrapper };
  }

  function scrollOwn(y) {
    window.scrollTo(0, y);
    ownScrollY = window.scrollY;
  }

  // Scroll as little as needed to show the page area of `line` with MARGIN around it. The front matter,
  // blocks that fit in the window below the header, and the first block when some of it shows below
  // the header, show the page from its very top: the title is never cut off for the opening lines.
  function reveal(line) {
    const area = lineArea(line);
    if (area === null) {
      scrollOwn(0);
      return;
    }
    const height = window.innerHeight;
    const top = area.top + window.scrollY;
    const first = area.wrapper === searchableWrappers().list[0];
    if (area.bottom + window.scrollY <= height - MARGIN || (first && top <= height - 4 * MARGIN)) {
      scrollOwn(0);
      return;
    }
    let delta = 0;
    if (area.top < MARGIN) {
      delta = area.top - MARGIN;
    } else if (area.bottom > height - MARGIN) {
      delta = Math.min(area.bottom - (height - MARGIN), area.top - MARGIN);
    }
    if (delta !== 0) {
      scrollOwn(window.scrollY + delta);
    }
  }

  // The file line to put at the top of the source for what the top of the window shows: the element
  // across the top edge, or the first one below it; 1 when the header is in view.
  function lineAtTop() {
    if (window.scrollY <= 0) {
      return 1;
    }
    const found = searchableWrappers();
    let low = 0;
    let high = found.end;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (found.list[middle].getBoundingClientRect().bottom <= 0) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    if (low >= found.end) {
      return 0;
    }
    const wrapper = found.list[low];
    const inside = Array.from(wrapper.querySelectorAll("[data-line]"));
    let line = startOf(wrapper);
    // The innermost element whose top is at or above the window's top edge and whose bottom is below it.
    for (let i = 0; i < inside.length; i += 1) {
      const box = inside[i].getBoundingClientRect();
      if (box.top > 0) {
        break;
      }
      if (box.bottom > 0) {
        line = lineOf(inside[i]);
      }
    }
    return Number.isFinite(line) ? line : 0;
  }

  function reportTopLine() {
    reportPending = false;
    const line = lineAtTop();
    if (bridge !== null && line > 0) {
      bridge.userScrolled(line);
    }
  }

  function noteInput() {
    lastInput = performance.now();
  }

  function onScroll() {
    const y = window.scrollY;
    if (Math.abs(y - ownScrollY) < 1) {
      return;
    }
    ownScrollY = y;
    if (!pointerDown && performance.now() - lastInput > USER_INPUT_MS) {
      return;
    }
    // The user looks elsewhere now: patches keep what they see, and the source follows them.
    followLine = null;
    if (!reportPending) {
      reportPending = true;
      window.requestAnimationFrame(reportTopLine);
    }
  }

  window.addEventListener("wheel", noteInput, { capture: true, passive: true });
  window.addEventListener("keydown", noteInput, { capture: true, passive: true });
  window.addEventListener("touchstart", noteInput, { capture: true, passive: true });
  for (const [type, down] of [
    ["pointerdown", true],
    ["pointerup", false],
  ]) {
    window.addEventListener(
      type,
      function () {
        pointerDown = down;
        noteInput();
      },
      { capture: true, passive: true },
    );
  }
  window.addEventListener("scroll", onScroll, { passive: true });

  if (typeof QWebChannel === "function" && window.qt && window.qt.webChannelTransport) {
    new QWebChannel(window.qt.webChannelTransport, function (channel) {
      bridge = channel.objects.previewBridge || null;
    });
  }

  // Change the page by `change` and keep what the reader sees where it was: the caret's block when
  // following the caret (looked up by line before and after, so a block whose element was reused for
  // another, identical paragraph cannot drag the view along), else the first element in view; at the
  // very top the page stays at the top, so a title that grows to two lines is not pushed out.
  function keepingView(change) {
    const line = followLine;
    const atTop = window.scrollY <= 0;
    const before = line !== null ? lineArea(line) : null;
    const anchor = line === null && !atTop ? captureScroll() : null;
    // A change that knows the wrappers' new order returns it, saving a walk of the page.
    wrapperList = change() || null;
    if (line !== null) {
      const after = lineArea(line);
      if (before !== null && after !== null) {
        scrollOwn(window.scrollY + after.top - before.top);
      }
      reveal(line);
    } else if (atTop) {
      scrollOwn(0);
    } else {
      restoreScroll(anchor);
      ownScrollY = window.scrollY;
    }
  }

  // The first block whose bottom is below the top of the window, and where its top is.
  function captureScroll() {
    const list = wrappers();
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (list[middle].getBoundingClientRect().bottom <= 0) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    if (low >= list.length) {
      return null;
    }
    return { element: list[low], top: list[low].getBoundingClientRect().top };
  }

  function restoreScroll(anchor) {
    if (anchor !== null && anchor.element.isConnected) {
      window.scrollBy(0, anchor.element.getBoundingClientRect().top - anchor.top);
    }
  }

  // Put `htmlByKey`'s new blocks and the kept ones in the order `keys` says (see setBlocks).
  function placeBlocks(keys, htmlByKey, starts) {
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
    return missing;
  }

  const api = {
    // Show the blocks `keys` in this order. `htmlByKey` holds the HTML of the blocks the page does not
    // have yet (or that must be replaced); kept blocks are moved, not re-rendered. `starts`, if given,
    // is each block's first file line (RenderedBody.data_lines()), so kept blocks update their
    // data-line values when lines were inserted or deleted above them. Returns the keys the page
    // could not show because it had no HTML for them: the caller should reset and send everything.
    setBlocks: function (keys, htmlByKey, starts) {
      let missing = [];
      const body = bodyElement();
      if (blocks.size === 0 && keys.length > LONG_ARTICLE_BLOCKS) {
        body.classList.add("long");
        // Stays, so that one can tell afterwards (tests, a bug report) that this page started so.
        body.dataset.firstLayout = "near the view";
        requestIdleCallback(
          function () {
            body.classList.remove("long");
          },
          { timeout: LAY_OUT_ALL_WITHIN_MS },
        );
      }
      keepingView(function () {
        missing = placeBlocks(keys, htmlByKey, starts);
      });
      return missing;
    },

    // Patch what setBlocks showed: of the page's `total` blocks, keep the first `prefix`, replace the
    // `removeCount` after them by `keys` (HTML in `htmlByKey` for those the page lacks, the others
    // taken from the replaced run and moved to `starts`), and shift the rest by `tailShift` lines.
    // Returns the keys it had no HTML for, or ["*"] if the page holds other blocks than the caller
    // thinks: the caller should then reset and send everything.
    patchBlocks: function (total, prefix, removeCount, keys, htmlByKey, starts, tailShift) {
      const current = wrappers();
      if (current.length !== total || prefix + removeCount > total) {
        return ["*"];
      }
      const missing = [];
      keepingView(function () {
        const list = current.slice();
        const replaced = new Map();
        for (const wrapper of list.splice(prefix, removeCount)) {
          replaced.set(wrapper.dataset.key, wrapper);
        }
        const fresh = [];
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
        bodyElement().insertBefore(fragment, prefix < list.length ? list[prefix] : null);
        list.splice(prefix, 0, ...fresh);
        if (tailShift) {
          for (let index = prefix + fresh.length; index < list.length; index++) {
            moveBlock(list[index], Number(list[index].dataset.start) + tailShift);
          }
        }
        return list;
      });
      return missing;
    },

    // Another article is opening: nothing of the one before may stay on show while it renders.
    // The note goes when the first setBlocks places the new article's blocks (it is no block).
    clear: function (note) {
      blocks.clear();
      wrapperList = null;
      followLine = null;
      document.getElementById("article-header").innerHTML = "";
      const container = bodyElement();
      container.innerHTML = "";
      const placeholder = document.createElement("p");
      placeholder.className = "preview-opening";
      placeholder.textContent = note;
      container.appendChild(placeholder);
      scrollOwn(0);
    },

    // Replace the front-matter header (title, dates, preview image, search card).
    setHeader: function (html) {
      keepingView(function () {
        document.getElementById("article-header").innerHTML = html;
      });
    },

    // The caret is on file line `line`: show its block whole, moving as little as possible, and keep
    // it in view through the patches that follow, until the user scrolls the page or stopFollowing().
    revealLine: function (line) {
      followLine = line;
      reveal(line);
      if (bodyElement().classList.contains("long")) {
        // The frame after next has laid out the blocks now in view: measure again with their heights.
        requestAnimationFrame(function () {
          requestAnimationFrame(function () {
            if (followLine === line) {
              reveal(line);
            }
          });
        });
      }
    },

    stopFollowing: function () {
      followLine = null;
    },

    // Scroll so that source line `line` is at the top: to the innermost element starting at or before
    // it, and proportionally into that element up to where the next one starts.
    scrollToLine: function (line) {
      followLine = null;
      const wrapper = wrapperAt(line);
      // Lines before the first block (front matter) and the first block's own line show the header too.
      if (wrapper === null || (wrapper === wrappers()[0] && startOf(wrapper) === line)) {
        scrollOwn(0);
        return;
      }
      const inside = Array.from(wrapper.querySelectorAll("[data-line]"));
      const index = lastAtOrBefore(inside, inside.length, line, lineOf);
      const element = index >= 0 ? inside[index] : wrapper;
      const start = index >= 0 ? lineOf(element) : startOf(wrapper);
      let next = index + 1 < inside.length ? lineOf(inside[index + 1]) : NaN;
      if (!(next > start) && wrapper.nextElementSibling !== null) {
        next = startOf(wrapper.nextElementSibling);
      }
      const box = element.getBoundingClientRect();
      const offset = next > start ? (box.height * Math.min(line - start, next - start)) / (next - start) : 0;
      scrollOwn(window.scrollY + box.top + offset);
    },

    // The file line the top of the window shows (what the source scrolls to when the user scrolls
    // here): 1 at the top of the page, 0 when no block is in view.
    topLine: function () {
      return lineAtTop();
    },
  };

  window.articleEditor = Object.freeze(api);
})();
