/*
 * bcp-search.js: Japanese full-text search for the BCP book (mdBook 0.5 search UI).
 *
 * Shipped with `[output.html] additional-js = ["theme/bcp-search.js"]` and
 * `[output.html.search] copy-js = false`, so that mdBook keeps its search markup
 * (#mdbook-search-toggle, #mdbook-searchbar, #mdbook-searchresults…) but ships no search JS.
 * The index, bcp-searchindex.js (written by the bcp-search crate), is loaded through a
 * <script> tag when search is first opened: that works from file:// as well as over http.
 *
 * Matching is on normalised text (see `normalize`): NFKC (full/half width), lower case,
 * katakana folded to hiragana, a word-final long vowel mark dropped (サーバー = サーバ),
 * and spaces next to Japanese dropped (「USB メモリー」 = 「USBメモリー」). The same function
 * normalises the index text, the query and, for highlighting, the target page, so every
 * section that holds the query as the browser's find-in-page would find it is found.
 *
 * Ranking (see `search`): sections holding every space-separated word come first, scored
 * BM25-style (rarer words and denser sections score higher) with a strong bonus for words in
 * the section heading. When the query as typed occurs nowhere (a question such as
 * 「ランサムウェアに感染したら」), it is split into content words at changes of script
 * (particles and inflections in hiragana are left out, a one-kanji verb keeps its first kana:
 * 止まったら → 止ま), words that occur nowhere are cut into the longest pieces that do occur,
 * and sections are ranked by the same score times the square of the share of the query they
 * cover.
 *
 * The file has two parts: a core without DOM (exported as `bcpSearchCore`, also for tests
 * under Node) and the UI, which mirrors mdBook 0.5's searcher.js (keys S and / open search,
 * arrows and Enter pick a result, Escape closes; ?search= and ?highlight= URL parameters).
 */
'use strict';

