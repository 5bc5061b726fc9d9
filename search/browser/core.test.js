// Unit tests of the searcher's core (normalisation, query analysis, ranking, teasers).
// Run: node --test search/browser/core.test.js   (cargo test -p bcp-search runs it too)
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const core = require('../../theme/bcp-search.js');

const norm = s => core.normalize(s, true).text;

test('width, case and kana are normalised', () => {
    assert.equal(norm('ＢＣＰ'), 'bcp');
    assert.equal(norm('Bcp'), 'bcp');
    assert.equal(norm('ｶﾞｲﾄﾞﾗｲﾝ'), norm('ガイドライン'));
    assert.equal(norm('ランサムウェア'), norm('らんさむうぇあ'));
    assert.equal(norm('０３－５８０５－１７３１'), '03-5805-1731');
    assert.equal(norm('①'), '1');
});

test('word-final long vowel marks are optional', () => {
    assert.equal(norm('サーバー'), norm('サーバ'));
    assert.equal(norm('メモリーの'), norm('メモリの'));
    assert.ok(norm('ユーザーID').startsWith(norm('ユーザ')));
    assert.equal(norm('ルーター'), norm('ルータ'));
});

test('spaces next to Japanese are dropped, between Latin words kept', () => {
    assert.equal(norm('USB メモリー'), norm('USBメモリー'));
    assert.equal(norm('IP アドレス'), norm('IPアドレス'));
    assert.equal(norm('暗号化さ れ'), norm('暗号化され'));
    assert.equal(norm('Business  Continuity'), 'business continuity');
});

test('hard breaks separate blocks; soft ones are whitespace', () => {
    assert.equal(core.normalize('警視庁\n03', true).text, '警視庁\n03');
    assert.equal(core.normalize('警視庁\n03', false).text, '警視庁03');
    assert.equal(core.normalize('a \n b', true).text, 'a\nb');
});

test('the offset map points back into the original text', () => {
    const src = 'ＵＳＢ メモリー';
    const {text, map} = core.normalize(src, true);
    assert.equal(text, 'usbめもり');
    assert.equal(map.length, text.length + 1);
    assert.equal(src.slice(map[3], map[text.length]), 'メモリー');
});

test('questions are cut into content words at script changes', () => {
    const words = q => core.contentWords(q).map(w => w.raw);
    assert.deepEqual(words('ランサムウェアに感染したら'), ['ランサムウェア', '感染']);
    assert.deepEqual(words('警察の連絡先は'), ['警察', '連絡先']);
    assert.deepEqual(words('システムが止まったら調剤はどうする'), ['システム', '止ま', '止', '調剤']);
    assert.deepEqual(words('IPアドレス'), ['ip', 'アドレス']);
    assert.deepEqual(words('ばっくあっぷ'), ['ばっくあっぷ']);
});

// A small index in the format the bcp-search crate writes.
const index = core.prepare({
    v: 1,
    pages: [
        ['ch1/1-4.html', '1.4 想定する事象', ['第1章 総則']],
        ['ch2/2-2.html', '2.2 非常時に備えた体制', ['第2章 体制整備']],
        ['ch2/2-3.html', '2.3 事業継続戦略', ['第2章 体制整備']],
    ],
    sections: [
        [0, 's1-4', '1.4 想定する事象', 'サイバー攻撃によりシステムが停止する。'],
        [0, 's1-4-2', '1.4.2 備えるべき脅威', 'No\nIT リスク\n1\n身代金要求型ウイルス（ランサムウェア）\nウェブサイト閲覧で感染する。'],
        [1, 's2-2-1', '2.2.1 連絡体制図', '連絡先、電話番号を定める。'],
        [1, 's2-2-2', '2.2.2 重要関係先連絡リスト', '関係先\n連絡先\n警察\n03-5805-1731\n個人情報保護委員会\n03-6457-9680'],
        [2, 's2-3-4', '2.3.4 リスク評価・代替運用', '電子薬歴\n紙運用\n薬袋\n手書き'],
        [2, '連絡先', '連絡先', 'ベンダーの連絡先。'],
        [2, 's2-3-5', '2.3.5 事業者への依頼', '事業者に復旧を依頼する。事業者と委託先の事業者。'],
        [0, 's1-4-3', '1.4.3 被害想定', '見慣れない画面が表示される。不審なメールを開く。'],
        [2, 's2-3-6', '2.3.6 縮退運転', 'システム障害の間は縮退運転で手作業による運用を行う。'],
    ],
});
const anchors = q => core.search(index, q).hits.map(h => h.sec.anchor);

test('every section holding the query is found, heading matches first', () => {
    assert.deepEqual(anchors('ランサムウェア'), ['s1-4-2']);
    assert.equal(anchors('紙運用')[0], 's2-3-4', 'as typed first (then sections with 運用)');
    assert.deepEqual(anchors('警察'), ['s2-2-2']);
    const contact = anchors('連絡先');
    assert.deepEqual([...contact].sort(), ['s2-2-1', 's2-2-2', '連絡先'].sort());
    assert.equal(contact[0], '連絡先', 'the section titled 連絡先 comes first');
});

test('matches never cross a block break', () => {
    assert.equal(core.search(index, '警察03').mode, 'fuzzy', 'no exact match across cells');
    assert.equal(core.search(index, '警察 03').mode, 'exact');
});

