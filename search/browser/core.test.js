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
    ],
});
const anchors = q => core.search(index, q).hits.map(h => h.sec.anchor);

test('every section holding the query is found, heading matches first', () => {
    assert.deepEqual(anchors('ランサムウェア'), ['s1-4-2']);
    assert.deepEqual(anchors('紙運用'), ['s2-3-4']);
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