(function bcpSearch(global) {
    const INDEX_FILE = 'bcp-searchindex.js';
    const INDEX_VERSION = 1;
    const MAX_RESULTS = 30;
    const TEASER_CHARS = 120;
    /** BM25 parameters. */
    const K1 = 1.2;
    const B = 0.75;
    /** Bonus, in units of a word's idf, for the word in the section heading / page title. */
    const TITLE_BOOST = 3;
    const PAGE_TITLE_BOOST = 0.5;
    /** Each further result from the same page has its score multiplied by this. */
    const SAME_PAGE_DECAY = 0.5;
    /** Partial and fuzzy hits scoring below this share of the best one are not shown. */
    const RELATIVE_CUTOFF = 0.1;

    const MESSAGES = {
        placeholder: '本書を検索（例: ランサムウェア、警察 連絡先）',
        loading: '検索インデックスを読み込んでいます…',
        noIndex: '検索インデックスがありません。mdbook-bcp の build コマンドでビルドしてください。',
        badIndex: '検索インデックスの形式が古いか壊れています。mdbook-bcp の build コマンドで'
            + 'ビルドし直してください。',
        none: q => '「' + q + '」に一致する項目はありません。',
        exact: (q, n, shown) => '「' + q + '」の検索結果: ' + n + ' 件'
            + (shown < n ? '（上位 ' + shown + ' 件を表示）' : ''),
        partial: (q, n, all) => '「' + q + '」の検索結果: すべての語を含む項目 ' + all
            + ' 件、一部の語を含む項目 ' + (n - all) + ' 件',
        fuzzy: (q, n) => '「' + q + '」をそのまま含む項目はありません。関連する項目 ' + n
            + ' 件（一致する語の多い順）',
    };

    // ------------------------------------------------------------------------------------
    // Normalisation
    // ------------------------------------------------------------------------------------

    const clusterCache = new Map();
    const markCache = new Map();

    /** Whether code point `cp` continues the previous character (a combining mark). */
    function isMark(cp) {
        if (cp < 0x300) {
            return false;
        }
        if (cp === 0xff9e || cp === 0xff9f) {
            return true; // halfwidth (han)dakuten
        }
        let m = markCache.get(cp);
        if (m === undefined) {
            m = /\p{M}/u.test(String.fromCodePoint(cp));
            markCache.set(cp, m);
        }
        return m;
    }

    /** Normalises one character with its combining marks: NFKC, lower case, dashes. */
    function normCluster(cluster) {
        let n = clusterCache.get(cluster);
        if (n === undefined) {
            n = cluster.normalize('NFKC').toLowerCase()
                .replace(/[\u2010-\u2015\u2212]/g, '-')
                .replace(/\u301c/g, '~');
            clusterCache.set(cluster, n);
        }
        return n;
    }

    function isWide(ch) {
        return ch.codePointAt(0) >= 0x2e80;
    }

    function isKatakana(ch) {
        const c = ch.charCodeAt(0);
        return c >= 0x30a1 && c <= 0x30fa || c === 0x30fc || c >= 0x30fd && c <= 0x30ff;
    }

    /** Katakana to hiragana (ア→あ); other characters unchanged. */
    function foldKana(s) {
        let out = '';
        for (let i = 0; i < s.length; i++) {
            const c = s.charCodeAt(i);
            out += c >= 0x30a1 && c <= 0x30f6 || c === 0x30fd || c === 0x30fe
                ? String.fromCharCode(c - 0x60) : s[i];
        }
        return out;
    }

    /**
     * Normalises `s` for matching. Returns `{text, map}`: `map[i]` is the index in `s` of the
     * character that gave `text[i]` (`map[text.length] === s.length`).
     *
     * With `hardBreaks`, a '\n' in `s` is kept: it separates blocks and no query matches
     * across it (index text). Otherwise it is whitespace like any other (page text, queries).
     * Whitespace is kept as one ' ' between two narrow characters (Latin words), dropped next
     * to a wide (Japanese) character.
     */
    function normalize(s, hardBreaks) {
        const outs = [];
        const starts = [];
        for (let i = 0; i < s.length;) {
            const start = i;
            i += s.codePointAt(i) > 0xffff ? 2 : 1;
            while (i < s.length && isMark(s.codePointAt(i))) {
                i += s.codePointAt(i) > 0xffff ? 2 : 1;
            }
            starts.push(start);
            outs.push(normCluster(s.slice(start, i)));
        }
        const chars = [];
        const map = [];
        let last = '';
        let lastKatakana = false;
        for (let k = 0; k < outs.length; k++) {
            const o = outs[k];
            if (o.trim() === '') {
                if (hardBreaks && s[starts[k]] === '\n') {
                    if (last !== '' && last !== '\n') {
                        chars.push('\n');
                        map.push(starts[k]);
                        last = '\n';
                    }
                    continue;
                }
                let next = k + 1;
                let blockEnds = false;
                while (next < outs.length && outs[next].trim() === '') {
                    blockEnds = blockEnds || hardBreaks && s[starts[next]] === '\n';
                    next++;
                }
                const after = next < outs.length ? outs[next][0] : '';
                if (!blockEnds && last !== '' && last !== '\n' && last !== ' ' && after !== ''
                    && !isWide(last) && !isWide(after)) {
                    chars.push(' ');
                    map.push(starts[k]);
                    last = ' ';
                }
                continue;
            }
            if (o === '\u30fc' && lastKatakana) {
                const after = k + 1 < outs.length ? outs[k + 1][0] : '';
                if (!isKatakana(after)) {
                    continue; // word-final ー: サーバー = サーバ
                }
            }
            lastKatakana = isKatakana(o[o.length - 1]);
            const folded = foldKana(o);
            for (let j = 0; j < folded.length; j++) {
                chars.push(folded[j]);
                map.push(starts[k]);
            }
            last = folded[folded.length - 1];
        }
        while (chars.length && (last === ' ' || last === '\n')) {
            chars.pop();
            map.pop();
            last = chars.length ? chars[chars.length - 1] : '';
        }
        map.push(s.length);
        return {text: chars.join(''), map};
    }

    // ------------------------------------------------------------------------------------
    // Query analysis
    // ------------------------------------------------------------------------------------

    /** Script class of a character of an NFKC'd, lower-cased query. */
    function scriptOf(ch) {
        const c = ch.codePointAt(0);
        if (c >= 0x3041 && c <= 0x309f) {
            return 'H';
        }
        if (c >= 0x30a1 && c <= 0x30ff || c >= 0x31f0 && c <= 0x31ff) {
            return 'K';
        }
        if (c >= 0x4e00 && c <= 0x9fff || c >= 0x3400 && c <= 0x4dbf || c >= 0xf900 && c <= 0xfaff
            || c >= 0x20000 || c === 0x3005 || c === 0x3006) {
            return 'C';
        }
        if (/[\p{L}\p{N}]/u.test(ch) && c < 0x2e80) {
            return 'L';
        }
        return 'O';
    }

    /** Splits a query word into runs of one script; ー continues the run it is in. */
    function scriptRuns(word) {
        const runs = [];
        for (const ch of word) {
            let cls = scriptOf(ch);
            if (ch === '\u30fc' && runs.length) {
                cls = runs[runs.length - 1].cls;
            }
            const last = runs[runs.length - 1];
            if (last && last.cls === cls) {
                last.s += ch;
            } else {
                runs.push({cls, s: ch});
            }
        }
        return runs.filter(r => r.cls !== 'O');
    }

    /**
     * Content words of a query that occurs nowhere as typed, with weights: runs of katakana,
     * kanji and Latin; a one-kanji run keeps its first following kana (止まったら → 止ま);
     * hiragana (particles, inflections) only when a word is all hiragana.
     */
    function contentWords(query) {
        const words = [];
        for (const word of query.normalize('NFKC').toLowerCase().split(/\s+/)) {
            const runs = scriptRuns(word);
            const allKana = runs.length === 1 && runs[0].cls === 'H';
            runs.forEach((run, i) => {
                const len = [...run.s].length;
                const next = runs[i + 1];
                if (run.cls === 'L' || run.cls === 'K') {
                    words.push({raw: run.s, w: len > 1 ? 1 : 0.3});
                } else if (run.cls === 'C' && len > 1) {
                    words.push({raw: run.s, w: 1});
                } else if (run.cls === 'C' && next && next.cls === 'H') {
                    words.push({raw: run.s + [...next.s][0], w: 1});
                    words.push({raw: run.s, w: 0.3});
                } else if (run.cls === 'C') {
                    words.push({raw: run.s, w: 0.6});
                } else if (allKana) {
                    words.push({raw: run.s, w: 1});
                }
            });
        }
        return words;
    }

    // ------------------------------------------------------------------------------------
    // Index and ranking
    // ------------------------------------------------------------------------------------

    /** Prepares a loaded index (`window.bcpSearchIndex`) for searching. */
    function prepare(raw) {
        if (!raw || raw.v !== INDEX_VERSION || !Array.isArray(raw.sections)) {
            throw new Error('unsupported search index');
        }
        const pages = raw.pages.map(([path, title, crumbs]) => ({
            path, title, crumbs, nTitle: normalize(title, false).text,
        }));
        let total = 0;
        const sections = raw.sections.map(([p, anchor, title, text], id) => {
            const body = normalize(text, true);
            total += body.text.length;
            return {
                id, page: pages[p], anchor, title, text,
                nTitle: normalize(title, true).text, nText: body.text, map: body.map,
            };
        });
        const corpus = sections.map(s => s.nTitle + '\n' + s.nText).join('\n');
        return {pages, sections, corpus, avgLen: Math.max(1, total / Math.max(1, sections.length))};
    }

    function count(hay, needle) {
        let n = 0;
        for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) {
            n++;
        }
        return n;
    }

    function contains(sec, text) {
        return sec.nTitle.includes(text) || sec.nText.includes(text);
    }

    /** Adds `text` (normalised) and `idf` to words; drops words found nowhere. */
    function withIdf(index, words) {
        const n = index.sections.length;
        const seen = new Map();
        for (const w of words) {
            w.text = w.text || normalize(w.raw, false).text;
            if (!w.text) {
                continue;
            }
            const prev = seen.get(w.text);
            if (prev) {
                prev.w = Math.max(prev.w, w.w);
                continue;
            }
            let df = 0;
            for (const s of index.sections) {
                if (contains(s, w.text)) {
                    df++;
                }
            }
            w.df = df;
            w.idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
            seen.set(w.text, w);
        }
        return [...seen.values()].filter(w => w.df > 0);
    }

    /**
     * Cuts a word that occurs nowhere into the longest pieces (two or more characters) that
     * occur somewhere, left to right: 被害拡大防止策 → 被害拡大防止, 持ち出し → 持ち出.
     * Pieces of hiragana only (particles, endings) are left out. Weight is shared by length.
     */
    function pieces(index, word) {
        const chars = [...word.text];
        const latin = k => k >= 0 && k < chars.length && /[a-z0-9]/.test(chars[k]);
        // A piece neither starts nor ends inside a Latin word: "note" is no "no".
        const cut = k => !(latin(k - 1) && latin(k));
        const out = [];
        for (let i = 0; i < chars.length - 1;) {
            let j = chars.length;
            for (; j >= i + 2; j--) {
                if (cut(i) && cut(j) && index.corpus.includes(chars.slice(i, j).join(''))) {
                    break;
                }
            }
            if (j >= i + 2) {
                // Particles at the edges are not part of the word: の連絡先は → 連絡先.
                const text = chars.slice(i, j).join('')
                    .replace(/^[\u3041-\u309f]+/, '').replace(/[はがをにでとのへもや]+$/, '');
                if ([...text].length > 1 && !/^[\u3041-\u309f\u30fc]+$/.test(text)) {
                    out.push({raw: text, text, w: word.w * [...text].length / chars.length});
                }
                i = j;
            } else {
                i++;
            }
        }
        return out;
    }

    /** Score of one section for weighted words; `coverage` is the share of weight·idf found. */
    function score(index, sec, words) {
        let sum = 0;
        let found = 0;
        let all = 0;
        const matched = [];
        const norm = K1 * (1 - B + B * sec.nText.length / index.avgLen);
        for (const w of words) {
            all += w.w * w.idf;
            const tf = count(sec.nText, w.text);
            const inTitle = sec.nTitle.includes(w.text);
            if (tf === 0 && !inTitle) {
                continue;
            }
            let s = tf * (K1 + 1) / (tf + norm);
            if (inTitle) {
                s += TITLE_BOOST;
            }
            if (sec.page.nTitle.includes(w.text)) {
                s += PAGE_TITLE_BOOST;
            }
            sum += w.w * w.idf * s;
            found += w.w * w.idf;
            matched.push(w);
        }
        return {sum, coverage: all > 0 ? found / all : 0, matched};
    }

    /** The hits that score at least RELATIVE_CUTOFF of the best one. */
    function strong(hits) {
        const best = Math.max(0, ...hits.map(h => h.score));
        return hits.filter(h => h.score >= best * RELATIVE_CUTOFF);
    }

    /** Sorts hits by score (ties: book order), damping repeats from the same page. */
    function rank(hits) {
        hits.sort((a, b) => b.score - a.score || a.sec.id - b.sec.id);
        const out = [];
        const perPage = new Map();
        const pending = hits.slice();
        while (pending.length) {
            let best = 0;
            let bestScore = -1;
            for (let i = 0; i < pending.length; i++) {
                const seen = perPage.get(pending[i].sec.page) || 0;
                const s = pending[i].score * Math.pow(SAME_PAGE_DECAY, seen);
                if (s > bestScore) {
                    bestScore = s;
                    best = i;
                }
                if (seen === 0) {
                    break; // sorted: nothing later can beat an undamped score
                }
            }
            const hit = pending.splice(best, 1)[0];
            perPage.set(hit.sec.page, (perPage.get(hit.sec.page) || 0) + 1);
            out.push(hit);
        }
        return out;
    }

    /**
     * Searches the prepared index. Returns `{mode, words, all, hits}` where mode is 'exact'
     * (every word found somewhere), 'fuzzy' (the query occurs nowhere as typed) or 'none';
     * `all` is the number of hits holding every word; each hit is `{sec, score, words}` with
     * the normalised words it matched (for the teaser and the highlight).
     */
    function search(index, query) {
        const words = [];
        for (const raw of query.split(/\s+/)) {
            const text = normalize(raw, false).text;
            if (text && !words.some(w => w.text === text)) {
                words.push({raw, text, w: 1});
            }
        }
        if (!words.length) {
            return {mode: 'none', words: [], all: 0, hits: []};
        }
        const exactWords = withIdf(index, words.map(w => Object.assign({}, w)));
        const full = [];
        const part = [];
        if (exactWords.length) {
            for (const sec of index.sections) {
                const r = score(index, sec, exactWords);
                if (!r.matched.length) {
                    continue;
                }
                const hit = {sec, score: r.sum * r.coverage * r.coverage, words: r.matched};
                (r.matched.length === words.length ? full : part).push(hit);
            }
        }
        if (full.length) {
            return {mode: 'exact', words: exactWords, all: full.length,
                hits: rank(full).concat(rank(strong(part)))};
        }
        // The query occurs nowhere as typed: rank by how much of it a section covers.
        const wanted = contentWords(query)
            .map(w => Object.assign(w, {text: normalize(w.raw, false).text}))
            .filter(w => w.text);
        let content = withIdf(index, wanted.map(w => Object.assign({}, w)));
        for (const w of wanted.concat(words)) {
            if (w.text.length > 1 && !content.some(c => c.text === w.text)) {
                content = content.concat(withIdf(index, pieces(index, w)));
            }
        }
        content = withIdf(index, content);
        const hits = [];
        for (const sec of index.sections) {
            const r = score(index, sec, content);
            if (r.matched.length) {
                hits.push({sec, score: r.sum * r.coverage * r.coverage, words: r.matched});
            }
        }
        return {mode: hits.length ? 'fuzzy' : 'none', words: content, all: 0,
            hits: rank(strong(hits))};
    }

    function escapeHtml(s) {
        return s.replace(/[&<>"']/g, c => ({
            '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;',
        })[c]);
    }

    /** Match ranges [start, end) of `words` in normalised `text`, sorted and merged. */
    function matchRanges(text, words) {
        const ranges = [];
        for (const w of words) {
            for (let i = text.indexOf(w.text); i >= 0; i = text.indexOf(w.text, i + w.text.length)) {
                ranges.push([i, i + w.text.length]);
            }
        }
        ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
        const merged = [];
        for (const r of ranges) {
            const last = merged[merged.length - 1];
            if (last && r[0] <= last[1]) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.push(r.slice());
            }
        }
        return merged;
    }

    /** A snippet of the section around its densest matches, matches in <em>, as HTML. */
    function teaser(sec, words) {
        const text = sec.text;
        const ranges = matchRanges(sec.nText, words).map(([a, b]) => {
            let end = sec.map[b];
            while (end > sec.map[a] && /\s/.test(text[end - 1])) {
                end--;
            }
            return [sec.map[a], end];
        });
        let start = 0;
        let best = 0;
        for (const [a] of ranges) {
            const inWindow = ranges.filter(r => r[0] >= a && r[1] <= a + TEASER_CHARS * 0.7).length;
            if (inWindow > best) {
                best = inWindow;
                start = a;
            }
        }
        start = Math.max(0, start - 20);
        const end = Math.min(text.length, start + TEASER_CHARS);
        let html = start > 0 ? '…' : '';
        let pos = start;
        for (const [a, b] of ranges) {
            if (b <= pos || a >= end) {
                continue;
            }
            html += escapeHtml(text.slice(pos, Math.max(pos, a)));
            html += '<em>' + escapeHtml(text.slice(Math.max(pos, a), Math.min(b, end))) + '</em>';
            pos = Math.min(b, end);
        }
        html += escapeHtml(text.slice(pos, end)) + (end < text.length ? '…' : '');
        return html.replace(/\n/g, ' ');
    }

    const core = {normalize, contentWords, prepare, search, teaser, matchRanges};
    global.bcpSearchCore = core;
    if (typeof module === 'object' && module.exports) {
        module.exports = core;
    }
    if (typeof document === 'undefined') {
        return;
    }

    // ------------------------------------------------------------------------------------
    // User interface (after mdBook 0.5's searcher.js)
    // ------------------------------------------------------------------------------------

    const searchWrap = document.getElementById('mdbook-search-wrapper');
    const searchbarOuter = document.getElementById('mdbook-searchbar-outer');
    const searchbar = document.getElementById('mdbook-searchbar');
    const results = document.getElementById('mdbook-searchresults');
    const resultsOuter = document.getElementById('mdbook-searchresults-outer');
    const resultsHeader = document.getElementById('mdbook-searchresults-header');
    const searchIcon = document.getElementById('mdbook-search-toggle');
    const content = document.getElementById('mdbook-content');
    if (!searchWrap || !searchbar || !results || !resultsOuter || !resultsHeader || !searchIcon) {
        return; // search disabled in book.toml
    }
    if (global.elasticlunr) {
        console.warn('bcp-search: mdBook\'s own search is active; set '
            + '[output.html.search] copy-js = false to use the Japanese search.');
        return;
    }
    const rootPath = typeof path_to_root === 'string' ? path_to_root : '';
    const SEARCH_PARAM = 'search';
    const MARK_PARAM = 'highlight';

    let index = null;
    let indexState = 'unloaded'; // 'loading', 'ready', 'missing', 'broken'
    let currentQuery = '';

    searchbar.placeholder = MESSAGES.placeholder;

    function hasFocus() {
        return searchbar === document.activeElement;
    }

    global.search = global.search || {};
    global.search.hasFocus = hasFocus;

    function showMessage(text) {
        results.replaceChildren();
        resultsHeader.innerText = text;
        resultsOuter.classList.remove('hidden');
    }

    function loadIndex() {
        if (indexState !== 'unloaded') {
            return;
        }
        indexState = 'loading';
        searchbarOuter.classList.add('searching');
        const script = document.createElement('script');
        script.src = rootPath + INDEX_FILE;
        script.id = 'bcp-search-index';
        script.onload = () => {
            searchbarOuter.classList.remove('searching');
            try {
                index = prepare(global.bcpSearchIndex);
                indexState = 'ready';
            } catch (e) {
                console.error('bcp-search:', e);
                indexState = 'broken';
            }
            global.search.ready = indexState;
            currentQuery = '';
            if (searchbar.value.trim() !== '') {
                doSearch(searchbar.value.trim());
            }
        };
        script.onerror = () => {
            searchbarOuter.classList.remove('searching');
            indexState = 'missing';
            global.search.ready = indexState;
            searchbar.placeholder = MESSAGES.noIndex;
            showMessage(MESSAGES.noIndex);
        };
        document.head.append(script);
    }

    function resultItem(hit, query) {
        const sec = hit.sec;
        const page = sec.page;
        const crumbs = page.crumbs.concat([page.title]);
        if (sec.title && sec.title !== page.title) {
            crumbs.push(sec.title);
        }
        const marks = hit.words.map(w => w.raw).join(' ');
        let href = rootPath + page.path + '?' + MARK_PARAM + '='
            + encodeURIComponent(marks).replace(/'/g, '%27');
        if (sec.anchor) {
            href += '#' + encodeURIComponent(sec.anchor);
        }
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = href;
        a.textContent = crumbs.join(' » ');
        const teaserEl = document.createElement('span');
        teaserEl.className = 'teaser';
        teaserEl.setAttribute('aria-label', 'Search Result Teaser');
        teaserEl.innerHTML = teaser(sec, hit.words);
        li.append(a, teaserEl);
        li.dataset.query = query;
        return li;
    }

    function doSearch(query) {
        if (query === currentQuery && indexState === 'ready') {
            return;
        }
        currentQuery = query;
        if (indexState === 'missing') {
            showMessage(MESSAGES.noIndex);
            return;
        }
        if (indexState === 'broken') {
            showMessage(MESSAGES.badIndex);
            return;
        }
        if (indexState !== 'ready') {
            showMessage(MESSAGES.loading);
            return;
        }
        const found = search(index, query);
        const shown = Math.min(found.hits.length, MAX_RESULTS);
        let header;
        if (found.mode === 'none') {
            header = MESSAGES.none(query);
        } else if (found.mode === 'fuzzy') {
            header = MESSAGES.fuzzy(query, found.hits.length);
        } else if (found.all < found.hits.length) {
            header = MESSAGES.partial(query, found.hits.length, found.all);
        } else {
            header = MESSAGES.exact(query, found.hits.length, shown);
        }
        resultsHeader.innerText = header;
        const items = found.hits.slice(0, shown).map(hit => resultItem(hit, query));
        results.replaceChildren(...items);
        resultsOuter.classList.remove('hidden');
    }

    function onQuery() {
        const query = searchbar.value.trim();
        if (query === '') {
            searchbar.classList.remove('active');
            resultsOuter.classList.add('hidden');
            results.replaceChildren();
            currentQuery = '';
        } else {
            searchbar.classList.add('active');
            doSearch(query);
        }
        setSearchUrlParameters(query, 'push_if_new_search_else_replace');
        unmark();
    }

    function showSearch(yes) {
        if (yes) {
            loadIndex();
            searchWrap.classList.remove('hidden');
            searchIcon.setAttribute('aria-expanded', 'true');
        } else {
            searchWrap.classList.add('hidden');
            searchIcon.setAttribute('aria-expanded', 'false');
            for (const li of results.children) {
                li.classList.remove('focus');
            }
        }
    }

    function unfocusSearchbar() {
        // As mdBook does: focusing a throwaway input moves the focus off the search bar.
        const tmp = document.createElement('input');
        tmp.setAttribute('style', 'position: absolute; opacity: 0;');
        searchIcon.appendChild(tmp);
        tmp.focus();
        tmp.remove();
    }

    function setSearchUrlParameters(query, action) {
        let url;
        try {
            url = new URL(global.location.href);
        } catch (e) {
            return;
        }
        const firstSearch = !url.searchParams.has(SEARCH_PARAM);
        if (query !== '' || action === 'push_if_new_search_else_replace') {
            url.searchParams.set(SEARCH_PARAM, query);
            url.searchParams.delete(MARK_PARAM);
            url.hash = '';
        } else {
            url.searchParams.delete(MARK_PARAM);
            url.searchParams.delete(SEARCH_PARAM);
        }
        try {
            if (action === 'push' || action === 'push_if_new_search_else_replace' && firstSearch) {
                history.pushState({}, document.title, url.href);
            } else {
                history.replaceState({}, document.title, url.href);
            }
        } catch (e) {
            // Some browsers refuse history changes on file:// pages; search works regardless.
        }
    }

    function globalKeyHandler(e) {
        if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.isComposing
            || e.target.type === 'textarea' || e.target.type === 'text'
            || !hasFocus() && typeof mdbook_something_else_has_focus === 'function'
                && mdbook_something_else_has_focus(e)) {
            return;
        }
        if (e.key === 'Escape') {
            e.preventDefault();
            searchbar.classList.remove('active');
            setSearchUrlParameters('', searchbar.value.trim() !== '' ? 'push' : 'replace');
            if (hasFocus()) {
                unfocusSearchbar();
            }
            showSearch(false);
            unmark();
        } else if (!hasFocus() && (e.key === 's' || e.key === '/')) {
            e.preventDefault();
            showSearch(true);
            global.scrollTo(0, 0);
            searchbar.select();
        } else if (hasFocus() && (e.key === 'ArrowDown' || e.key === 'Enter')) {
            e.preventDefault();
            const first = results.firstElementChild;
            if (first !== null) {
                unfocusSearchbar();
                first.classList.add('focus');
                if (e.key === 'Enter') {
                    global.location.assign(first.querySelector('a').href);
                }
            }
        } else if (!hasFocus() && (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Enter')) {
            const focused = results.querySelector('li.focus');
            if (!focused) {
                return;
            }
            e.preventDefault();
            if (e.key === 'ArrowDown') {
                const next = focused.nextElementSibling;
                if (next) {
                    focused.classList.remove('focus');
                    next.classList.add('focus');
                    next.scrollIntoView({block: 'nearest'});
                }
            } else if (e.key === 'ArrowUp') {
                focused.classList.remove('focus');
                const prev = focused.previousElementSibling;
                if (prev) {
                    prev.classList.add('focus');
                    prev.scrollIntoView({block: 'nearest'});
                } else {
                    searchbar.select();
                }
            } else {
                global.location.assign(focused.querySelector('a').href);
            }
        }
    }

    // ---- Highlighting the matches on the target page (?highlight=) ----

    const BLOCK_SELECTOR = 'p,li,td,th,h1,h2,h3,h4,h5,h6,dt,dd,pre,blockquote,figcaption,'
        + 'caption,summary,div,section,main';

    function unmark() {
        const marks = document.querySelectorAll('mark.bcp-search-mark');
        for (const m of marks) {
            const parent = m.parentNode;
            parent.replaceChild(document.createTextNode(m.textContent), m);
            parent.normalize();
        }
    }

    /** Wraps every occurrence of the normalised `words` in the page content in <mark>. */
    function markWords(words) {
        const root = content && (content.querySelector('main') || content);
        if (!root || !words.length) {
            return [];
        }
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
            acceptNode: node => node.parentElement.closest('script,style,svg,mark,.hidden')
                ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
        });
        // Text nodes of one block are searched together, so a match may span <strong> etc.
        const groups = [];
        let group = null;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const block = node.parentElement.closest(BLOCK_SELECTOR);
            if (!group || group.block !== block) {
                group = {block, nodes: [], text: ''};
                groups.push(group);
            }
            group.nodes.push({node, at: group.text.length});
            group.text += node.data;
        }
        const pieces = [];
        for (const g of groups) {
            const n = normalize(g.text, false);
            for (const [a, b] of matchRanges(n.text, words)) {
                const from = n.map[a];
                let to = n.map[b];
                while (to > from && /\s/.test(g.text[to - 1])) {
                    to--;
                }
                for (const {node, at} of g.nodes) {
                    const s = Math.max(from, at);
                    const e = Math.min(to, at + node.data.length);
                    if (s < e) {
                        pieces.push({node, s: s - at, e: e - at});
                    }
                }
            }
        }
        // From the end, so that splitting a text node leaves earlier offsets valid.
        const marks = [];
        for (let i = pieces.length - 1; i >= 0; i--) {
            const {node, s, e} = pieces[i];
            const range = document.createRange();
            range.setStart(node, s);
            range.setEnd(node, e);
            const mark = document.createElement('mark');
            mark.className = 'bcp-search-mark';
            range.surroundContents(mark);
            marks.push(mark);
        }
        return marks.reverse();
    }

    function doSearchOrMarkFromUrl() {
        let url;
        try {
            url = new URL(global.location.href);
        } catch (e) {
            return;
        }
        const query = url.searchParams.get(SEARCH_PARAM);
        if (query) {
            showSearch(true);
            searchbar.value = query;
            onQuery();
        } else {
            showSearch(false);
        }
        const mark = url.searchParams.get(MARK_PARAM);
        if (mark) {
            const words = mark.split(/\s+/).map(raw => ({text: normalize(raw, false).text}))
                .filter(w => w.text);
            const marks = markWords(words);
            const hide = () => {
                for (const m of marks) {
                    m.classList.add('fade-out');
                }
                global.setTimeout(unmark, 300);
                setSearchUrlParameters('', 'replace');
            };
            for (const m of marks) {
                m.addEventListener('click', hide);
            }
        }
    }

    searchIcon.addEventListener('click', () => {
        if (searchWrap.classList.contains('hidden')) {
            showSearch(true);
            global.scrollTo(0, 0);
            searchbar.select();
        } else {
            showSearch(false);
        }
    });
    searchbar.addEventListener('input', e => {
        if (!e.isComposing) {
            onQuery();
        }
    });
    searchbar.addEventListener('compositionend', onQuery);
    searchbar.addEventListener('keyup', e => {
        if (!e.isComposing && searchbar.value.trim() !== currentQuery) {
            onQuery();
        }
    });
    document.addEventListener('keydown', globalKeyHandler);
    document.addEventListener('submit', e => e.preventDefault());
    global.addEventListener('popstate', doSearchOrMarkFromUrl);
    doSearchOrMarkFromUrl();
})(typeof window !== 'undefined' ? window : globalThis);