test('all space-separated words must match; partial matches follow', () => {
    const r = core.search(index, '連絡先 電話番号');
    assert.equal(r.mode, 'exact');
    assert.equal(r.all, 1);
    assert.equal(r.hits[0].sec.anchor, 's2-2-1');
});

test('a question that occurs nowhere is ranked by coverage', () => {
    const r = core.search(index, 'ランサムウェアに感染したら');
    assert.equal(r.mode, 'fuzzy');
    assert.equal(r.hits[0].sec.anchor, 's1-4-2');
    const p = core.search(index, '警察の連絡先は');
    assert.equal(p.mode, 'fuzzy');
    assert.equal(p.hits[0].sec.anchor, 's2-2-2');
});

test('a compound word also finds the sections holding its parts, after the whole', () => {
    const idx = core.prepare({v: 1, pages: [['a.html', 'A', []], ['b.html', 'B', []]], sections: [
        [0, 's1', '縮退運転', 'システム障害の間は縮退運転で手作業による運用を行う。'],
        [1, 's2', '計画', '事業継続計画を定める。'],
        [1, 's3', '縮退運転計画の例', '縮退運転計画を作る。'],
        [1, 's4', '連絡', '連絡先を定める。'],
    ]});
    const hits = core.search(idx, '縮退運転計画').hits.map(h => h.sec.anchor);
    assert.equal(hits[0], 's3', 'the whole compound first');
    assert.deepEqual([...hits.slice(1)].sort(), ['s1', 's2'], 'then its parts');
    assert.equal(core.search(idx, '連絡').hits.length, 1, 'a short word is not cut');
    assert.deepEqual(core.search(index, 'ランサムウェア').hits.map(h => h.sec.anchor), ['s1-4-2'],
        'a katakana word is not cut into pieces');
});

test('nothing found gives mode none', () => {
    assert.equal(core.search(index, 'zzz').mode, 'none');
    assert.equal(core.search(index, '   ').mode, 'none');
});

test('teasers show the original text with matches emphasised', () => {
    const sec = index.sections[3];
    const html = core.teaser(sec, [{text: norm('警察')}]);
    assert.match(html, /<em>警察<\/em>/);
    assert.ok(!html.includes('\n'));
    const esc = core.teaser({text: '<b>', nText: '<b>', map: [0, 1, 2, 3]}, [{text: 'b'}]);
    assert.equal(esc, '&lt;<em>b</em>&gt;');
});

test('an index of another version is refused', () => {
    assert.throws(() => core.prepare({v: 99, pages: [], sections: []}));
});

test('thesaurus: related words come after every section holding the typed word', () => {
    const r = core.search(index, 'ベンダー');
    assert.equal(r.mode, 'exact');
    assert.deepEqual(r.hits.map(h => h.sec.anchor), ['連絡先', 's2-3-5']);
    assert.ok(!r.hits[0].syn);
    assert.ok(r.hits[1].syn, 'the 事業者 section is a related hit');
    assert.equal(r.related, 1);
    assert.ok(r.synonyms.includes('事業者') && r.synonyms.includes('委託先'), r.synonyms);
});

test('thesaurus: a query found only through related words', () => {
    const r = core.search(index, '怪しい');
    assert.equal(r.mode, 'related');
    assert.equal(r.hits[0].sec.anchor, 's1-4-3');
    assert.match(core.teaser(r.hits[0].sec, r.hits[0].words), /<em>見慣れない<\/em>/);
    const down = core.search(index, 'システムが止まったら');
    assert.equal(down.hits[0].sec.anchor, 's2-3-6', 'システム + 障害・縮退・手作業');
    assert.ok(down.synonyms.includes('縮退'), down.synonyms);
});

test('thesaurus: phone numbers stand for 電話番号', () => {
    const r = core.search(index, '電話番号');
    assert.equal(r.hits[0].sec.anchor, 's2-2-1', 'the literal hit first');
    const list = r.hits.find(h => h.sec.anchor === 's2-2-2');
    assert.ok(list && list.syn, 'the list of numbers is a related hit');
    assert.match(core.teaser(list.sec, list.words), /<em>03-5805-1731<\/em>/);
    assert.ok(r.synonyms.includes('電話番号') || r.synonyms.length > 0);
});

test('thesaurus: typed forms match whole katakana and Latin words only', () => {
    assert.deepEqual(core.search(index, 'ダウンロード').synonyms, []);
    assert.ok(core.search(index, 'システムダウン').synonyms.length > 0);
    assert.deepEqual(core.search(index, 'protel').synonyms, []);
    assert.equal(core.search(index, '紙運用').related, 0, 'no entry, no related hits');
});

test('a book can extend the thesaurus through window.bcpSearchThesaurus', () => {
    assert.equal(core.search(index, 'ほげほげ').mode, 'none');
    globalThis.bcpSearchThesaurus = [[['ほげほげ'], ['紙運用']]];
    try {
        const r = core.search(index, 'ほげほげ');
        assert.equal(r.mode, 'related');
        assert.deepEqual(r.hits.map(h => h.sec.anchor), ['s2-3-4']);
    } finally {
        delete globalThis.bcpSearchThesaurus;
    }
});

test('every thesaurus entry is [typed forms, book forms]', () => {
    for (const entry of core.THESAURUS) {
        assert.equal(entry.length, 2);
        assert.ok(entry[0].length > 0 && entry[1].length > 0, JSON.stringify(entry));
        for (const form of entry[0]) {
            assert.equal(typeof form, 'string');
        }
    }
});
