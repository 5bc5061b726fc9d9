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
 * cover. A small domain thesaurus (THESAURUS) adds the template's words for what staff type
 * (ベンダー → 事業者・委託先, パッチ → 更新プログラム, 電話番号 → phone numbers…): a section holding
 * only such related words always comes after every section holding a word as typed.
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

    /** A synonym counts this share of a literal match of the word it stands for. */
    const SYNONYM_WEIGHT = 0.7;
    /** A phone number as written in the book (normalised: digits and '-'): 03-5805-1731. */
    const PHONE = /(?<![0-9-])0[0-9]{1,4}-[0-9]{1,4}-[0-9]{3,4}(?![0-9])/g;

    /**
     * Domain thesaurus: the words pharmacy staff type → the words the official template (都薬版
     * BCP 雛形) uses. Each entry is [typed forms, book forms]. A typed form is looked for in the
     * query (as a word or word stem: 「止まったら」 holds 止ま; katakana and Latin forms only as
     * whole words, so ダウンロード does not hold ダウン); each book form is then searched too, as a
     * related word: sections that hold only related words come after every section that holds
     * a word of the query as typed, and a related word counts SYNONYM_WEIGHT of a typed one.
     * A book form may be a RegExp over normalised text (PHONE).
     *
     * A book extends it with its own entries in `window.bcpSearchThesaurus` (same shape), e.g.
     * from a file listed before bcp-search.js in `[output.html] additional-js`.
     */
    const THESAURUS = [
        // Who maintains the systems.
        [['ベンダー', '業者', '保守業者', 'メーカー', '販売店', 'サポート'],
            ['事業者', '委託先', 'システムベンダー', '保守会社', '〇〇〇社']],
        // Updates.
        [['パッチ', 'アップデート', 'アプデ', '修正プログラム', 'windows update'],
            ['更新プログラム', '修正プログラム', 'ファームウェア', '脆弱性対応', '最新のバージョン',
                '最新の状態', '更新']],
        // Phone numbers and contacts.
        [['電話番号', '電話', 'tel', 'でんわ', '番号'], ['連絡先', '電話番号', PHONE]],
        [['連絡先', '連絡する相手', '問い合わせ先'], ['電話番号', '報告先', '連絡体制', PHONE]],
        // Something looks wrong.
        [['怪し', 'あやし', '不審', '知らない', '見覚えのない'],
            ['不審', '見慣れない', '身に覚えのない', '心当たりのない']],
        [['変な', 'おかし', '変だ', 'いつもと違'], ['異常', '見慣れない', '不審']],
        // The system is down.
        [['止ま', '止め', 'ダウン', '落ち', '動かな', '使えな', 'フリーズ', '固ま', '故障'],
            ['停止', '障害', '縮退', '利用できな(い)', '使用できな(い)', '手作業', '代替手段']],
        // Police.
        [['警察', '警察署', '110番', 'ポリス'], ['警視庁', 'サイバー犯罪相談窓口', '都道府県警察']],
        // Malware.
        [['ウイルス', 'ウィルス', 'ビールス', '感染'],
            ['マルウェア', 'ランサムウェア', 'エモテット', 'emotet', '不正プログラム']],
        [['身代金', 'ランサム', '暗号化された', '乗っ取'], ['ランサムウェア', '身代金', '不正アクセス']],
        [['ハッキング', 'ハッカー', 'ハック', '侵入'], ['不正アクセス', 'サイバー攻撃', '侵入']],
        [['詐欺メール', '迷惑メール', 'なりすまし'], ['フィッシング', '不審なメール', '標的型']],
        // Data leaks.
        [['漏れ', '流出', '情報漏洩', '漏洩'], ['漏えい', '漏洩', '個人情報']],
        [['患者情報', '患者データ', 'カルテ'], ['個人情報', '要配慮個人情報', '薬歴', '調剤録']],
        // Systems of a pharmacy.
        [['薬歴'], ['薬剤服用歴', '電子薬歴', '調剤録']],
        [['レセコン', 'レセプト', '会計'], ['レセプトコンピュータ', 'レセコン', '医事会計', '請求']],
        [['保険証', 'マイナ', '資格確認'], ['オンライン資格確認', '被保険者証', '資格確認']],
        [['パソコン', 'pc', '端末'], ['パソコン', '端末', 'コンピュータ', '情報機器']],
        [['ネット', 'インターネット', 'wifi', 'wi-fi', '無線', 'lan'],
            ['ネットワーク', '無線lan', 'ルータ', 'インターネット']],
        [['抜く', '抜け', '切断', 'オフライン', '切り離'], ['遮断', '切り離(す)', '隔離']],
        // People and bodies.
        [['上司', '店長', 'オーナー', '社長', '経営者'], ['開設者', '管理者', '管理薬剤師', '経営層']],
        [['厚労省', '厚生省', '国'], ['厚生労働省']],
        [['個情委', 'ppc'], ['個人情報保護委員会']],
        // Plan, training, recovery, disclosure.
        [['バックアップ', '控え', 'コピー'], ['バックアップ', '複製', '退避']],
        [['直す', '直し', '元に戻', 'リストア'], ['復旧', '復元', 'リストア']],
        [['練習', '研修', '勉強会', '訓練'], ['訓練', '教育', '研修']],
        [['マニュアル', '手順書'], ['手順', '対応の流れ', '事業継続計画']],
        [['公表', '発表', 'お知らせ', '謝罪'], ['情報公開', '公表', 'ホームページ']],
        [['届け出', '届出', '通報'], ['報告', '通報', '届出']],
    ];

    const MESSAGES_JA = {
        phone: '電話番号',
        relatedTitle: '関連語による一致',
        relatedTag: '関連語',
        relatedCount: n => '、ほかに関連語による一致 ' + n + ' 件',
        more: 'ほか',
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
        related: (q, n, terms) => '「' + q + '」を含む項目はありません。関連語（' + terms.join('・')
            + '）を含む項目 ' + n + ' 件',
        synonyms: terms => '／関連語（' + terms.join('・') + '）も含めて検索しました',
    };

    /** The English site (`<html lang="en">`) speaks English; the index is its own. */
    const MESSAGES_EN = {
        phone: 'phone number',
        relatedTitle: 'Match through a related word',
        relatedTag: 'related word',
        relatedCount: n => '; ' + n + ' more through related words',
        more: 'more',
        placeholder: 'Search this plan (e.g. ransomware, police contact)',
        loading: 'Loading the search index…',
        noIndex: 'There is no search index. Build the book with the mdbook-bcp build command.',
        badIndex: 'The search index is outdated or damaged. Rebuild the book with the mdbook-bcp '
            + 'build command.',
        none: q => 'Nothing matches “' + q + '”.',
        exact: (q, n, shown) => n + ' result' + (n === 1 ? '' : 's') + ' for “' + q + '”'
            + (shown < n ? ' (top ' + shown + ' shown)' : ''),
        partial: (q, n, all) => 'Results for “' + q + '”: ' + all + ' with every word, '
            + (n - all) + ' with some of the words',
        fuzzy: (q, n) => 'Nothing contains “' + q + '” as typed. ' + n
            + ' related results (most matching words first)',
        related: (q, n, terms) => 'Nothing contains “' + q + '”. ' + n
            + ' results with related words (' + terms.join(', ') + ')',
        synonyms: terms => ' / related words (' + terms.join(', ') + ') searched too',
    };

    const MESSAGES = typeof document !== 'undefined'
        && /^en/i.test(document.documentElement.lang || '') ? MESSAGES_EN : MESSAGES_JA;

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

    /** Occurrences [start, end) of word `w` (`{text}` or a pattern `{re}`) in `hay`. */
    function occurrences(hay, w) {
        const out = [];
        if (w.re) {
            for (const m of hay.matchAll(w.re)) {
                out.push([m.index, m.index + m[0].length]);
            }
            return out;
        }
        const needle = w.text;
        for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) {
            out.push([i, i + needle.length]);
        }
        return out;
    }

    function count(hay, w) {
        return occurrences(hay, w).length;
    }

    function has(hay, w) {
        if (w.re) {
            w.re.lastIndex = 0;
            const found = w.re.test(hay);
            w.re.lastIndex = 0;
            return found;
        }
        return hay.includes(w.text);
    }

    function contains(sec, w) {
        return has(sec.nTitle, w) || has(sec.nText, w);
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
                if (contains(s, w)) {
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
    function pieces(index, word, longest) {
        const chars = [...word.text];
        const most = longest || chars.length;
        // Cutting a word that does occur: its pieces must occur elsewhere than in it.
        const corpus = longest ? index.corpus.split(word.text).join('\n') : index.corpus;
        const latin = k => k >= 0 && k < chars.length && /[a-z0-9]/.test(chars[k]);
        // A piece neither starts nor ends inside a Latin word: "note" is no "no".
        const cut = k => !(latin(k - 1) && latin(k));
        const out = [];
        for (let i = 0; i < chars.length - 1;) {
            let j = Math.min(chars.length, i + most);
            for (; j >= i + 2; j--) {
                if (cut(i) && cut(j) && corpus.includes(chars.slice(i, j).join(''))) {
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
    /**
     * Words sharing a `slot` (a query word and its related words) are alternatives: the slot
     * counts once towards coverage, with its best member.
     */
    function score(index, sec, words) {
        let sum = 0;
        const all = new Map();
        const found = new Map();
        const matched = [];
        const norm = K1 * (1 - B + B * sec.nText.length / index.avgLen);
        for (const w of words) {
            const slot = w.slot === undefined ? w.text : w.slot;
            const weight = w.w * w.idf;
            all.set(slot, Math.max(all.get(slot) || 0, weight));
            const tf = count(sec.nText, w);
            const inTitle = has(sec.nTitle, w);
            if (tf === 0 && !inTitle) {
                continue;
            }
            let s = tf * (K1 + 1) / (tf + norm);
            if (inTitle) {
                s += TITLE_BOOST;
            }
            if (has(sec.page.nTitle, w)) {
                s += PAGE_TITLE_BOOST;
            }
            sum += weight * s;
            found.set(slot, Math.max(found.get(slot) || 0, weight));
            matched.push(w);
        }
        let allSum = 0;
        let foundSum = 0;
        all.forEach(v => { allSum += v; });
        found.forEach(v => { foundSum += v; });
        return {sum, coverage: allSum > 0 ? foundSum / allSum : 0, matched};
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
    function literalSearch(index, query) {
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
            // Sections holding only parts of a compound word of the query (縮退運転 of
            // 縮退運転計画) come after every section holding the words as typed.
            const seen = new Set(full.concat(part).map(h => h.sec));
            let parts = [];
            // Only words with kanji are compounds of words (ランサムウェア has no ウェア).
            const kanji = t => /[\u4e00-\u9fff々]/.test(t);
            for (const w of words) {
                const n = [...w.text].length;
                if (n > 2 && kanji(w.text)) {
                    parts = parts.concat(pieces(index, w, n - 1).filter(p => kanji(p.text)));
                }
            }
            parts = withIdf(index, parts);
            const compound = [];
            for (const sec of parts.length ? index.sections : []) {
                if (seen.has(sec)) {
                    continue;
                }
                const r = score(index, sec, parts);
                if (r.matched.length) {
                    compound.push({sec, score: r.sum * r.coverage * r.coverage, words: r.matched});
                }
            }
            return {mode: 'exact', words: exactWords.concat(parts), all: full.length, full,
                hits: rank(full).concat(rank(strong(part)), rank(strong(compound)))};
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

    /** Characters of `s` (NFKC, lower case, ー dropped) and their kana-folded twin. */
    function keyForm(s) {
        const raw = s.normalize('NFKC').toLowerCase().replace(/\u30fc/g, '').replace(/\s+/g, ' ');
        return {raw, folded: foldKana(raw)};
    }

    const compiled = new WeakMap();

    /** The thesaurus (built-in and `window.bcpSearchThesaurus`) with normalised forms. */
    /**
     * A related word of the thesaurus: searched as written; a stem names the rest of its word
     * in brackets ('利用できな(い)'), so the header shows the whole word, never a cut one.
     */
    function termForm(t) {
        const m = /^(.*)\((.+)\)$/.exec(t);
        const raw = m ? m[1] : t;
        return {raw, label: m ? m[1] + m[2] : t, text: normalize(raw, false).text};
    }

    function thesaurus(extra) {
        const entries = THESAURUS.concat(Array.isArray(extra) ? extra : []);
        return entries.map(entry => {
            let c = compiled.get(entry);
            if (!c) {
                c = {
                    keys: entry[0].map(keyForm).filter(k => k.raw.trim()),
                    terms: entry[1].map(t => t instanceof RegExp
                        ? {raw: '', text: 're:' + t.source, re: new RegExp(t.source, 'gu')}
                        : termForm(t)).filter(t => t.text),
                };
                compiled.set(entry, c);
            }
            return c;
        });
    }

    /** Whether the thesaurus form `key` occurs in the query `q` (both from keyForm). */
    function keyIn(q, key) {
        const cls = ch => /[a-z0-9]/.test(ch) ? 'L' : isKatakana(ch) ? 'K' : '';
        const last = cls(key.raw[key.raw.length - 1]);
        const first = cls(key.raw[0]);
        for (let i = q.folded.indexOf(key.folded); i >= 0; i = q.folded.indexOf(key.folded, i + 1)) {
            const before = i > 0 ? cls(q.raw[i - 1]) : '';
            const after = cls(q.raw[i + key.raw.length] || '');
            if ((!last || after !== last) && (first !== 'L' || before !== 'L')) {
                return true;
            }
        }
        return false;
    }

    /**
     * Related words of the query from the thesaurus, each in the slot of the query word it
     * stands for (the literal word that holds the typed form, else a slot of its own).
     */
    function relatedWords(index, query, literal) {
        const q = keyForm(query);
        const out = [];
        const seen = new Set(literal.map(w => w.text));
        for (const entry of thesaurus(global.bcpSearchThesaurus)) {
            const key = entry.keys.find(k => keyIn(q, k));
            if (!key) {
                continue;
            }
            const keyText = normalize(key.raw, false).text;
            const host = literal.find(w => w.text === keyText)
                || literal.find(w => w.text.includes(keyText) && w.w >= 1);
            const slot = host ? (host.slot === undefined ? host.text : host.slot) : 'syn:' + keyText;
            const w = (host ? host.w : 1) * SYNONYM_WEIGHT;
            for (const t of entry.terms) {
                if (seen.has(t.text) || literal.some(l => l.text.includes(t.text))) {
                    continue;
                }
                seen.add(t.text);
                out.push({raw: t.raw, label: t.label, text: t.text, re: t.re, w, slot, syn: true});
            }
        }
        return withIdf(index, out);
    }

    /**
     * Searches the prepared index. Returns `{mode, words, all, hits, related, synonyms}` where
     * mode is 'exact' (every word found somewhere), 'fuzzy' (the query occurs nowhere as
     * typed), 'related' (only related words of the thesaurus occur) or 'none'; `all` is the
     * number of hits holding every word; each hit is `{sec, score, words, syn}` with the words
     * it matched (for the teaser and the highlight), `syn` when some are related words.
     * Hits holding a word of the query as typed come first; `related` counts the hits that hold
     * only related words (always last); `synonyms` lists the related words that matched.
     */
    function search(index, query) {
        const lit = literalSearch(index, query);
        const related = lit.mode === 'none' && !query.trim() ? [] : relatedWords(index, query, lit.words);
        if (!related.length) {
            return Object.assign(lit, {related: 0, synonyms: []});
        }
        const words = lit.words.concat(related);
        const full = new Set((lit.full || []).map(h => h.sec));
        const literalHits = [];
        const relatedHits = [];
        for (const sec of index.sections) {
            if (full.has(sec)) {
                continue;
            }
            const r = score(index, sec, words);
            if (!r.matched.length) {
                continue;
            }
            const hit = {sec, score: r.sum * r.coverage * r.coverage, words: r.matched,
                syn: r.matched.some(w => w.syn)};
            (r.matched.some(w => !w.syn) ? literalHits : relatedHits).push(hit);
        }
        const first = lit.mode === 'exact' ? lit.hits.slice(0, lit.all) : [];
        const rest = rank(strong(literalHits));
        const last = rank(strong(relatedHits));
        const hits = first.concat(rest, last);
        const synonyms = [];
        for (const h of hits.slice(0, MAX_RESULTS)) {
            for (const w of h.words) {
                const label = w.re ? MESSAGES.phone : w.label || w.raw;
                if (w.syn && !synonyms.includes(label)) {
                    synonyms.push(label);
                }
            }
        }
        const mode = lit.mode !== 'none' ? lit.mode : hits.length ? 'related' : 'none';
        return {mode, words, all: lit.all, hits, related: last.length, synonyms};
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
            ranges.push(...occurrences(text, w));
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

    const core = {normalize, contentWords, prepare, search, teaser, matchRanges, THESAURUS};
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

    /** Says `text` in the live region (#bcp-search-status of the page template). */
    const status = document.getElementById('bcp-search-status');
    let announceTimer = null;
    function announce(text) {
        if (!status) {
            return;
        }
        // After a pause in typing, so a screen reader is not flooded with counts.
        clearTimeout(announceTimer);
        announceTimer = setTimeout(() => {
            status.textContent = text;
        }, 400);
    }

    function showMessage(text) {
        results.replaceChildren();
        resultsHeader.innerText = text;
        resultsOuter.classList.remove('hidden');
        announce(text);
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
        const marks = hit.words.filter(w => !w.re).map(w => w.raw).join(' ');
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
        teaserEl.innerHTML = teaser(sec, hit.words);
        li.append(a, teaserEl);
        li.dataset.query = query;
        if (hit.syn && !hit.words.some(w => !w.syn)) {
            // Marked in words, not only by colour: the tag is read out with the link.
            li.classList.add('bcp-search-related');
            a.title = MESSAGES.relatedTitle;
            const tag = document.createElement('span');
            tag.className = 'bcp-search-related-tag';
            tag.textContent = MESSAGES.relatedTag;
            a.prepend(tag);
        }
        return li;
    }

    /** The first few related words for the header. */
    function shortList(terms) {
        return terms.length > 4 ? terms.slice(0, 3).concat([MESSAGES.more]) : terms;
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
        const typed = found.hits.length - found.related;
        if (found.mode === 'none') {
            header = MESSAGES.none(query);
        } else if (found.mode === 'related') {
            header = MESSAGES.related(query, found.hits.length, shortList(found.synonyms));
        } else if (found.mode === 'fuzzy') {
            header = MESSAGES.fuzzy(query, typed);
        } else if (found.all < typed) {
            header = MESSAGES.partial(query, typed, found.all);
        } else {
            header = MESSAGES.exact(query, typed, Math.min(typed, shown));
        }
        // Every listed item is counted: those found through related words apart.
        const relatedShown = Math.max(0, shown - Math.min(typed, shown));
        if (relatedShown && found.mode !== 'related') {
            header += MESSAGES.relatedCount(relatedShown);
        }
        if (found.synonyms.length && found.mode !== 'related') {
            header += MESSAGES.synonyms(shortList(found.synonyms));
        }
        resultsHeader.innerText = header;
        announce(header);
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

    function focusResult(li) {
        for (const other of results.querySelectorAll('li.focus')) {
            other.classList.remove('focus');
        }
        li.classList.add('focus');
        li.querySelector('a').focus();
        li.scrollIntoView({block: 'nearest'});
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
            const open = !searchWrap.classList.contains('hidden');
            searchbar.classList.remove('active');
            setSearchUrlParameters('', searchbar.value.trim() !== '' ? 'push' : 'replace');
            if (hasFocus()) {
                unfocusSearchbar();
            }
            showSearch(false);
            unmark();
            if (open) {
                // Back to the button that opened the search.
                searchIcon.focus();
            }
        } else if (!hasFocus() && (e.key === 's' || e.key === '/')) {
            e.preventDefault();
            showSearch(true);
            global.scrollTo(0, 0);
            searchbar.select();
        } else if (hasFocus() && (e.key === 'ArrowDown' || e.key === 'Enter')) {
            e.preventDefault();
            const first = results.firstElementChild;
            if (first !== null) {
                if (e.key === 'Enter') {
                    global.location.assign(first.querySelector('a').href);
                } else {
                    focusResult(first);
                }
            }
        } else if (!hasFocus() && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
            // The keyboard focus itself moves through the result links (Enter follows one).
            const focused = e.target.closest && e.target.closest('#mdbook-searchresults > li');
            if (!focused) {
                return;
            }
            e.preventDefault();
            focused.classList.remove('focus');
            const to = e.key === 'ArrowDown' ? focused.nextElementSibling || focused
                : focused.previousElementSibling;
            if (to) {
                focusResult(to);
            } else {
                searchbar.focus();
                searchbar.select();
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
